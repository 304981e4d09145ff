/* QEMU's marks are not marks here. */
int co_wrapper bdrv_flush(BlockDriverState *bs);
