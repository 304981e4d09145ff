int blk_co_over(BlockDriverState *bs) { return 0; }
