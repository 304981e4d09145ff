/* Runs every wrapper generated from this directory's headers (dialect A2). */
#include "../testlib.h"
#include "block.h"
#include "coroutines.h"

static AioContext *ctx_bs, *ctx_child;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static Error *err;
static const char probe_buf[] = "QFI\xfb";
static uint64_t sectors;

int coroutine_fn bdrv_co_flush(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    return 21;
}

int coroutine_fn bdrv_co_truncate(BdrvChild *child, int64_t offset, bool exact,
                                  PreallocMode prealloc,
                                  BdrvRequestFlags flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == INT64_MAX && exact &&
                 prealloc == PREALLOC_MODE_FULL && flags == BDRV_REQ_NONE &&
                 errp == &err);
    cowrap_co_sleep();
    return -22;
}

int coroutine_fn nbd_co_do_establish_connection(BlockDriverState *bs,
                                                bool blocking, Error **errp)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && blocking && errp == &err);
    cowrap_co_sleep();
    return 23;
}

int coroutine_fn blk_co_probe_child(BdrvChild *child, const void *buf,
                                    size_t len, uint64_t *s)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && buf == probe_buf && len == 4 &&
                 s == &sectors);
    *s = 1ull << 40;
    return 24;
}

static void t_flush(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_flush(&bs0) == 21);
    EXPECT_CO(&b, "bdrv_co_flush", ctx_bs, false);
}

static void t_truncate(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_truncate(&child0, INT64_MAX, true, PREALLOC_MODE_FULL,
                               BDRV_REQ_NONE, &err) == -22);
    EXPECT_CO(&b, "bdrv_co_truncate", ctx_child, false);
}

static void t_nbd_connect(void)
{
    Snap b = snap();
    COWRAP_CHECK(nbd_do_establish_connection(&bs0, true, &err) == 23);
    EXPECT_CO(&b, "nbd_co_do_establish_connection", ctx_bs, false);
}

static void t_probe(void)
{
    Snap b = snap();
    sectors = 0;
    COWRAP_CHECK(blk_probe_child(&child0, probe_buf, 4, &sectors) == 24);
    COWRAP_CHECK(sectors == 1ull << 40);
    EXPECT_CO(&b, "blk_co_probe_child", ctx_child, false);
}

static TestFn *const mixed[] = {
    t_flush, t_truncate, t_nbd_connect, t_probe, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    return run_plan("a2", &(TestPlan) { .mixed = mixed });
}
