/* Generator input that only the generated file and the test include: no stub header and no
 * cc_library but the cowrap_library lists it. The wrapper compiles because include_srcs (the
 * default) #includes this file after the dialect's lines. */
#ifndef EXTRA_IO_H
#define EXTRA_IO_H

#include "qemu/osdep.h"

int co_wrapper_mixed extra_pread(BlockDriverState *bs, int64_t offset);

int coroutine_fn extra_co_pread(BlockDriverState *bs, int64_t offset);

#endif
