/*
 * Calls every ramdisk wrapper (dialect qemu-6.2) from outside and from
 * inside a coroutine and checks the results, where the driver function ran
 * and what it cost: outside, one new coroutine in the node's AioContext;
 * inside, a direct call in the caller's coroutine; one bottom half per I/O.
 */
#include "examples/legacy/ramdisk.h"
#include "examples/util.h"

static BlockDriverState ram0 = { .node_name = "ram0" };
static BdrvChild file = { .bs = &ram0, .name = "file" };
static BlockBackend drive0 = { .bs = &ram0, .name = "drive0" };
static BlockBackend no_medium = { .name = "no-medium" };

#define CHECK(cond) COWRAP_CHECK(cond)

/* Counters before a wrapper call; forgets the driver calls so far. */
static CowrapRtStats now(void)
{
    n_calls = 0;
    return cowrap_rt_stats;
}

/*
 * The wrapper called at line ran fn (the first of n driver calls, with bhs
 * I/O waits): from outside a coroutine in a new one in ctx, from inside
 * directly in the caller's coroutine.
 */
#define EXPECT_CO(b, fn, n, ctx, bhs) \
    expect_co(__LINE__, (b), (fn), (n), (ctx), (bhs))

#define D(f) (cowrap_rt_stats.f - b->f)
#define EXPECT(cond) do {                                               \
    if (!(cond)) {                                                      \
        cowrap_fatal("line %d: wrapper for %s: %s", line, fn, #cond);   \
    }                                                                   \
} while (0)

static void expect_co(int line, const CowrapRtStats *b, const char *fn,
                      unsigned n, AioContext *ctx, unsigned bhs)
{
    const CallSite *c = &calls[0];

    EXPECT(n_calls == n && strcmp(c->fn, fn) == 0);
    EXPECT(c->in_co && c->ctx == ctx);
    EXPECT(D(bh_run) == bhs && D(bh_scheduled) == bhs);
    if (qemu_in_coroutine()) {
        EXPECT(c->co == qemu_coroutine_self());
        EXPECT(D(coroutines_created) == 0);
    } else {
        EXPECT(D(coroutines_created) == 1 && D(coroutines_terminated) == 1);
        EXPECT(D(wait_kicks) >= 1);
    }
}

#undef D
#undef EXPECT

static void exercise(AioContext *ctx)
{
    RamDisk *s = ram0.opaque;
    CowrapRtStats b;
    Error *err = NULL;
    uint8_t buf[8];
    int64_t len = 0;
    unsigned flushes = s->flushes;

    b = now();
    CHECK(ram_pwrite(&file, 8, 5, "abcde") == 0);
    EXPECT_CO(&b, "ram_co_pwrite", 1, ctx, 1);
    CHECK(s->dirty);

    b = now();
    CHECK(ram_pread(&file, 6, 8, buf) == 0);
    EXPECT_CO(&b, "ram_co_pread", 1, ctx, 1);
    CHECK(memcmp(buf, "\0\0abcde\0", 8) == 0);

    /* Rejected requests return before any I/O. */
    b = now();
    CHECK(ram_pread(&file, 4090, 8, buf) == -EINVAL);
    EXPECT_CO(&b, "ram_co_pread", 1, ctx, 0);
    b = now();
    CHECK(ram_pwrite(&file, -1, 1, "x") == -EINVAL);
    EXPECT_CO(&b, "ram_co_pwrite", 1, ctx, 0);

    b = now();
    CHECK(ram_flush(&ram0) == 0);
    EXPECT_CO(&b, "ram_co_flush", 1, ctx, 1);
    CHECK(!s->dirty && s->flushes == flushes + 1);

    b = now();
    CHECK(ram_getlength(&ram0, &len) == 0 && len == 4096);
    EXPECT_CO(&b, "ram_co_getlength", 1, ctx, 1);

    /* Growing keeps the data and zero-fills; shrinking cuts requests off. */
    b = now();
    CHECK(ram_truncate(&file, 8192, &err) == 0 && err == NULL);
    EXPECT_CO(&b, "ram_co_truncate", 1, ctx, 1);
    CHECK(ram_getlength(&ram0, &len) == 0 && len == 8192);
    CHECK(ram_pread(&file, 8, 5, buf) == 0 && memcmp(buf, "abcde", 5) == 0);
    CHECK(ram_pread(&file, 8184, 8, buf) == 0 &&
          memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
    CHECK(ram_truncate(&file, 10, &err) == 0);
    CHECK(ram_pread(&file, 8, 2, buf) == 0 && memcmp(buf, "ab", 2) == 0);
    CHECK(ram_pread(&file, 8, 5, buf) == -EINVAL);
    b = now();
    CHECK(ram_truncate(&file, -1, &err) == -EINVAL);
    EXPECT_CO(&b, "ram_co_truncate", 1, ctx, 0);
    CHECK(err && strcmp(err->msg, "image size out of range") == 0);
    CHECK(ram_truncate(&file, 4096, NULL) == 0);

    /* BlockBackend: the node's context, or the main one without a node. */
    b = now();
    CHECK(ramblk_flush(&drive0) == 0);
    EXPECT_CO(&b, "ramblk_co_flush", 2, ctx, 1);
    CHECK(strcmp(calls[1].fn, "ram_co_flush") == 0);
    b = now();
    CHECK(ramblk_flush(&no_medium) == -ENOMEDIUM);
    EXPECT_CO(&b, "ramblk_co_flush", 1, qemu_get_aio_context(), 0);
}

static void coroutine_fn exercise_in_coroutine(void *opaque)
{
    (void)opaque;
    /* cowrap_run_coroutine's coroutine runs in the main context. */
    exercise(qemu_get_aio_context());
}

int main(void)
{
    Error *err = NULL;

    ram0.ctx = aio_context_new("iothread0");
    CHECK(ram_open(&ram0, -1, &err) == -EINVAL && err && !ram0.opaque);

    CHECK(ram_open(&ram0, 4096, NULL) == 0);
    exercise(ram0.ctx);
    ram_close(&ram0);
    CHECK(ram0.opaque == NULL);

    CHECK(ram_open(&ram0, 4096, NULL) == 0);
    cowrap_run_coroutine(exercise_in_coroutine, NULL);
    ram_close(&ram0);

    /* Requests without an image fail before any I/O. */
    CHECK(ram_flush(&ram0) == -ENOMEDIUM);
    CHECK(ram_truncate(&file, 1, &err) == -ENOMEDIUM);
    CHECK(cowrap_rt_stats.coroutines_created ==
          cowrap_rt_stats.coroutines_terminated);
    printf("ramdisk_test: ok (%u coroutines, %u bottom halves)\n",
           cowrap_rt_stats.coroutines_created, cowrap_rt_stats.bh_run);
    return 0;
}
