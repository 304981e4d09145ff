int generated_co_wrapper bdrv_flush(BlockDriverState *bs);
