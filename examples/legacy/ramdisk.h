/*
 * ramdisk: an in-memory block driver in the QEMU 6.2 style (dialect
 * qemu-6.2). The driver's work is done by coroutine_fn functions; each
 * generated_co_wrapper declaration below makes cowrap write a wrapper that
 * calls the coroutine_fn directly from a coroutine, or otherwise runs it in
 * a new coroutine in the node's AioContext and polls until it is done.
 * Such wrappers always return int (the script's rule before QEMU 8.0).
 */
#ifndef EXAMPLES_LEGACY_RAMDISK_H
#define EXAMPLES_LEGACY_RAMDISK_H

#include "block/block-common.h"

/* The driver's state, hung on BlockDriverState.opaque. */
typedef struct RamDisk {
    uint8_t *data;
    int64_t size;
    bool dirty;        /* written since the last flush */
    unsigned flushes;
} RamDisk;

/* Main loop only (they are not coroutine_fn): attach and detach an image. */
int ram_open(BlockDriverState *bs, int64_t size, Error **errp);
void ram_close(BlockDriverState *bs);

/* Node level: reads and writes go through a BdrvChild, as in QEMU. */
int coroutine_fn ram_co_pread(BdrvChild *child, int64_t offset, int64_t bytes,
                              void *buf);
int coroutine_fn ram_co_pwrite(BdrvChild *child, int64_t offset,
                               int64_t bytes, const void *buf);
int coroutine_fn ram_co_flush(BlockDriverState *bs);
int coroutine_fn ram_co_getlength(BlockDriverState *bs, int64_t *length);
int coroutine_fn ram_co_truncate(BdrvChild *child, int64_t offset,
                                 Error **errp);
/* Device level: a BlockBackend first parameter (QEMU 6.2's addition). */
int coroutine_fn ramblk_co_flush(BlockBackend *blk);

int generated_co_wrapper ram_pread(BdrvChild *child, int64_t offset,
                                   int64_t bytes, void *buf);
int generated_co_wrapper ram_pwrite(BdrvChild *child, int64_t offset,
                                    int64_t bytes, const void *buf);
int generated_co_wrapper ram_flush(BlockDriverState *bs);
int generated_co_wrapper ram_getlength(BlockDriverState *bs, int64_t *length);
int generated_co_wrapper ram_truncate(BdrvChild *child, int64_t offset,
                                      Error **errp);
int generated_co_wrapper ramblk_flush(BlockBackend *blk);

#endif /* EXAMPLES_LEGACY_RAMDISK_H */
