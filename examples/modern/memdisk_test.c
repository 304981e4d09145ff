/*
 * Calls every memdisk wrapper (dialect qemu-10.2) where it may be called and
 * checks the results, where the driver function ran and which graph locks
 * it held: co wrappers from outside (and the mixed ones from inside) a
 * coroutine, no_co wrappers from inside. Calls where they are forbidden
 * must kill the process; those run in a child.
 */
#define _POSIX_C_SOURCE 200809L /* fork, waitpid */

#include <sys/wait.h>
#include <unistd.h>

#include "examples/modern/block-global-state.h"
#include "examples/modern/block-io.h"
#include "examples/util.h"

static BlockDriverState mem0 = { .node_name = "mem0" };
static BdrvChild file = { .bs = &mem0, .name = "file" };

#define CHECK(cond) COWRAP_CHECK(cond)

typedef struct Before {
    CowrapRtStats rt;
    CowrapGraphStats g;
} Before;

static Before now(void)
{
    n_calls = 0;
    return (Before) { cowrap_rt_stats, cowrap_graph_stats };
}

#define D(f) (cowrap_rt_stats.f - b->rt.f)
#define G(f) (cowrap_graph_stats.f - b->g.f)
#define EXPECT(cond) do {                                               \
    if (!(cond)) {                                                      \
        cowrap_fatal("line %d: wrapper for %s: %s", line, fn, #cond);   \
    }                                                                   \
} while (0)

/*
 * A co wrapper called at line ran fn (first of n driver calls, bhs I/O
 * waits). Outside a coroutine: in a new one in ctx, under the graph rdlock
 * if rdlock. Inside (mixed only): directly, calling assume_graph_lock if
 * rdlock. drv_locks: graph rdlocks the driver itself took.
 */
#define EXPECT_CO(b, fn, n, ctx, bhs, rdlock, drv_locks) \
    expect_co(__LINE__, (b), (fn), (n), (ctx), (bhs), (rdlock), (drv_locks))

static void expect_co(int line, const Before *b, const char *fn, unsigned n,
                      AioContext *ctx, unsigned bhs, bool rdlock,
                      unsigned drv_locks)
{
    const CallSite *c = &calls[0];

    EXPECT(n_calls == n && strcmp(c->fn, fn) == 0);
    EXPECT(c->in_co && c->ctx == ctx);
    EXPECT(D(bh_run) == bhs && D(bh_scheduled) == bhs);
    EXPECT(c->main_rd == 0 && c->wr == 0);
    EXPECT(G(rdlock_main_loop) == 0 && G(wrlock) == 0);
    EXPECT(G(co_rdunlock) == G(co_rdlock));
    if (qemu_in_coroutine()) {
        EXPECT(c->co == qemu_coroutine_self());
        EXPECT(D(coroutines_created) == 0);
        EXPECT(G(assume) == rdlock && G(co_rdlock) == drv_locks);
    } else {
        EXPECT(D(coroutines_created) == 1 && D(coroutines_terminated) == 1);
        EXPECT(D(wait_kicks) >= 1);
        EXPECT(G(assume) == 0 && G(co_rdlock) == rdlock + drv_locks);
        EXPECT(c->co_rd == rdlock);
    }
}

/*
 * A no_co wrapper called at line from a coroutine ran fn in a bottom half of
 * the main loop, with the main-loop rdlock or the wrlock held as asked, and
 * resumed the caller.
 */
#define EXPECT_NO_CO(b, fn, caller, rdlock, wrlock) \
    expect_no_co(__LINE__, (b), (fn), (caller), (rdlock), (wrlock))

static void expect_no_co(int line, const Before *b, const char *fn,
                         Coroutine *caller, bool rdlock, bool wrlock)
{
    const CallSite *c = &calls[0];

    EXPECT(n_calls == 1 && strcmp(c->fn, fn) == 0);
    EXPECT(!c->in_co && c->ctx == qemu_get_aio_context());
    EXPECT(qemu_coroutine_self() == caller);
    EXPECT(D(coroutines_created) == 0);
    EXPECT(D(bh_scheduled) == 1 && D(bh_run) == 1);
    EXPECT(c->co_rd == 0 && c->main_rd == rdlock && c->wr == wrlock);
    EXPECT(G(rdlock_main_loop) == rdlock && G(rdunlock_main_loop) == rdlock);
    EXPECT(G(wrlock) == wrlock && G(wrunlock) == wrlock);
    EXPECT(G(co_rdlock) == 0 && G(assume) == 0);
}

