/*
 * Runs every wrapper generated from this directory's headers (dialect B4).
 * Nodes live in iothread contexts, but from QEMU 9.0 co wrappers run their
 * coroutine in the caller's context: here always the main context.
 */
#include "../testlib.h"
#include "block-io.h"
#include "dirty-bitmap.h"
#include "block-global-state.h"

static BlockDriverState bs0 = { .node_name = "bs0" };
static BlockDriverState bs1 = { .node_name = "bs1" };
static BlockDriverState base0 = { .node_name = "base0" };
static BlockDriverState opened = { .node_name = "opened" };
static BdrvChild child0 = { .bs = &bs1, .name = "file" };
static BdrvChild opened_child = { .bs = &opened, .name = "data-file" };
static BlockBackend blk0 = { .name = "drive0" };
static BlockBackend opened_blk = { .name = "opened" };
static BlockDriver drv0 = { .format_name = "vmdk" };
static QemuOpts opts;
static QDict options;
static Error *err;
static char buf[32];
static int64_t pnum, map;
static BlockDriverState *file;
static int depth;
static bool ejected, unrefd;

int bdrv_dirty_bitmap_count(BlockDriverState *bs)
{
    (void)bs;
    cowrap_fatal("bdrv_dirty_bitmap_count must not be wrapped or called");
}

int coroutine_fn bdrv_co_pwrite(BdrvChild *child, int64_t offset,
                                int64_t bytes, const void *b,
                                BdrvRequestFlags flags)
{
    RECORD();
    COWRAP_CHECK(child == &child0 && offset == 8 && bytes == 32 && b == buf &&
                 flags == BDRV_REQ_FUA);
    cowrap_co_sleep();
    return 32;
}

int64_t coroutine_fn bdrv_co_get_allocated_file_size(BlockDriverState *bs)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0);
    cowrap_co_sleep();
    return INT64_C(5) << 40;
}

bool coroutine_fn bdrv_co_is_inserted(BlockDriverState *node)
{
    RECORD();
    COWRAP_CHECK(node == &bs0);
    cowrap_co_sleep();
    return true;
}

void coroutine_fn blk_co_eject(BlockBackend *blk, bool eject_flag)
{
    RECORD();
    COWRAP_CHECK(blk == &blk0);
    cowrap_co_sleep();
    ejected = eject_flag;
}

BlockDriverState * coroutine_fn bdrv_co_find_backing(BlockDriverState *bs,
                                                     unsigned int d)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && d == 4000000000u);
    cowrap_co_sleep();
    return &base0;
}

BlockBackend * coroutine_fn blk_co_lookup(const char *name)
{
    RECORD();
    COWRAP_CHECK(strcmp(name, "drive0") == 0);
    cowrap_co_sleep();
    return &blk0;
}

int coroutine_fn nbd_co_connect(const char *host, unsigned int port,
                                Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(host, "localhost") == 0 && port == 10809 &&
                 errp == &err);
    cowrap_co_sleep();
    return -71;
}

int coroutine_fn
bdrv_co_common_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                                  bool include_base, unsigned int mode,
                                  int64_t offset, int64_t bytes, int64_t *p,
                                  int64_t *m, BlockDriverState **f, int *dep)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && base == &base0 && !include_base && mode == 3u &&
                 offset == 65536 && bytes == INT64_MAX && p == &pnum &&
                 m == &map && f == &file && dep == &depth);
    cowrap_co_sleep();
    *f = &bs1;
    *dep = 2;
    return 72;
}

int coroutine_fn bdrv_co_create(BlockDriver *drv, const char *filename,
                                QemuOpts *o, Error **errp)
{
    RECORD();
    COWRAP_CHECK(drv == &drv0 && strcmp(filename, "e.vmdk") == 0 &&
                 o == &opts && errp == &err);
    cowrap_co_sleep();
    return 73;
}

int bdrv_activate(BlockDriverState *bs, Error **errp)
{
    RECORD();
    COWRAP_CHECK(bs == &bs0 && errp == &err);
    return -74;
}

void bdrv_unref_child(BlockDriverState *parent, BdrvChild *child)
{
    RECORD();
    COWRAP_CHECK(parent == &bs0 && child == &child0);
    unrefd = true;
}

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *o, int flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(filename == NULL && strcmp(reference, "bs0") == 0 &&
                 o == &options && flags == 2 && errp == NULL);
    return &opened;
}

BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *o, int flags, Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(filename, "f.img") == 0 && reference == NULL &&
                 o == NULL && flags == 0 && errp == &err);
    return &opened_blk;
}

