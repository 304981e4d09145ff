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

/*
 * After a wrapper call started at before: the driver functions fn... ran
 * (n of them, the first one is checked) in a coroutine in ctx, with bhs
 * I/O waits.
 */
#define EXPECT(before, fn, n, ctx, bhs) \
    expect(__LINE__, (before), (fn), (n), (ctx), (bhs))

static void expect(int line, const CowrapRtStats *b, const char *fn,
                   unsigned n, AioContext *ctx, unsigned bhs)
{
    const CowrapRtStats *a = &cowrap_rt_stats;
    bool direct = qemu_in_coroutine();

    if (n_calls != n || strcmp(calls[0].fn, fn) != 0 || !calls[0].in_co ||
        calls[0].ctx != ctx ||
        (direct && calls[0].co != qemu_coroutine_self()) ||
        a->coroutines_created - b->coroutines_created != (direct ? 0 : 1) ||
        a->coroutines_terminated - b->coroutines_terminated !=
            (direct ? 0 : 1) ||
        a->bh_run - b->bh_run != bhs || a->bh_scheduled - b->bh_scheduled != bhs ||
        (!direct && a->wait_kicks == b->wait_kicks)) {
        cowrap_fatal("line %d: wrapper for %s took the wrong path", line, fn);
    }
    n_calls = 0;
}

static void exercise(AioContext *ctx)
{
    AioContext *main_ctx = qemu_get_aio_context();
    RamDisk *s = ram0.opaque;
    CowrapRtStats b;
    Error *err = NULL;
    uint8_t buf[8];
    int64_t len = 0;
    unsigned flushes;

    n_calls = 0;
    b = cowrap_rt_stats;
    CHECK(ram_pwrite(&file, 8, 5, "abcde") == 0);
    EXPECT(&b, "ram_co_pwrite", 1, ctx, 1);
    CHECK(s->dirty);

    b = cowrap_rt_stats;
    CHECK(ram_pread(&file, 6, 8, buf) == 0);
    EXPECT(&b, "ram_co_pread", 1, ctx, 1);
    CHECK(memcmp(buf, "\0\0abcde\0", 8) == 0);

    b = cowrap_rt_stats;
    CHECK(ram_pread(&file, 4090, 8, buf) == -EINVAL);
    EXPECT(&b, "ram_co_pread", 1, ctx, 0);
    b = cowrap_rt_stats;
    CHECK(ram_pwrite(&file, -1, 1, "x") == -EINVAL);
    EXPECT(&b, "ram_co_pwrite", 1, ctx, 0);

    flushes = s->flushes;
    b = cowrap_rt_stats;
    CHECK(ram_flush(&ram0) == 0);
    EXPECT(&b, "ram_co_flush", 1, ctx, 1);
    CHECK(!s->dirty && s->flushes == flushes + 1);

    b = cowrap_rt_stats;
    CHECK(ram_getlength(&ram0, &len) == 0 && len == 4096);
    EXPECT(&b, "ram_co_getlength", 1, ctx, 1);

    /* Growing keeps the data and zero-fills; shrinking cuts requests off. */
    b = cowrap_rt_stats;
    CHECK(ram_truncate(&file, 8192, &err) == 0 && err == NULL);
    EXPECT(&b, "ram_co_truncate", 1, ctx, 1);
    CHECK(ram_getlength(&ram0, &len) == 0 && len == 8192);
    CHECK(ram_pread(&file, 8, 5, buf) == 0 && memcmp(buf, "abcde", 5) == 0);
    CHECK(ram_pread(&file, 8184, 8, buf) == 0 &&
          memcmp(buf, "\0\0\0\0\0\0\0\0", 8) == 0);
    CHECK(ram_truncate(&file, 10, &err) == 0);
    CHECK(ram_pread(&file, 8, 2, buf) == 0 && memcmp(buf, "ab", 2) == 0);
    CHECK(ram_pread(&file, 8, 5, buf) == -EINVAL);
    n_calls = 0;
    b = cowrap_rt_stats;
    CHECK(ram_truncate(&file, -1, &err) == -EINVAL);
    EXPECT(&b, "ram_co_truncate", 1, ctx, 0);
    CHECK(err && strcmp(err->msg, "image size out of range") == 0);
    CHECK(ram_truncate(&file, 4096, NULL) == 0);
    n_calls = 0;

    /* BlockBackend: the node's context, or the main one without a node. */
    b = cowrap_rt_stats;
    CHECK(ramblk_flush(&drive0) == 0);
    EXPECT(&b, "ramblk_co_flush", 2, ctx, 1);
    CHECK(strcmp(calls[1].fn, "ram_co_flush") == 0);
    b = cowrap_rt_stats;
    CHECK(ramblk_flush(&no_medium) == -ENOMEDIUM);
    EXPECT(&b, "ramblk_co_flush", 1, main_ctx, 0);
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
