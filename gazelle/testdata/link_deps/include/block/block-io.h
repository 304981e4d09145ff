#include "block/block-common.h"

int co_wrapper blk_pread(BlockDriverState *bs, int64_t offset);
int no_co_wrapper blk_co_drain(BlockDriverState *bs);
int co_wrapper blk_over(BlockDriverState *bs);
int co_wrapper blk_twice(BlockDriverState *bs);
int co_wrapper blk_hidden(BlockDriverState *bs);
int co_wrapper blk_elsewhere(BlockDriverState *bs);
int co_wrapper blk_cyc(BlockDriverState *bs);
