/* Stub of the QEMU API that generated "qemu" dialect wrappers use (declarations only). */
#ifndef STUB_QEMU_OSDEP_H
#define STUB_QEMU_OSDEP_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define coroutine_fn
#define co_wrapper_mixed

typedef struct AioContext AioContext;
typedef struct BlockDriverState BlockDriverState;
typedef struct Coroutine Coroutine;
typedef void coroutine_fn CoroutineEntry(void *opaque);

bool qemu_in_coroutine(void);
Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque);
AioContext *qemu_get_current_aio_context(void);
void aio_wait_kick(void);

#endif
