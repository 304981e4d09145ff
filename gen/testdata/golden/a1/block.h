/*
 * rules_cowrap fixture, dialect A1 (QEMU 5.2/6.0): public node functions.
 *
 * Only "int generated_co_wrapper bdrv_<name>(" starting a line is a wrapper:
 * this comment's mention of generated_co_wrapper is not, nor the #define.
 */
#ifndef FIXTURE_A1_BLOCK_H
#define FIXTURE_A1_BLOCK_H

#include "block/block-common.h"

#define FIXTURE_A1_MARK generated_co_wrapper

int generated_co_wrapper bdrv_check(BlockDriverState *bs,
                                    BdrvCheckResult *res, BdrvCheckMode fix);
int generated_co_wrapper bdrv_invalidate_cache(BlockDriverState *bs,
                                               Error **errp);

int generated_co_wrapper
bdrv_preadv(BdrvChild *child, int64_t offset, unsigned int bytes,
            QEMUIOVector *qiov, BdrvRequestFlags flags);
int generated_co_wrapper
bdrv_pwritev(BdrvChild *child, int64_t offset,unsigned int bytes,
             QEMUIOVector *qiov, BdrvRequestFlags flags);

#endif /* FIXTURE_A1_BLOCK_H */
