int co_wrapper bdrv_sub(BlockDriverState *bs);
