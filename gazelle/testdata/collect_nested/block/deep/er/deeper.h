int co_wrapper bdrv_deep(BlockDriverState *bs);
