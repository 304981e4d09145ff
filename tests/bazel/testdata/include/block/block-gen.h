#ifndef STUB_BLOCK_GEN_H
#define STUB_BLOCK_GEN_H

#include "qemu/osdep.h"

/* As in QEMU >= 8.0, except that bdrv_poll_co is left to the test to define. */
typedef struct BdrvPollCo {
    AioContext *ctx;
    bool in_progress;
    Coroutine *co;
} BdrvPollCo;

void bdrv_poll_co(BdrvPollCo *s);

#endif
