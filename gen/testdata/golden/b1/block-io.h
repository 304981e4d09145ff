/*
 * rules_cowrap fixture, dialect B1 (QEMU 8.0): I/O wrappers. Until 8.2 the
 * generated code names the first parameter bs, child or blk whatever its
 * declared name, so these declarations use exactly those names.
 */
#ifndef FIXTURE_B1_BLOCK_IO_H
#define FIXTURE_B1_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn GRAPH_RDLOCK
bdrv_co_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
              BdrvRequestFlags flags);
int coroutine_fn GRAPH_RDLOCK
bdrv_co_pwrite(BdrvChild *child, int64_t offset, int64_t bytes,
               const void *buf, BdrvRequestFlags flags);
int64_t coroutine_fn GRAPH_RDLOCK bdrv_co_getlength(BlockDriverState *bs);
bool coroutine_fn GRAPH_RDLOCK bdrv_co_is_inserted(BlockDriverState *bs);
void coroutine_fn bdrv_co_lock_medium(BlockDriverState *bs, bool locked);
int coroutine_fn bdrv_co_flush(BlockDriverState *bs);

int co_wrapper_mixed_bdrv_rdlock
bdrv_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
           BdrvRequestFlags flags);
int co_wrapper_mixed_bdrv_rdlock
bdrv_pwrite(BdrvChild *child, int64_t offset,int64_t bytes,
            const void *buf, BdrvRequestFlags flags);

int64_t co_wrapper_mixed_bdrv_rdlock bdrv_getlength(BlockDriverState *bs);
bool co_wrapper_bdrv_rdlock bdrv_is_inserted(BlockDriverState *bs);
void co_wrapper_mixed bdrv_lock_medium(BlockDriverState *bs, bool locked);
int co_wrapper bdrv_flush(BlockDriverState *bs);

#endif /* FIXTURE_B1_BLOCK_IO_H */
