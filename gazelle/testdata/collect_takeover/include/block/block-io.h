int co_wrapper bdrv_flush(BlockDriverState *bs);
