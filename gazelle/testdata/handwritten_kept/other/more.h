int co_wrapper bdrv_more(BlockDriverState *bs);
