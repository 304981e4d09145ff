/*
 * The block layer's API, QEMU's shape: declared here (//:headers, a glob of every header under
 * include/), defined in block/ (//block:impl, another package). The wrappers cowrap writes
 * call blk_co_pread and blk_drain, so the generated target must link //block:impl.
 */
#ifndef SPLIT_BLOCK_IO_H
#define SPLIT_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn blk_co_pread(BlockDriverState *bs, int64_t offset, int64_t bytes, void *buf);
int co_wrapper blk_pread(BlockDriverState *bs, int64_t offset, int64_t bytes, void *buf);

/* A main-loop function, and the coroutine_fn cowrap writes for it (a bottom half calls it). */
int blk_drain(BlockDriverState *bs);
int coroutine_fn no_co_wrapper blk_co_drain(BlockDriverState *bs);

#endif /* SPLIT_BLOCK_IO_H */