#undef D
#undef G
#undef EXPECT

/* From a coroutine: the no_co wrappers, open and activate. */
static void coroutine_fn open_in_coroutine(void *opaque)
{
    Coroutine *self = qemu_coroutine_self();
    Error *err = NULL;
    Before b;

    (void)opaque;
    b = now();
    CHECK(mem_co_open(&mem0, -5, &err) == -EINVAL);
    EXPECT_NO_CO(&b, "mem_open", self, false, false);
    CHECK(err && strcmp(err->msg, "image size out of range") == 0);

    b = now();
    CHECK(mem_co_activate(&mem0, &err) == -ENOMEDIUM);
    EXPECT_NO_CO(&b, "mem_activate", self, true, false);

    b = now();
    CHECK(mem_co_open(&mem0, 4096, NULL) == 0);
    EXPECT_NO_CO(&b, "mem_open", self, false, false);
    CHECK(mem_co_open(&mem0, 4096, &err) == -EBUSY);
}

static void coroutine_fn activate_in_coroutine(void *opaque)
{
    Before b = now();

    (void)opaque;
    CHECK(mem_co_activate(&mem0, NULL) == 0);
    EXPECT_NO_CO(&b, "mem_activate", qemu_coroutine_self(), true, false);
    CHECK(((MemDisk *)mem0.opaque)->active);
}

static void coroutine_fn close_in_coroutine(void *opaque)
{
    Before b = now();

    (void)opaque;
    mem_co_close(&mem0);
    EXPECT_NO_CO(&b, "mem_close", qemu_coroutine_self(), false, true);
    CHECK(mem0.opaque == NULL);
}

/* The mixed wrappers; from a coroutine, the caller holds the rdlock. */
static void mixed(void)
{
    AioContext *ctx = qemu_get_current_aio_context();
    MemDisk *s = mem0.opaque;
    uint8_t buf[8];
    unsigned flushes = s->flushes;
    Before b;

    b = now();
    CHECK(mem_pwrite(&file, 8, 5, "abcde", 0) == 0);
    EXPECT_CO(&b, "mem_co_pwrite", 1, ctx, 1, true, 0);
    CHECK(s->dirty);

    b = now();
    CHECK(mem_pread(&file, 6, 8, buf, 0) == 0);
    EXPECT_CO(&b, "mem_co_pread", 1, ctx, 1, true, 0);
    CHECK(memcmp(buf, "\0\0abcde\0", 8) == 0);

    b = now();
    CHECK(mem_pread(&file, 4090, 8, buf, 0) == -EINVAL);
    EXPECT_CO(&b, "mem_co_pread", 1, ctx, 0, true, 0);

    b = now();
    CHECK(mem_flush(&mem0) == 0);
    EXPECT_CO(&b, "mem_co_flush", 1, ctx, 1, false, 0);
    CHECK(!s->dirty && s->flushes == flushes + 1);

    /* FUA: write, then flush, in the same request. */
    b = now();
    CHECK(mem_pwrite(&file, 0, 2, "xy", BDRV_REQ_FUA) == 0);
    EXPECT_CO(&b, "mem_co_pwrite", 2, ctx, 2, true, 0);
    CHECK(strcmp(calls[1].fn, "mem_co_flush") == 0);
    CHECK(!s->dirty && s->flushes == flushes + 2);
}

static void coroutine_fn mixed_in_coroutine(void *opaque)
{
    (void)opaque;
    bdrv_graph_co_rdlock();
    mixed();
    bdrv_graph_co_rdunlock();
}

/* The co-only wrappers, from outside coroutines. */
static void co_only(void)
{
    AioContext *ctx = qemu_get_current_aio_context();
    Error *err = NULL;
    uint8_t buf[4];
    Before b;

    b = now();
    CHECK(mem_getlength(&mem0) == 4096);
    EXPECT_CO(&b, "mem_co_getlength", 1, ctx, 1, true, 0);

    /* mem_co_truncate takes the rdlock itself. */
    b = now();
    CHECK(mem_truncate(&file, 8192, &err) == 0 && err == NULL);
    EXPECT_CO(&b, "mem_co_truncate", 1, ctx, 1, false, 1);
    CHECK(mem_getlength(&mem0) == 8192);
    CHECK(mem_pread(&file, 8188, 4, buf, 0) == 0 &&
          memcmp(buf, "\0\0\0\0", 4) == 0);
    CHECK(mem_pread(&file, 8, 4, buf, 0) == 0 && memcmp(buf, "abcd", 4) == 0);

    b = now();
    CHECK(mem_truncate(&file, -1, &err) == -EINVAL);
    EXPECT_CO(&b, "mem_co_truncate", 1, ctx, 0, false, 1);
    CHECK(err && strcmp(err->msg, "image size out of range") == 0);
    CHECK(mem_truncate(&file, 4096, NULL) == 0);
}

