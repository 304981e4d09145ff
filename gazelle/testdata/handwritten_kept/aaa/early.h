int co_wrapper bdrv_early(BlockDriverState *bs);
