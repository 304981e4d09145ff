/* Included by generated wrapper files since QEMU 8.0; nothing needed here. */
#ifndef BLOCK_DIRTY_BITMAP_H
#define BLOCK_DIRTY_BITMAP_H

#include "block/block-common.h"

#endif /* BLOCK_DIRTY_BITMAP_H */
