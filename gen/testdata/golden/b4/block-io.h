/*
 * rules_cowrap fixture, dialect B4 (QEMU 9.0 .. 10.2): every co wrapper
 * kind. The coroutine runs in the caller's current AioContext, so the first
 * parameter may have any type and name.
 */
#ifndef FIXTURE_B4_BLOCK_IO_H
#define FIXTURE_B4_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn GRAPH_RDLOCK
bdrv_co_pwrite(BdrvChild *child, int64_t offset, int64_t bytes,
               const void *buf, BdrvRequestFlags flags);
int64_t coroutine_fn GRAPH_RDLOCK
bdrv_co_get_allocated_file_size(BlockDriverState *bs);
bool coroutine_fn GRAPH_RDLOCK bdrv_co_is_inserted(BlockDriverState *node);
void coroutine_fn blk_co_eject(BlockBackend *blk, bool eject_flag);
BlockDriverState * coroutine_fn GRAPH_RDLOCK
bdrv_co_find_backing(BlockDriverState *bs, unsigned int depth);
BlockBackend * coroutine_fn blk_co_lookup(const char *name);
int coroutine_fn nbd_co_connect(const char *host, unsigned int port,
                                Error **errp);
int coroutine_fn GRAPH_RDLOCK
bdrv_co_common_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                                  bool include_base, unsigned int mode,
                                  int64_t offset, int64_t bytes, int64_t *pnum,
                                  int64_t *map, BlockDriverState **file,
                                  int *depth);

int co_wrapper_mixed_bdrv_rdlock
bdrv_pwrite(BdrvChild *child, int64_t offset,int64_t bytes,
            const void *buf, BdrvRequestFlags flags);
int64_t co_wrapper_mixed_bdrv_rdlock
bdrv_get_allocated_file_size(BlockDriverState *bs);
bool co_wrapper_bdrv_rdlock bdrv_is_inserted(BlockDriverState *node);
void co_wrapper_mixed blk_eject(BlockBackend *blk, bool eject_flag);
BlockDriverState * co_wrapper_mixed_bdrv_rdlock
bdrv_find_backing(BlockDriverState *bs, unsigned int depth);
BlockBackend * co_wrapper blk_lookup(const char *name);
int co_wrapper nbd_connect(const char *host, unsigned int port, Error **errp);
int co_wrapper_mixed_bdrv_rdlock
bdrv_common_block_status_above(BlockDriverState *bs,
                               BlockDriverState *base,
                               bool include_base,
                               unsigned int mode,
                               int64_t offset,
                               int64_t bytes,
                               int64_t *pnum,
                               int64_t *map,
                               BlockDriverState **file,
                               int *depth);

#endif /* FIXTURE_B4_BLOCK_IO_H */
