/*
 * Runs every wrapper generated from this directory's headers (dialect A1):
 * all are mixed, so each is called outside and inside a coroutine.
 */
#include "../testlib.h"
#include "block.h"
#include "coroutines.h"

static AioContext *ctx_bs, *ctx_child;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState base0 = { .node_name = "base0" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BdrvCheckResult check_res;
static Error *err;
static QEMUIOVector qiov;
static int64_t pnum, map;
static BlockDriverState *file;

int coroutine_fn bdrv_co_check(BlockDriverState *bs, BdrvCheckResult *res,
                               BdrvCheckMode fix)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && res == &check_res && fix == BDRV_FIX_ERRORS);
    cowrap_co_sleep();
    return 11;
}

int coroutine_fn bdrv_co_invalidate_cache(BlockDriverState *bs, Error **errp)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && errp == &err);
    return -12;
}

int coroutine_fn bdrv_co_preadv(BdrvChild *child, int64_t offset,
                                unsigned int bytes, QEMUIOVector *q,
                                BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 0x100000000 && bytes == 4096u &&
                 q == &qiov && flags == BDRV_REQ_FUA);
    cowrap_co_sleep();
    return 13;
}

int coroutine_fn bdrv_co_pwritev(BdrvChild *child, int64_t offset,
                                 unsigned int bytes, QEMUIOVector *q,
                                 BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 512 && bytes == 0xfffffff0u &&
                 q == &qiov && flags == BDRV_REQ_MAY_UNMAP);
    cowrap_co_sleep();
    return 14;
}

int coroutine_fn
bdrv_co_common_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                                  bool include_base, bool want_zero,
                                  int64_t offset, int64_t bytes, int64_t *p,
                                  int64_t *m, BlockDriverState **f)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && base == &base0 && include_base && !want_zero &&
                 offset == -1 && bytes == 1 << 20 && p == &pnum && m == &map &&
                 f == &file);
    cowrap_co_sleep();
    *f = &bs1;
    return 15;
}

static void t_check(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_check(&bs0, &check_res, BDRV_FIX_ERRORS) == 11);
    EXPECT_CO(&b, "bdrv_co_check", ctx_bs, false);
}

static void t_invalidate_cache(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_invalidate_cache(&bs0, &err) == -12);
    EXPECT_CO(&b, "bdrv_co_invalidate_cache", ctx_bs, false);
}

static void t_preadv(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_preadv(&child0, 0x100000000, 4096, &qiov,
                             BDRV_REQ_FUA) == 13);
    EXPECT_CO(&b, "bdrv_co_preadv", ctx_child, false);
}

static void t_pwritev(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pwritev(&child0, 512, 0xfffffff0u, &qiov,
                              BDRV_REQ_MAY_UNMAP) == 14);
    EXPECT_CO(&b, "bdrv_co_pwritev", ctx_child, false);
}

static void t_block_status(void)
{
    Snap b = snap();
    file = NULL;
    COWRAP_CHECK(bdrv_common_block_status_above(&bs0, &base0, true, false, -1,
                                                1 << 20, &pnum, &map,
                                                &file) == 15);
    COWRAP_CHECK(file == &bs1);
    EXPECT_CO(&b, "bdrv_co_common_block_status_above", ctx_bs, false);
}

static TestFn *const mixed[] = {
    t_check, t_invalidate_cache, t_preadv, t_pwritev, t_block_status, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    return run_plan("a1", &(TestPlan) { .mixed = mixed });
}
