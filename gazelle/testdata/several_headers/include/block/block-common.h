/*
 * Like QEMU's block-common.h: it defines the marks, and mentions them in
 * comments, but declares nothing with them: co_wrapper, co_wrapper_mixed.
 */
#define co_wrapper
#define co_wrapper_mixed
#define co_wrapper_bdrv_rdlock
#define co_wrapper_mixed_bdrv_rdlock
const char *doc = "int co_wrapper fake(BlockDriverState *bs);";
