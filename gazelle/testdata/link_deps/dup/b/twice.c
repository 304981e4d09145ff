int blk_co_twice(BlockDriverState *bs) { return 0; }
