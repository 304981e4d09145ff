int blk_co_cyc(BlockDriverState *bs) { return blk_pread(bs, 0); }
