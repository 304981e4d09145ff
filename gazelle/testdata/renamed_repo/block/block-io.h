/* One marked declaration: what matters here is the load statement. */
int co_wrapper bdrv_flush(BlockDriverState *bs);
