/*
 * Minimal block-layer types: just enough for generated wrappers to derive an
 * AioContext from their first argument and for tests to pass typed values.
 * The opaque members are for users (e.g. a mini block layer) to hang state on.
 */
#ifndef BLOCK_BLOCK_INT_COMMON_H
#define BLOCK_BLOCK_INT_COMMON_H

#include "qemu/osdep.h"
#include "qemu/coroutine.h"
#include "block/aio.h"
#include "block/aio-wait.h"

typedef enum {
    BDRV_REQ_NONE = 0,
    BDRV_REQ_FUA = 0x10,
    BDRV_REQ_MAY_UNMAP = 0x4,
} BdrvRequestFlags;

typedef enum {
    PREALLOC_MODE_OFF,
    PREALLOC_MODE_FULL,
} PreallocMode;

typedef enum {
    BDRV_FIX_LEAKS = 1,
    BDRV_FIX_ERRORS = 2,
} BdrvCheckMode;

typedef struct BdrvCheckResult {
    int corruptions;
    int leaks;
} BdrvCheckResult;

typedef struct BlockDriverInfo {
    int cluster_size;
} BlockDriverInfo;

struct BlockDriver {
    const char *format_name;
    void *opaque;
};

/* ctx == NULL means the main context. */
struct BlockDriverState {
    AioContext *ctx;
    const char *node_name;
    void *opaque;
};

struct BdrvChild {
    BlockDriverState *bs;
    const char *name;
    void *opaque;
};

/* ctx is used only while no BlockDriverState is attached. */
struct BlockBackend {
    BlockDriverState *bs;
    AioContext *ctx;
    const char *name;
    void *opaque;
};

struct QEMUIOVector {
    void *buf;
    size_t size;
};

struct Error {
    const char *msg;
};

struct QDict {
    const char *text;
};

struct QemuOpts {
    const char *text;
};

AioContext *bdrv_get_aio_context(BlockDriverState *bs);
BlockDriverState *blk_bs(BlockBackend *blk);
AioContext *blk_get_aio_context(BlockBackend *blk);

/* Enter co in the node's context. */
void bdrv_coroutine_enter(BlockDriverState *bs, Coroutine *co);

#define BDRV_POLL_WHILE(bs, cond) \
    AIO_WAIT_WHILE(bdrv_get_aio_context(bs), cond)

#endif /* BLOCK_BLOCK_INT_COMMON_H */
