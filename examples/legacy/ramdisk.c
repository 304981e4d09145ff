/*
 * ramdisk driver: the coroutine_fn functions that the generated wrappers
 * call, and the main-loop functions. Every request waits for a pretend I/O
 * completion (co_wait_io), so each one really leaves its coroutine.
 */
#include "examples/legacy/ramdisk.h"
#include "examples/util.h"

/* Keep sizes small: the image lives in memory. */
#define RAM_MAX_SIZE (INT64_C(1) << 30)

static Error err_size = { "image size out of range" };
static Error err_no_medium = { "no image attached" };

static void set_error(Error **errp, Error *err)
{
    if (errp) {
        *errp = err;
    }
}

/* Zero-filled buffer of size bytes (at least one, so NULL means failure). */
static uint8_t *alloc_image(int64_t size)
{
    return calloc(1, size ? (size_t)size : 1);
}

int ram_open(BlockDriverState *bs, int64_t size, Error **errp)
{
    RamDisk *s;

    note_call(__func__);
    COWRAP_CHECK(!qemu_in_coroutine());
    if (size < 0 || size > RAM_MAX_SIZE) {
        set_error(errp, &err_size);
        return -EINVAL;
    }
    s = calloc(1, sizeof(*s));
    if (!s || !(s->data = alloc_image(size))) {
        cowrap_fatal("ram_open: out of memory");
    }
    s->size = size;
    bs->opaque = s;
    trace("    ram_open: %s, %" PRId64 " bytes", bs->node_name, size);
    return 0;
}

void ram_close(BlockDriverState *bs)
{
    RamDisk *s = bs->opaque;

    note_call(__func__);
    COWRAP_CHECK(!qemu_in_coroutine());
    if (s) {
        trace("    ram_close: %s%s", bs->node_name,
              s->dirty ? " (unflushed data dropped)" : "");
        free(s->data);
        free(s);
        bs->opaque = NULL;
    }
}

/* 0 if [offset, offset + bytes) lies inside the image, else -errno. */
static int check_request(RamDisk *s, int64_t offset, int64_t bytes)
{
    if (!s) {
        return -ENOMEDIUM;
    }
    if (offset < 0 || bytes < 0 || offset > s->size - bytes) {
        return -EINVAL;
    }
    return 0;
}

int coroutine_fn ram_co_pread(BdrvChild *child, int64_t offset, int64_t bytes,
                              void *buf)
{
    RamDisk *s = child->bs->opaque;
    int ret = check_request(s, offset, bytes);

    note_call(__func__);
    trace("    ram_co_pread: %" PRId64 " bytes at %" PRId64 "%s", bytes, offset,
          ret ? " (rejected)" : "");
    if (ret) {
        return ret;
    }
    memcpy(buf, s->data + offset, bytes);
    co_wait_io("read");
    return 0;
}

int coroutine_fn ram_co_pwrite(BdrvChild *child, int64_t offset,
                               int64_t bytes, const void *buf)
{
    RamDisk *s = child->bs->opaque;
    int ret = check_request(s, offset, bytes);

    note_call(__func__);
    trace("    ram_co_pwrite: %" PRId64 " bytes at %" PRId64 "%s", bytes,
          offset, ret ? " (rejected)" : "");
    if (ret) {
        return ret;
    }
    memcpy(s->data + offset, buf, bytes);
    s->dirty = true;
    co_wait_io("write");
    return 0;
}

int coroutine_fn ram_co_flush(BlockDriverState *bs)
{
    RamDisk *s = bs->opaque;

    note_call(__func__);
    trace("    ram_co_flush: %s", bs->node_name);
    if (!s) {
        return -ENOMEDIUM;
    }
    co_wait_io("flush");
    s->dirty = false;
    s->flushes++;
    return 0;
}

int coroutine_fn ram_co_getlength(BlockDriverState *bs, int64_t *length)
{
    RamDisk *s = bs->opaque;

    note_call(__func__);
    trace("    ram_co_getlength: %s", bs->node_name);
    if (!s) {
        return -ENOMEDIUM;
    }
    co_wait_io("metadata read");
    *length = s->size;
    return 0;
}

int coroutine_fn ram_co_truncate(BdrvChild *child, int64_t offset,
                                 Error **errp)
{
    RamDisk *s = child->bs->opaque;
    uint8_t *data;

    note_call(__func__);
    trace("    ram_co_truncate: %s to %" PRId64 " bytes", child->bs->node_name,
          offset);
    if (!s) {
        set_error(errp, &err_no_medium);
        return -ENOMEDIUM;
    }
    if (offset < 0 || offset > RAM_MAX_SIZE) {
        set_error(errp, &err_size);
        return -EINVAL;
    }
    co_wait_io("metadata write");
    if (!(data = alloc_image(offset))) {
        cowrap_fatal("ram_co_truncate: out of memory");
    }
    memcpy(data, s->data, offset < s->size ? offset : s->size);
    free(s->data);
    s->data = data;
    s->size = offset;
    s->dirty = true;
    return 0;
}

int coroutine_fn ramblk_co_flush(BlockBackend *blk)
{
    note_call(__func__);
    trace("    ramblk_co_flush: %s", blk->name);
    if (!blk_bs(blk)) {
        return -ENOMEDIUM;
    }
    return ram_co_flush(blk_bs(blk));
}
