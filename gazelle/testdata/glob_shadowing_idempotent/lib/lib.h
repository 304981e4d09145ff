int co_wrapper_mixed bdrv_truncate(BdrvChild *child, int64_t offset);
