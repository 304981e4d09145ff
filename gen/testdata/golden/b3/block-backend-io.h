/* rules_cowrap fixture, dialect B3: BlockBackend wrappers. */
#ifndef FIXTURE_B3_BLOCK_BACKEND_IO_H
#define FIXTURE_B3_BLOCK_BACKEND_IO_H

#include "block/block-common.h"

int coroutine_fn blk_co_pwrite(BlockBackend *be, int64_t offset, int64_t bytes,
                               const void *buf, BdrvRequestFlags flags);
int co_wrapper_mixed blk_pwrite(BlockBackend *be, int64_t offset,
                                int64_t bytes, const void *buf,
                                BdrvRequestFlags flags);

void blk_unref(BlockBackend *be);
void coroutine_fn no_co_wrapper blk_co_unref(BlockBackend *be);

#endif /* FIXTURE_B3_BLOCK_BACKEND_IO_H */
