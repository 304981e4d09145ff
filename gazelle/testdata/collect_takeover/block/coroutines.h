int co_wrapper bdrv_other(BlockDriverState *bs);
