/* Runs every wrapper generated from this directory's headers (dialect A3). */
#include "../testlib.h"
#include "block-io.h"
#include "block-global-state.h"
#include "coroutines.h"

static AioContext *ctx_bs, *ctx_child, *ctx_blk;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState bs2 = { .node_name = "bs2" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BlockBackend blk0 = { .bs = &bs2, .name = "drive0" };
static BlockDriverInfo bdi;
static QEMUIOVector qiov;
static char ioctl_buf[8];

int bdrv_global_only(BlockDriverState *bs)
{
    (void)bs;
    cowrap_fatal("bdrv_global_only must not be wrapped or called");
}

int coroutine_fn bdrv_co_pwrite_zeroes(BdrvChild *child, int64_t offset,
                                       int64_t bytes, BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 1 << 30 &&
                 bytes == INT64_C(3) << 32 && flags == BDRV_REQ_MAY_UNMAP);
    cowrap_co_sleep();
    return 31;
}

int coroutine_fn bdrv_co_get_info(BlockDriverState *bs, BlockDriverInfo *b)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && b == &bdi);
    cowrap_co_sleep();
    b->cluster_size = 65536;
    return 0;
}

int coroutine_fn blk_co_do_preadv(BlockBackend *blk, int64_t offset,
                                  int64_t bytes, QEMUIOVector *q,
                                  BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0 && offset == 7 && bytes == 9 && q == &qiov &&
                 flags == BDRV_REQ_FUA);
    cowrap_co_sleep();
    return 33;
}

int coroutine_fn blk_co_do_ioctl(BlockBackend *blk, unsigned long int req,
                                 void *buf)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0 && req == 0x80081272ul && buf == ioctl_buf);
    cowrap_co_sleep();
    return -34;
}

int coroutine_fn blk_co_do_flush(BlockBackend *blk)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0);
    return 35;
}

static void t_pwrite_zeroes(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pwrite_zeroes(&child0, 1 << 30, INT64_C(3) << 32,
                                    BDRV_REQ_MAY_UNMAP) == 31);
    EXPECT_CO(&b, "bdrv_co_pwrite_zeroes", ctx_child, false);
}

static void t_get_info(void)
{
    Snap b = snap();
    bdi.cluster_size = 0;
    COWRAP_CHECK(bdrv_get_info(&bs0, &bdi) == 0 && bdi.cluster_size == 65536);
    EXPECT_CO(&b, "bdrv_co_get_info", ctx_bs, false);
}

static void t_blk_preadv(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_do_preadv(&blk0, 7, 9, &qiov, BDRV_REQ_FUA) == 33);
    EXPECT_CO(&b, "blk_co_do_preadv", ctx_blk, false);
}

static void t_blk_ioctl(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_do_ioctl(&blk0, 0x80081272ul, ioctl_buf) == -34);
    EXPECT_CO(&b, "blk_co_do_ioctl", ctx_blk, false);
}

static void t_blk_flush(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_do_flush(&blk0) == 35);
    EXPECT_CO(&b, "blk_co_do_flush", ctx_blk, false);
}

static TestFn *const mixed[] = {
    t_pwrite_zeroes, t_get_info, t_blk_preadv, t_blk_ioctl, t_blk_flush, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    bs2.ctx = ctx_blk = aio_context_new("bs2-iothread");
    return run_plan("a3", &(TestPlan) { .mixed = mixed });
}
