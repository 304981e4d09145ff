/* Generator input: QEMU-style marked declarations (dialect B syntax). */
#ifndef DEMO_IO_H
#define DEMO_IO_H

#include "qemu/osdep.h"

int co_wrapper_mixed demo_pread(BlockDriverState *bs, int64_t offset);

void co_wrapper_mixed demo_flush(BlockDriverState *bs, int flags);

#endif
