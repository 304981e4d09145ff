/*
 * A tiny single-threaded event loop with QEMU's AioContext API: each context
 * owns a FIFO of one-shot bottom halves. Several contexts may exist (to stand
 * in for iothreads); they are all served by the calling thread.
 */
#ifndef BLOCK_AIO_H
#define BLOCK_AIO_H

#include "qemu/osdep.h"
#include "qemu/coroutine.h"

typedef void QEMUBHFunc(void *opaque);

/* The main loop's context; created on first use. */
AioContext *qemu_get_aio_context(void);

/*
 * The context the caller runs in: the running coroutine's context, else the
 * context whose bottom half is being dispatched, else the main context.
 */
AioContext *qemu_get_current_aio_context(void);

/* An extra context (e.g. to play an iothread in tests). Never freed. */
AioContext *aio_context_new(const char *name);
const char *aio_context_name(AioContext *ctx);

void aio_bh_schedule_oneshot_full(AioContext *ctx, QEMUBHFunc *cb,
                                  void *opaque, const char *name);
#define aio_bh_schedule_oneshot(ctx, cb, opaque) \
    aio_bh_schedule_oneshot_full((ctx), (cb), (opaque), (stringify(cb)))

/*
 * Run the bottom halves pending in ctx. If none ran and blocking is set, run
 * those of every other context (they stand for concurrently running
 * threads); if still nothing ran, no progress is possible: fatal error.
 * Returns whether any bottom half ran.
 */
bool aio_poll(AioContext *ctx, bool blocking);

/* Run one round of every context's pending bottom halves; true if any ran. */
bool aio_poll_all(void);

/*
 * Enter co in ctx. From coroutine context the entry is deferred to a bottom
 * half in ctx (QEMU queues it likewise rather than nesting).
 */
void aio_co_enter(AioContext *ctx, Coroutine *co);

/* Re-enter a yielded coroutine in the context it last ran in. */
void aio_co_wake(Coroutine *co);

/* Recursive per-context lock (QEMU <= 8.2); counted, see cowrap/rt.h. */
void aio_context_acquire(AioContext *ctx);
void aio_context_release(AioContext *ctx);

#endif /* BLOCK_AIO_H */