BdrvChild *bdrv_open_child(const char *filename, BlockDriverState *parent,
                           const char *bdref_key, Error **errp)
{
    RECORD();
    COWRAP_CHECK(strcmp(filename, "g.raw") == 0 && parent == &bs0 &&
                 strcmp(bdref_key, "data-file") == 0 && errp == &err);
    return &opened_child;
}

#define MAIN qemu_get_aio_context()

static void t_pwrite(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_pwrite(&child0, 8, 32, buf, BDRV_REQ_FUA) == 32);
    EXPECT_CO(&b, "bdrv_co_pwrite", MAIN, true);
}

static void t_allocated_size(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_get_allocated_file_size(&bs0) == INT64_C(5) << 40);
    EXPECT_CO(&b, "bdrv_co_get_allocated_file_size", MAIN, true);
}

static void t_blk_eject(void)
{
    Snap b = snap();
    ejected = false;
    blk_eject(&blk0, true);
    COWRAP_CHECK(ejected);
    EXPECT_CO(&b, "blk_co_eject", MAIN, false);
}

static void t_find_backing(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_find_backing(&bs0, 4000000000u) == &base0);
    EXPECT_CO(&b, "bdrv_co_find_backing", MAIN, true);
}

static void t_block_status(void)
{
    Snap b = snap();
    file = NULL;
    depth = 0;
    COWRAP_CHECK(bdrv_common_block_status_above(&bs0, &base0, false, 3u, 65536,
                                                INT64_MAX, &pnum, &map, &file,
                                                &depth) == 72);
    COWRAP_CHECK(file == &bs1 && depth == 2);
    EXPECT_CO(&b, "bdrv_co_common_block_status_above", MAIN, true);
}

static void t_is_inserted(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_is_inserted(&bs0));
    EXPECT_CO(&b, "bdrv_co_is_inserted", MAIN, true);
}

static void t_blk_lookup(void)
{
    Snap b = snap();
    COWRAP_CHECK(blk_lookup("drive0") == &blk0);
    EXPECT_CO(&b, "blk_co_lookup", MAIN, false);
}

static void t_nbd_connect(void)
{
    Snap b = snap();
    COWRAP_CHECK(nbd_connect("localhost", 10809, &err) == -71);
    EXPECT_CO(&b, "nbd_co_connect", MAIN, false);
}

static void t_create(void)
{
    Snap b = snap();
    COWRAP_CHECK(bdrv_create(&drv0, "e.vmdk", &opts, &err) == 73);
    EXPECT_CO(&b, "bdrv_co_create", MAIN, false);
}

static void coroutine_fn t_co_activate(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_activate(&bs0, &err) == -74);
    EXPECT_BH(&b, "bdrv_activate", self, true, false, NULL);
}

static void coroutine_fn t_co_unref_child(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    unrefd = false;
    bdrv_co_unref_child(&bs0, &child0);
    COWRAP_CHECK(unrefd);
    EXPECT_BH(&b, "bdrv_unref_child", self, false, true, NULL);
}

static void coroutine_fn t_co_open(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_open(NULL, "bs0", &options, 2, NULL) == &opened);
    EXPECT_BH(&b, "bdrv_open", self, false, false, NULL);
}

static void coroutine_fn t_blk_co_new_open(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(blk_co_new_open("f.img", NULL, NULL, 0, &err) == &opened_blk);
    EXPECT_BH(&b, "blk_new_open", self, false, false, NULL);
}

static void coroutine_fn t_co_open_child(void)
{
    Coroutine *self = qemu_coroutine_self();
    Snap b = snap();
    COWRAP_CHECK(bdrv_co_open_child("g.raw", &bs0, "data-file", &err) ==
                 &opened_child);
    EXPECT_BH(&b, "bdrv_open_child", self, false, false, NULL);
}

static TestFn *const mixed[] = {
    t_pwrite, t_allocated_size, t_blk_eject, t_find_backing, t_block_status,
    NULL,
};
static TestFn *const co_only[] = {
    t_is_inserted, t_blk_lookup, t_nbd_connect, t_create, NULL,
};
static TestFn *const no_co[] = {
    t_co_activate, t_co_unref_child, t_co_open, t_blk_co_new_open,
    t_co_open_child, NULL,
};

int main(void)
{
    bs0.ctx = aio_context_new("bs0-iothread");
    bs1.ctx = aio_context_new("bs1-iothread");
    blk0.ctx = aio_context_new("blk0-iothread");
    return run_plan("b4", &(TestPlan) {
        .mixed = mixed, .co_only = co_only, .no_co = no_co,
    });
}
