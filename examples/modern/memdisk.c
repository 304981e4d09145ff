/*
 * memdisk driver: the coroutine_fn I/O functions and the main-loop
 * functions that the generated wrappers call. Like QEMU's block layer it
 * checks at run time what the annotations promise: which graph lock is
 * held, and whether it runs in a coroutine. Each request waits for a
 * pretend I/O completion (co_wait_io), so it really leaves its coroutine.
 */
#include "examples/modern/block-global-state.h"
#include "examples/modern/block-io.h"
#include "examples/util.h"

#define MEM_MAX_SIZE (INT64_C(1) << 30)

static Error err_size = { "image size out of range" };
static Error err_no_medium = { "no image attached" };
static Error err_inactive = { "image is inactive" };
static Error err_busy = { "an image is already attached" };

static void set_error(Error **errp, Error *err)
{
    if (errp) {
        *errp = err;
    }
}

/* QEMU's assert_bdrv_graph_readable() and _writable(), in effect. */
static void check_graph_readable(void)
{
    COWRAP_CHECK(cowrap_graph_stats.co_rd_held > 0 ||
                 cowrap_graph_stats.main_rd_held > 0 ||
                 cowrap_graph_stats.wr_held);
}

static void check_graph_writable(void)
{
    COWRAP_CHECK(cowrap_graph_stats.wr_held);
}

/* note_call() plus the graph locks held on entry. */
static void note(const char *fn)
{
    CallSite *c = note_call(fn);

    c->co_rd = cowrap_graph_stats.co_rd_held;
    c->main_rd = cowrap_graph_stats.main_rd_held;
    c->wr = cowrap_graph_stats.wr_held;
}

/* Zero-filled buffer of size bytes (at least one, so NULL means failure). */
static uint8_t *alloc_image(int64_t size)
{
    return calloc(1, size ? (size_t)size : 1);
}

int mem_open(BlockDriverState *bs, int64_t size, Error **errp)
{
    MemDisk *s;

    note(__func__);
    COWRAP_CHECK(!qemu_in_coroutine());
    trace("    mem_open: %s, %" PRId64 " bytes, inactive", bs->node_name,
          size);
    if (bs->opaque) {
        set_error(errp, &err_busy);
        return -EBUSY;
    }
    if (size < 0 || size > MEM_MAX_SIZE) {
        set_error(errp, &err_size);
        return -EINVAL;
    }
    s = calloc(1, sizeof(*s));
    if (!s || !(s->data = alloc_image(size))) {
        cowrap_fatal("mem_open: out of memory");
    }
    s->size = size;
    bs->opaque = s;
    return 0;
}

int mem_activate(BlockDriverState *bs, Error **errp)
{
    MemDisk *s = bs->opaque;

    note(__func__);
    COWRAP_CHECK(!qemu_in_coroutine());
    check_graph_readable();
    trace("    mem_activate: %s (graph read-locked by the main loop: %d)",
          bs->node_name, cowrap_graph_stats.main_rd_held);
    if (!s) {
        set_error(errp, &err_no_medium);
        return -ENOMEDIUM;
    }
    s->active = true;
    return 0;
}

void mem_close(BlockDriverState *bs)
{
    MemDisk *s = bs->opaque;

    note(__func__);
    COWRAP_CHECK(!qemu_in_coroutine());
    check_graph_writable();
    trace("    mem_close: %s (graph write-locked: %d)%s", bs->node_name,
          cowrap_graph_stats.wr_held,
          s && s->dirty ? ", unflushed data dropped" : "");
    if (s) {
        free(s->data);
        free(s);
        bs->opaque = NULL;
    }
}

/* 0 if [offset, offset + bytes) lies inside the image, else -errno. */
static int check_request(MemDisk *s, int64_t offset, int64_t bytes)
{
    if (!s) {
        return -ENOMEDIUM;
    }
    if (offset < 0 || bytes < 0 || offset > s->size - bytes) {
        return -EINVAL;
    }
    return 0;
}

