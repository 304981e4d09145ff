/*
 * Polling helper for generated wrappers, QEMU 5.2 .. 7.2 shape: the result
 * travels in the poll state and the node decides where the coroutine runs.
 */
#ifndef BLOCK_BLOCK_GEN_H
#define BLOCK_BLOCK_GEN_H

#include "block/block_int.h"

/* Must be the first member of every generated argument struct. */
typedef struct BdrvPollCo {
    BlockDriverState *bs;
    bool in_progress;
    int ret;
    Coroutine *co;
} BdrvPollCo;

static inline int bdrv_poll_co(BdrvPollCo *s)
{
    assert(!qemu_in_coroutine());

    bdrv_coroutine_enter(s->bs, s->co);
    BDRV_POLL_WHILE(s->bs, s->in_progress);

    return s->ret;
}

#endif /* BLOCK_BLOCK_GEN_H */
