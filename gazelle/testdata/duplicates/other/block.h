int co_wrapper bdrv_open_block(BlockDriverState *bs);
int co_wrapper bdrv_drain(BlockDriverState *bs);
