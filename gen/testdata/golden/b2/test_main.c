/*
 * Runs every wrapper generated from this directory's headers (dialect B2).
 * Each node lives in its own context, so the test can tell which context a
 * no_co bottom half locked.
 */
#include "../testlib.h"
#include "block-io.h"
#include "block-global-state.h"

static AioContext *ctx_bs, *ctx_child, *ctx_blk;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState bs2 = { .node_name = "bs2" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BdrvChild opened_child = { .bs = &bs1, .name = "backing" };
static BlockBackend blk0 = { .bs = &bs2, .name = "drive0" };
static Error *err;
static bool drained, unrefd;

int coroutine_fn bdrv_co_pdiscard(BdrvChild *child, int64_t offset,
                                  int64_t bytes)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == -512 && bytes == 512);
    cowrap_co_sleep();
    return 51;
}

void coroutine_fn bdrv_co_drain_node(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    drained = true;
}

int64_t coroutine_fn blk_co_getlength(BlockBackend *blk)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0);
    cowrap_co_sleep();
    return -INT64_C(0x200000000);
}

bool coroutine_fn bdrv_co_can_store(BlockDriverState *bs, const char *name,
                                    uint32_t granularity, Error **errp)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && strcmp(name, "bitmap0") == 0 &&
                 granularity == 0xffffffffu && errp == &err);
    cowrap_co_sleep();
    return true;
}

int bdrv_refresh_child(BdrvChild *child, Error **errp)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && errp == &err);
    return 52;
}

void bdrv_unref(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    unrefd = true;
}

void blk_unref(BlockBackend *blk)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0);
    unrefd = true;
}

BdrvChild *bdrv_open_child(const char *filename, BlockDriverState *parent,
                           const char *bdref_key, unsigned int flags,
                           Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(filename, "b.raw") == 0 && parent == &bs0 &&
                 strcmp(bdref_key, "backing") == 0 && flags == 0x80000000u &&
                 errp == &err);
    return &opened_child;
}

static void t_pdiscard(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pdiscard(&child0, -512, 512) == 51);
    EXPECT_CO(&b, "bdrv_co_pdiscard", ctx_child, false);
}

static void t_blk_getlength(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_getlength(&blk0) == -INT64_C(0x200000000));
    EXPECT_CO(&b, "blk_co_getlength", ctx_blk, true);
}

static void t_can_store(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_can_store(&bs0, "bitmap0", 0xffffffffu, &err));
    EXPECT_CO(&b, "bdrv_co_can_store", ctx_bs, false);
}

static void t_drain_node(void)
{
    Snap b = snap();
    drained = false;
    bdrv_drain_node(&bs0);
    COWRAP_CHECK(drained);
    EXPECT_CO(&b, "bdrv_co_drain_node", ctx_bs, true);
}

static void coroutine_fn t_co_refresh_child(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_refresh_child(&child0, &err) == 52);
    EXPECT_BH(&b, "bdrv_refresh_child", self, false, false, ctx_child);
}

static void coroutine_fn t_co_unref(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    unrefd = false;
    bdrv_co_unref(&bs0);
    COWRAP_CHECK(unrefd);
    EXPECT_BH(&b, "bdrv_unref", self, false, false, ctx_bs);
}

static void coroutine_fn t_blk_co_unref(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    unrefd = false;
    blk_co_unref(&blk0);
    COWRAP_CHECK(unrefd);
    EXPECT_BH(&b, "blk_unref", self, false, false, ctx_blk);
}

static void coroutine_fn t_co_open_child(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_open_child("b.raw", &bs0, "backing", 0x80000000u,
                                    &err) == &opened_child);
    EXPECT_BH(&b, "bdrv_open_child", self, false, false,
              qemu_get_aio_context());
}

static TestFn *const mixed[] = {
    t_pdiscard, t_blk_getlength, t_can_store, NULL,
};
static TestFn *const co_only[] = { t_drain_node, NULL };
static TestFn *const no_co[] = {
    t_co_refresh_child, t_co_unref, t_blk_co_unref, t_co_open_child, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    bs2.ctx = ctx_blk = aio_context_new("bs2-iothread");
    return run_plan("b2", &(TestPlan) {
        .mixed = mixed, .co_only = co_only, .no_co = no_co,
    });
}
