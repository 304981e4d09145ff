int co_wrapper bdrv_open_block_io(BlockDriverState *bs);
int co_wrapper bdrv_drain(BlockDriverState *bs);
