/*
 * memdisk's main-loop functions (dialect qemu-10.2). They must not run in a
 * coroutine; for each no_co_wrapper declaration cowrap writes a coroutine_fn
 * that schedules the function in a bottom half of the main loop, yields,
 * and returns its result once the bottom half has woken it:
 *   no_co_wrapper            no lock;
 *   no_co_wrapper_bdrv_rdlock  under bdrv_graph_rdlock_main_loop();
 *   no_co_wrapper_bdrv_wrlock  under bdrv_graph_wrlock().
 */
#ifndef EXAMPLES_MODERN_BLOCK_GLOBAL_STATE_H
#define EXAMPLES_MODERN_BLOCK_GLOBAL_STATE_H

#include "examples/modern/memdisk.h"

/* Attach a zeroed image of size bytes to bs, inactive. */
int mem_open(BlockDriverState *bs, int64_t size, Error **errp);
/* Allow writes (QEMU activates images after an incoming migration). */
int GRAPH_RDLOCK mem_activate(BlockDriverState *bs, Error **errp);
/* Detach and free the image; unflushed writes are lost. */
void GRAPH_WRLOCK mem_close(BlockDriverState *bs);

int coroutine_fn no_co_wrapper
mem_co_open(BlockDriverState *bs, int64_t size, Error **errp);
int coroutine_fn no_co_wrapper_bdrv_rdlock
mem_co_activate(BlockDriverState *bs, Error **errp);
void coroutine_fn no_co_wrapper_bdrv_wrlock mem_co_close(BlockDriverState *bs);

#endif /* EXAMPLES_MODERN_BLOCK_GLOBAL_STATE_H */
