/*
 * rules_cowrap fixture, dialect A2 (QEMU 6.1): from this release a wrapper
 * name may have any "<subsystem>_" prefix, not only bdrv_.
 */
#ifndef FIXTURE_A2_BLOCK_H
#define FIXTURE_A2_BLOCK_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_flush(BlockDriverState *bs);
int coroutine_fn bdrv_co_truncate(BdrvChild *child, int64_t offset, bool exact,
                                  PreallocMode prealloc,
                                  BdrvRequestFlags flags, Error **errp);

int generated_co_wrapper bdrv_flush(BlockDriverState *bs);
int generated_co_wrapper
bdrv_truncate(BdrvChild *child, int64_t offset, bool exact,
              PreallocMode prealloc, BdrvRequestFlags flags, Error **errp);

#endif /* FIXTURE_A2_BLOCK_H */
