/* QEMU <= 7.2 flavour: the one wrapper mark, a no-op for the compiler. */
#ifndef BLOCK_BLOCK_COMMON_H
#define BLOCK_BLOCK_COMMON_H

#include "qemu/osdep.h"
#include "block/block_int-common.h"

#define COWRAP_RUNTIME_A 1

/* Read by the generator, which writes the body; gcc sees a plain decl. */
#define generated_co_wrapper

#endif /* BLOCK_BLOCK_COMMON_H */