/*
 * From a bottom half of iothread0 (as in an iothread's own event loop), a co
 * wrapper runs its coroutine in that AioContext: since QEMU 9.0 wrappers
 * poll in the current one, not in the node's.
 */
static void flush_in_iothread_bh(void *opaque)
{
    AioContext *iothread = qemu_get_current_aio_context();
    Before b = now();

    CHECK(iothread != qemu_get_aio_context() && mem0.ctx == NULL);
    CHECK(mem_flush(&mem0) == 0);
    EXPECT_CO(&b, "mem_co_flush", 1, iothread, 1, false, 0);
    *(bool *)opaque = true;
}

/* Forbidden calls, each run in a child process that must not exit 0. */
static void coroutine_fn getlength_in_coroutine(void *opaque)
{
    (void)opaque;
    mem_getlength(&mem0); /* co_wrapper: outside coroutines only */
}

static void coroutine_fn truncate_in_coroutine(void *opaque)
{
    (void)opaque;
    mem_truncate(&file, 0, NULL); /* co_wrapper: outside coroutines only */
}

static void coroutine_fn pread_without_rdlock(void *opaque)
{
    char buf[1];

    (void)opaque;
    mem_pread(&file, 0, 1, buf, 0); /* caller must hold the graph rdlock */
}

static bool dies(CoroutineEntry *in_co, void (*outside)(void))
{
    pid_t pid;
    int status;

    fflush(NULL);
    pid = fork();
    CHECK(pid >= 0);
    if (pid == 0) {
        CHECK(freopen("/dev/null", "w", stderr));
        if (in_co) {
            cowrap_run_coroutine(in_co, NULL);
        } else {
            outside();
        }
        _exit(0);
    }
    CHECK(waitpid(pid, &status, 0) == pid);
    return !(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static void open_outside(void)
{
    mem_co_open(&mem0, 1, NULL); /* no_co_wrapper: coroutines only */
}

int main(void)
{
    uint8_t buf[4];
    bool ran = false;
    AioContext *iothread = aio_context_new("iothread0");

    cowrap_run_coroutine(open_in_coroutine, NULL);

    /* Opened inactive: reads work, writes and truncation do not. */
    CHECK(mem_pread(&file, 0, 4, buf, 0) == 0);
    CHECK(mem_pwrite(&file, 0, 4, "abcd", 0) == -EPERM);
    CHECK(mem_truncate(&file, 0, NULL) == -EPERM);
    cowrap_run_coroutine(activate_in_coroutine, NULL);

    mixed();
    cowrap_run_coroutine(mixed_in_coroutine, NULL);
    co_only();
    aio_bh_schedule_oneshot(iothread, flush_in_iothread_bh, &ran);
    AIO_WAIT_WHILE(iothread, !ran);

    CHECK(dies(getlength_in_coroutine, NULL));
    CHECK(dies(truncate_in_coroutine, NULL));
    CHECK(dies(pread_without_rdlock, NULL));
    CHECK(dies(NULL, open_outside));

    cowrap_run_coroutine(close_in_coroutine, NULL);
    CHECK(mem_flush(&mem0) == -ENOMEDIUM);

    CHECK(cowrap_rt_stats.coroutines_created ==
          cowrap_rt_stats.coroutines_terminated);
    CHECK(cowrap_graph_stats.co_rd_held == 0 &&
          cowrap_graph_stats.main_rd_held == 0 &&
          cowrap_graph_stats.wr_held == 0);
    printf("memdisk_test: ok (%u coroutines, %u bottom halves, %u graph "
           "rdlocks in coroutines, %u in the main loop, %u wrlocks)\n",
           cowrap_rt_stats.coroutines_created, cowrap_rt_stats.bh_run,
           cowrap_graph_stats.co_rdlock, cowrap_graph_stats.rdlock_main_loop,
           cowrap_graph_stats.wrlock);
    return 0;
}
