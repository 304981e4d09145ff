/* The marks were removed. */
int bdrv_flush(BlockDriverState *bs);
