#ifndef STUB_BLOCK_COROUTINES_H
#define STUB_BLOCK_COROUTINES_H

#include "qemu/osdep.h"

/* The coroutine functions that the wrappers of demo_io.h call. */
int coroutine_fn demo_co_pread(BlockDriverState *bs, int64_t offset);
void coroutine_fn demo_co_flush(BlockDriverState *bs, int flags);

#endif
