int generated_co_wrapper bdrv_pread(BdrvChild *child, int64_t offset,
                                     unsigned int bytes, void *buf,
                                     BdrvRequestFlags flags);
int coroutine_fn bdrv_co_pread(BdrvChild *child, int64_t offset,
                               unsigned int bytes, void *buf,
                               BdrvRequestFlags flags);
