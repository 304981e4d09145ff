/*
 * rules_cowrap fixture, dialect B2 (QEMU 8.1): co wrappers with each kind of
 * first parameter. As in 8.0 the generated code calls it bs, child or blk.
 */
#ifndef FIXTURE_B2_BLOCK_IO_H
#define FIXTURE_B2_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_pdiscard(BdrvChild *child, int64_t offset,
                                  int64_t bytes);
void coroutine_fn GRAPH_RDLOCK bdrv_co_drain_node(BlockDriverState *bs);
int64_t coroutine_fn GRAPH_RDLOCK blk_co_getlength(BlockBackend *blk);
bool coroutine_fn bdrv_co_can_store(BlockDriverState *bs, const char *name,
                                    uint32_t granularity, Error **errp);

int co_wrapper_mixed bdrv_pdiscard(BdrvChild *child, int64_t offset,
                                   int64_t bytes);
void co_wrapper_bdrv_rdlock bdrv_drain_node(BlockDriverState *bs);
int64_t co_wrapper_mixed_bdrv_rdlock blk_getlength(BlockBackend *blk);
bool co_wrapper_mixed
bdrv_can_store(BlockDriverState *bs, const char *name,
               uint32_t granularity, Error **errp);

#endif /* FIXTURE_B2_BLOCK_IO_H */
