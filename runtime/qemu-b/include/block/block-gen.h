/*
 * Polling helper for generated wrappers, QEMU >= 8.0 shape: the coroutine
 * runs in an AioContext chosen by the wrapper; results live in the
 * generated struct.
 */
#ifndef BLOCK_BLOCK_GEN_H
#define BLOCK_BLOCK_GEN_H

#include "block/block_int.h"

/* Must be the first member of every generated argument struct. */
typedef struct BdrvPollCo {
    AioContext *ctx;
    bool in_progress;
    Coroutine *co;
} BdrvPollCo;

static inline void bdrv_poll_co(BdrvPollCo *s)
{
    assert(!qemu_in_coroutine());

    aio_co_enter(s->ctx, s->co);
    AIO_WAIT_WHILE(s->ctx, s->in_progress);
}

#endif /* BLOCK_BLOCK_GEN_H */
