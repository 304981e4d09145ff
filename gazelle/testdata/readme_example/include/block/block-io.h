int co_wrapper_mixed bdrv_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
                                BdrvRequestFlags flags);
int coroutine_fn bdrv_co_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
                               BdrvRequestFlags flags);
