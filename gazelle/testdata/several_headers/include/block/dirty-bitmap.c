/* A .c file may hold marked declarations too. */
void co_wrapper bdrv_dirty_bitmap_merge(BlockDriverState *bs, int x);
