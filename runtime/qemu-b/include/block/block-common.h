/* QEMU >= 8.0 flavour: wrapper marks and graph-lock annotations. */
#ifndef BLOCK_BLOCK_COMMON_H
#define BLOCK_BLOCK_COMMON_H

#include "qemu/osdep.h"
#include "block/block_int-common.h"
#include "block/graph-lock.h"

#define COWRAP_RUNTIME_B 1

/*
 * Read by the generator, which writes the bodies. co_wrapper functions may
 * not be called from coroutines, mixed ones may; no_co_wrapper functions
 * are themselves coroutine_fn. To gcc they are only annotations.
 */
#define co_wrapper                   no_coroutine_fn
#define co_wrapper_mixed             no_coroutine_fn coroutine_mixed_fn
#define co_wrapper_bdrv_rdlock       no_coroutine_fn
#define co_wrapper_mixed_bdrv_rdlock no_coroutine_fn coroutine_mixed_fn
#define no_co_wrapper
#define no_co_wrapper_bdrv_rdlock
#define no_co_wrapper_bdrv_wrlock

#endif /* BLOCK_BLOCK_COMMON_H */
