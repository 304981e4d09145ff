#ifndef STUB_BLOCK_BLOCK_INT_H
#define STUB_BLOCK_BLOCK_INT_H

#include "qemu/osdep.h"
#include "demo_io.h"

#endif
