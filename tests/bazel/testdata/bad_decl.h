/* The generator rejects an array parameter (QEMU's script would silently drop the "[3]"). */
int co_wrapper bdrv_bad(int sizes[3]);
