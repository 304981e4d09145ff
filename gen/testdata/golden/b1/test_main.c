/* Runs every wrapper generated from this directory's headers (dialect B1). */
#include "../testlib.h"
#include "block-io.h"
#include "block-global-state.h"
#include "coroutines.h"

static AioContext *ctx_bs, *ctx_child, *ctx_blk;
static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState bs2 = { .node_name = "bs2" };
static BlockDriverState opened = { .node_name = "opened" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BlockBackend blk0 = { .bs = &bs2, .name = "drive0" };
static BlockBackend blk_opened = { .name = "opened" };
static BlockDriver drv0 = { .format_name = "raw" };
static QemuOpts opts;
static QDict options;
static Error *err;
static char buf[16];
static bool medium_locked;
static bool unref_done;

int coroutine_fn bdrv_co_pread(BdrvChild *child, int64_t offset, int64_t bytes,
                               void *b, BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 4096 && bytes == 16 &&
                 b == buf && flags == BDRV_REQ_NONE);
    cowrap_co_sleep();
    return 16;
}

int coroutine_fn bdrv_co_pwrite(BdrvChild *child, int64_t offset,
                                int64_t bytes, const void *b,
                                BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 0 && bytes == 8 && b == buf &&
                 flags == BDRV_REQ_FUA);
    cowrap_co_sleep();
    return -5;
}

int64_t coroutine_fn bdrv_co_getlength(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    return INT64_C(0x123456789a);
}

bool coroutine_fn bdrv_co_is_inserted(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    return true;
}

void coroutine_fn bdrv_co_lock_medium(BlockDriverState *bs, bool locked)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    medium_locked = locked;
}

int coroutine_fn bdrv_co_flush(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    return 41;
}

int coroutine_fn bdrv_co_create(BlockDriver *drv, const char *filename,
                                QemuOpts *o, Error **errp)
{
    RECORD();
    COWRAP_CHECK(drv == &drv0 && strcmp(filename, "new.img") == 0 &&
                 o == &opts && errp == &err);
    cowrap_co_sleep();
    return 42;
}

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *o, int flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(filename, "a.qcow2") == 0 && reference == NULL &&
                 o == &options && flags == 0x2002 && errp == &err);
    return &opened;
}

void bdrv_unref(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &opened);
    unref_done = true;
}

int coroutine_fn blk_co_pwrite_zeroes(BlockBackend *blk, int64_t offset,
                                      int64_t bytes, BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0 && offset == 512 && bytes == 1024 &&
                 flags == BDRV_REQ_MAY_UNMAP);
    cowrap_co_sleep();
    return 43;
}

BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *o, int flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(filename == NULL && strcmp(reference, "node0") == 0 &&
                 o == NULL && flags == 0 && errp == NULL);
    return &blk_opened;
}

int blk_set_perm(BlockBackend *blk, uint64_t perm, uint64_t shared_perm,
                 Error **errp)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0 && perm == UINT64_C(1) << 63 &&
                 shared_perm == 3 && errp == &err);
    return -44;
}

int coroutine_fn nbd_co_do_establish_connection(BlockDriverState *bs,
                                                bool blocking, Error **errp)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && !blocking && errp == &err);
    cowrap_co_sleep();
    return 45;
}

static void t_pread(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pread(&child0, 4096, 16, buf, BDRV_REQ_NONE) == 16);
    EXPECT_CO(&b, "bdrv_co_pread", ctx_child, true);
}

static void t_pwrite(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pwrite(&child0, 0, 8, buf, BDRV_REQ_FUA) == -5);
    EXPECT_CO(&b, "bdrv_co_pwrite", ctx_child, true);
}

static void t_getlength(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_getlength(&bs0) == INT64_C(0x123456789a));
    EXPECT_CO(&b, "bdrv_co_getlength", ctx_bs, true);
}

static void t_lock_medium(void)
{
    Snap b = snap();
    medium_locked = false;
    bdrv_lock_medium(&bs0, true);
    COWRAP_CHECK(medium_locked);
    EXPECT_CO(&b, "bdrv_co_lock_medium", ctx_bs, false);
}

static void t_blk_pwrite_zeroes(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_pwrite_zeroes(&blk0, 512, 1024, BDRV_REQ_MAY_UNMAP) == 43);
    EXPECT_CO(&b, "blk_co_pwrite_zeroes", ctx_blk, false);
}

static void t_nbd_connect(void)
{
    Snap b = snap();
    COWRAP_CHECK(nbd_do_establish_connection(&bs0, false, &err) == 45);
    EXPECT_CO(&b, "nbd_co_do_establish_connection", ctx_bs, true);
}

static void t_is_inserted(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_is_inserted(&bs0));
    EXPECT_CO(&b, "bdrv_co_is_inserted", ctx_bs, true);
}

static void t_flush(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_flush(&bs0) == 41);
    EXPECT_CO(&b, "bdrv_co_flush", ctx_bs, false);
}

static void t_create(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_create(&drv0, "new.img", &opts, &err) == 42);
    EXPECT_CO(&b, "bdrv_co_create", qemu_get_aio_context(), false);
}

static void coroutine_fn t_co_open(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_open("a.qcow2", NULL, &options, 0x2002, &err) ==
                 &opened);
    EXPECT_BH(&b, "bdrv_open", self, false, false, NULL);
}

static void coroutine_fn t_co_unref(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    unref_done = false;
    bdrv_co_unref(&opened);
    COWRAP_CHECK(unref_done);
    EXPECT_BH(&b, "bdrv_unref", self, false, false, NULL);
}

static void coroutine_fn t_blk_co_new_open(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(blk_co_new_open(NULL, "node0", NULL, 0, NULL) == &blk_opened);
    EXPECT_BH(&b, "blk_new_open", self, false, false, NULL);
}

static void coroutine_fn t_blk_co_set_perm(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(blk_co_set_perm(&blk0, UINT64_C(1) << 63, 3, &err) == -44);
    EXPECT_BH(&b, "blk_set_perm", self, false, false, NULL);
}

static TestFn *const mixed[] = {
    t_pread, t_pwrite, t_getlength, t_lock_medium, t_blk_pwrite_zeroes,
    t_nbd_connect, NULL,
};
static TestFn *const co_only[] = { t_is_inserted, t_flush, t_create, NULL };
static TestFn *const no_co[] = {
    t_co_open, t_co_unref, t_blk_co_new_open, t_blk_co_set_perm, NULL,
};

int main(void)
{
    bs0.ctx = ctx_bs = aio_context_new("bs0-iothread");
    bs1.ctx = ctx_child = aio_context_new("bs1-iothread");
    bs2.ctx = ctx_blk = aio_context_new("bs2-iothread");
    return run_plan("b1", &(TestPlan) {
        .mixed = mixed, .co_only = co_only, .no_co = no_co,
    });
}
