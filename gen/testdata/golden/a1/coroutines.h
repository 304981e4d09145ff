/*
 * rules_cowrap fixture, dialect A1: the coroutine functions the wrappers
 * call, plus a wrapper with one parameter per line.
 */
#ifndef FIXTURE_A1_COROUTINES_H
#define FIXTURE_A1_COROUTINES_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_check(BlockDriverState *bs,
                               BdrvCheckResult *res, BdrvCheckMode fix);
int coroutine_fn bdrv_co_invalidate_cache(BlockDriverState *bs, Error **errp);
int coroutine_fn bdrv_co_preadv(BdrvChild *child, int64_t offset,
                                unsigned int bytes, QEMUIOVector *qiov,
                                BdrvRequestFlags flags);
int coroutine_fn bdrv_co_pwritev(BdrvChild *child, int64_t offset,
                                 unsigned int bytes, QEMUIOVector *qiov,
                                 BdrvRequestFlags flags);
int coroutine_fn
bdrv_co_common_block_status_above(BlockDriverState *bs, BlockDriverState *base,
                                  bool include_base, bool want_zero,
                                  int64_t offset, int64_t bytes, int64_t *pnum,
                                  int64_t *map, BlockDriverState **file);

int generated_co_wrapper
bdrv_common_block_status_above(BlockDriverState *bs,
                               BlockDriverState *base,
                               bool include_base,
                               bool want_zero,
                               int64_t offset,
                               int64_t bytes,
                               int64_t *pnum,
                               int64_t *map,
                               BlockDriverState **file);

#endif /* FIXTURE_A1_COROUTINES_H */