int coroutine_fn mem_co_pread(BdrvChild *child, int64_t offset, int64_t bytes,
                              void *buf, BdrvRequestFlags flags)
{
    MemDisk *s = child->bs->opaque;
    int ret = check_request(s, offset, bytes);

    note(__func__);
    (void)flags; /* no read flags matter for memory */
    check_graph_readable();
    trace("    mem_co_pread: %" PRId64 " bytes at %" PRId64
          " (graph read-locked: %d)%s", bytes, offset,
          cowrap_graph_stats.co_rd_held, ret ? ", rejected" : "");
    if (ret) {
        return ret;
    }
    memcpy(buf, s->data + offset, bytes);
    co_wait_io("read");
    return 0;
}

int coroutine_fn mem_co_pwrite(BdrvChild *child, int64_t offset,
                               int64_t bytes, const void *buf,
                               BdrvRequestFlags flags)
{
    MemDisk *s = child->bs->opaque;
    int ret = check_request(s, offset, bytes);

    note(__func__);
    check_graph_readable();
    if (!ret && !s->active) {
        ret = -EPERM;
    }
    trace("    mem_co_pwrite: %" PRId64 " bytes at %" PRId64
          " (graph read-locked: %d)%s%s", bytes, offset,
          cowrap_graph_stats.co_rd_held, flags & BDRV_REQ_FUA ? ", FUA" : "",
          ret ? ", rejected" : "");
    if (ret) {
        return ret;
    }
    memcpy(s->data + offset, buf, bytes);
    s->dirty = true;
    co_wait_io("write");
    /* Forced unit access: the write is durable when it completes. */
    return flags & BDRV_REQ_FUA ? mem_co_flush(child->bs) : 0;
}

int coroutine_fn mem_co_flush(BlockDriverState *bs)
{
    MemDisk *s = bs->opaque;

    note(__func__);
    trace("    mem_co_flush: %s", bs->node_name);
    if (!s) {
        return -ENOMEDIUM;
    }
    co_wait_io("flush");
    s->dirty = false;
    s->flushes++;
    return 0;
}

int64_t coroutine_fn mem_co_getlength(BlockDriverState *bs)
{
    MemDisk *s = bs->opaque;

    note(__func__);
    check_graph_readable();
    trace("    mem_co_getlength: %s (graph read-locked: %d)", bs->node_name,
          cowrap_graph_stats.co_rd_held);
    if (!s) {
        return -ENOMEDIUM;
    }
    co_wait_io("metadata read");
    return s->size;
}

static int coroutine_fn GRAPH_RDLOCK
truncate_locked(BdrvChild *child, int64_t offset, Error **errp)
{
    MemDisk *s = child->bs->opaque;
    uint8_t *data;

    if (!s) {
        set_error(errp, &err_no_medium);
        return -ENOMEDIUM;
    }
    if (!s->active) {
        set_error(errp, &err_inactive);
        return -EPERM;
    }
    if (offset < 0 || offset > MEM_MAX_SIZE) {
        set_error(errp, &err_size);
        return -EINVAL;
    }
    co_wait_io("metadata write");
    if (!(data = alloc_image(offset))) {
        cowrap_fatal("mem_co_truncate: out of memory");
    }
    memcpy(data, s->data, offset < s->size ? offset : s->size);
    free(s->data);
    s->data = data;
    s->size = offset;
    s->dirty = true;
    return 0;
}

int coroutine_fn mem_co_truncate(BdrvChild *child, int64_t offset,
                                 Error **errp)
{
    int ret;

    note(__func__);
    /* Not a _bdrv_rdlock wrapper: lock here, as QEMU's blk_co_truncate. */
    bdrv_graph_co_rdlock();
    trace("    mem_co_truncate: %s to %" PRId64 " bytes (graph read-locked: "
          "%d)", child->bs->node_name, offset, cowrap_graph_stats.co_rd_held);
    ret = truncate_locked(child, offset, errp);
    bdrv_graph_co_rdunlock();
    return ret;
}
