/*
 * rules_cowrap fixture, dialect A3 (QEMU 6.2 .. 7.2): I/O functions.
 */
#ifndef FIXTURE_A3_BLOCK_IO_H
#define FIXTURE_A3_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_pwrite_zeroes(BdrvChild *child, int64_t offset,
                                       int64_t bytes, BdrvRequestFlags flags);
int coroutine_fn bdrv_co_get_info(BlockDriverState *bs, BlockDriverInfo *bdi);

int generated_co_wrapper bdrv_pwrite_zeroes(BdrvChild *child, int64_t offset,
                                            int64_t bytes,
                                            BdrvRequestFlags flags);
int generated_co_wrapper bdrv_get_info(BlockDriverState *bs,
                                       BlockDriverInfo *bdi);

#endif /* FIXTURE_A3_BLOCK_IO_H */
