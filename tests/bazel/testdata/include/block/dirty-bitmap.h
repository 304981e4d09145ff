#ifndef STUB_BLOCK_DIRTY_BITMAP_H
#define STUB_BLOCK_DIRTY_BITMAP_H

#include "qemu/osdep.h"
#include "demo_io.h"

#endif
