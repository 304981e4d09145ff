/*
 * Stackful coroutines with QEMU's API (qemu/coroutine.h), single-threaded.
 * A coroutine runs until it yields or returns; control then goes back to
 * whoever entered it.
 */
#ifndef QEMU_COROUTINE_H
#define QEMU_COROUTINE_H

#include "qemu/osdep.h"

/* Annotations only: they matter to QEMU's static checkers, not to gcc. */
#define coroutine_fn
#define coroutine_mixed_fn
#define no_coroutine_fn

typedef void coroutine_fn CoroutineEntry(void *opaque);

/* Create a coroutine that will run entry(opaque) when first entered. */
Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque);

/*
 * Switch into co until it yields or terminates. A terminated coroutine is
 * freed before this returns. Entering a running coroutine is fatal.
 */
void qemu_coroutine_enter(Coroutine *co);

/* Give control back to whoever entered the current coroutine. */
void coroutine_fn qemu_coroutine_yield(void);

/* The running coroutine, or NULL outside coroutine context. */
Coroutine *qemu_coroutine_self(void);

bool qemu_in_coroutine(void);

/* AioContext the coroutine was last entered in (set by aio_co_enter). */
AioContext *qemu_coroutine_get_aio_context(Coroutine *co);

#endif /* QEMU_COROUTINE_H */
