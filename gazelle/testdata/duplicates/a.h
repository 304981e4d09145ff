int co_wrapper bdrv_flush(BlockDriverState *bs);
int co_wrapper bdrv_a(BlockDriverState *bs);
