/*
 * Runs every wrapper generated from this directory's headers (dialect B3).
 * Build with -DCOWRAP_B3: bdrv_graph_wrlock takes a node (passed NULL).
 */
#include "../testlib.h"
#include "block-io.h"
#include "block-global-state.h"
#include "block-backend-io.h"

static AioContext *ctx_bs, *ctx_child, *ctx_blk;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState bs2 = { .node_name = "bs2" };
static BlockDriverState opened = { .node_name = "opened" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BlockBackend blk0 = { .bs = &bs2, .name = "drive0" };
static BlockDriver drv0 = { .format_name = "qcow2" };
static QemuOpts opts;
static Error *err;
static char buf[4];
static bool unrefd;

int coroutine_fn bdrv_co_pread(BdrvChild *c, int64_t offset, int64_t bytes,
                               void *b, BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(c == &child0 && offset == 3 && bytes == 4 && b == buf &&
                 flags == BDRV_REQ_FUA);
    cowrap_co_sleep();
    return 4;
}

int64_t coroutine_fn bdrv_co_getlength(BlockDriverState *parent)
{
    RECORD();
    COWRAP_CHECK(parent == &bs0);
    cowrap_co_sleep();
    return INT64_MIN;
}

BdrvChild * coroutine_fn bdrv_co_find_child(BlockDriverState *node,
                                            const char *name)
{
    RECORD();
    COWRAP_CHECK(node == &bs0 && strcmp(name, "file") == 0);
    cowrap_co_sleep();
    return &child0;
}

int coroutine_fn bdrv_co_create(BlockDriver *driver, const char *filename,
                                QemuOpts *o, Error **errp)
{
    RECORD();
    COWRAP_CHECK(driver == &drv0 && strcmp(filename, "c.qcow2") == 0 &&
                 o == &opts && errp == NULL);
    cowrap_co_sleep();
    return -61;
}

int bdrv_activate(BlockDriverState *target, Error **errp)
{
    RECORD();
    COWRAP_CHECK(target == &bs0 && errp == &err);
    return 62;
}

void bdrv_unref_child(BlockDriverState *parent, BdrvChild *child)
{
    RECORD();
    COWRAP_CHECK(parent == &bs0 && child == &child0);
    unrefd = true;
}

bool bdrv_child_is_file(BdrvChild *kid)
{
    RECORD();
    COWRAP_CHECK(kid == &child0);
    return true;
}

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(filename, "d.img") == 0 && reference == NULL &&
                 options == NULL && flags == -1 && errp == &err);
    return &opened;
}

int coroutine_fn blk_co_pwrite(BlockBackend *be, int64_t offset, int64_t bytes,
                               const void *b, BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(be == &blk0 && offset == 1 && bytes == 2 && b == buf &&
                 flags == BDRV_REQ_NONE);
    cowrap_co_sleep();
    return 63;
}

void blk_unref(BlockBackend *be)
{
    RECORD();
    COWRAP_CHECK(be == &blk0);
    unrefd = true;
}

static void t_pread(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pread(&child0, 3, 4, buf, BDRV_REQ_FUA) == 4);
    EXPECT_CO(&b, "bdrv_co_pread", ctx_child, true);
}

static void t_find_child(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_find_child(&bs0, "file") == &child0);
    EXPECT_CO(&b, "bdrv_co_find_child", ctx_bs, true);
}

static void t_blk_pwrite(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_pwrite(&blk0, 1, 2, buf, BDRV_REQ_NONE) == 63);
    EXPECT_CO(&b, "blk_co_pwrite", ctx_blk, false);
}

static void t_getlength(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_getlength(&bs0) == INT64_MIN);
    EXPECT_CO(&b, "bdrv_co_getlength", ctx_bs, true);
}

static void t_create(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_create(&drv0, "c.qcow2", &opts, NULL) == -61);
    EXPECT_CO(&b, "bdrv_co_create", qemu_get_aio_context(), false);
}

static void coroutine_fn t_co_activate(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_activate(&bs0, &err) == 62);
    EXPECT_BH(&b, "bdrv_activate", self, true, false, ctx_bs);
}

static void coroutine_fn t_co_unref_child(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    unrefd = false;
    bdrv_co_unref_child(&bs0, &child0);
    COWRAP_CHECK(unrefd);
    EXPECT_BH(&b, "bdrv_unref_child", self, false, true, ctx_bs);
}

static void coroutine_fn t_co_child_is_file(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_child_is_file(&child0));
    EXPECT_BH(&b, "bdrv_child_is_file", self, false, false, ctx_child);
}

static void coroutine_fn t_co_open(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_open("d.img", NULL, NULL, -1, &err) == &opened);
    EXPECT_BH(&b, "bdrv_open", self, false, false, qemu_get_aio_context());
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

static TestFn *const mixed[] = { t_pread, t_find_child, t_blk_pwrite, NULL };
static TestFn *const co_only[] = { t_getlength, t_create, NULL };
static TestFn *const no_co[] = {
    t_co_activate, t_co_unref_child, t_co_child_is_file, t_co_open,
    t_blk_co_unref, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    bs2.ctx = ctx_blk = aio_context_new("bs2-iothread");
    return run_plan("b3", &(TestPlan) {
        .mixed = mixed, .co_only = co_only, .no_co = no_co,
    });
}
