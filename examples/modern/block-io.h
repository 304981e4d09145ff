/*
 * memdisk I/O (dialect qemu-10.2). The driver implements the coroutine_fn
 * functions; for each marked declaration cowrap writes a wrapper that runs
 * the function in a new coroutine and polls until it is done:
 *   co_wrapper               only outside coroutines;
 *   co_wrapper_mixed         from a coroutine it calls the function directly;
 *   ..._bdrv_rdlock          the new coroutine holds the graph read lock
 *                            (a coroutine caller must already hold it).
 */
#ifndef EXAMPLES_MODERN_BLOCK_IO_H
#define EXAMPLES_MODERN_BLOCK_IO_H

#include "examples/modern/memdisk.h"

int coroutine_fn GRAPH_RDLOCK
mem_co_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
             BdrvRequestFlags flags);
int coroutine_fn GRAPH_RDLOCK
mem_co_pwrite(BdrvChild *child, int64_t offset, int64_t bytes,
              const void *buf, BdrvRequestFlags flags);
int coroutine_fn mem_co_flush(BlockDriverState *bs);
int64_t coroutine_fn GRAPH_RDLOCK mem_co_getlength(BlockDriverState *bs);
/* Takes the graph read lock itself. */
int coroutine_fn mem_co_truncate(BdrvChild *child, int64_t offset,
                                 Error **errp);

int co_wrapper_mixed_bdrv_rdlock
mem_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
          BdrvRequestFlags flags);
int co_wrapper_mixed_bdrv_rdlock
mem_pwrite(BdrvChild *child, int64_t offset, int64_t bytes, const void *buf,
           BdrvRequestFlags flags);
int co_wrapper_mixed mem_flush(BlockDriverState *bs);
int64_t co_wrapper_bdrv_rdlock mem_getlength(BlockDriverState *bs);
int co_wrapper mem_truncate(BdrvChild *child, int64_t offset, Error **errp);

#endif /* EXAMPLES_MODERN_BLOCK_IO_H */
