/* AIO_WAIT_WHILE: poll the event loop until a condition clears. */
#ifndef BLOCK_AIO_WAIT_H
#define BLOCK_AIO_WAIT_H

#include "block/aio.h"

/* Wake up AIO_WAIT_WHILE waiters; here only counted (single thread). */
void aio_wait_kick(void);

void cowrap_aio_wait_stuck(const char *file, int line, const char *cond)
    __attribute__((noreturn));

/*
 * Must be called outside coroutine context. ctx is evaluated but, as every
 * context is served by this thread, all of them are polled.
 */
#define AIO_WAIT_WHILE(ctx, cond) do {                                  \
    AioContext *aio_wait_ctx_ = (ctx);                                  \
    (void)aio_wait_ctx_;                                                \
    assert(!qemu_in_coroutine());                                       \
    while ((cond)) {                                                    \
        if (!aio_poll_all()) {                                          \
            cowrap_aio_wait_stuck(__FILE__, __LINE__, #cond);           \
        }                                                               \
    }                                                                   \
} while (0)

#define AIO_WAIT_WHILE_UNLOCKED(ctx, cond) AIO_WAIT_WHILE(ctx, cond)

#endif /* BLOCK_AIO_WAIT_H */
