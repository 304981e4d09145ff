/*
 * memdisk: an in-memory block driver in the QEMU 10.2 style. Its marked
 * declarations are in block-io.h (I/O, run in coroutines) and
 * block-global-state.h (main loop, reached from coroutines); this header
 * holds what both share.
 */
#ifndef EXAMPLES_MODERN_MEMDISK_H
#define EXAMPLES_MODERN_MEMDISK_H

#include "block/block-common.h"

/* The driver's state, hung on BlockDriverState.opaque. */
typedef struct MemDisk {
    uint8_t *data;
    int64_t size;
    bool active;       /* opened inactive (as for incoming migration) */
    bool dirty;        /* written since the last flush */
    unsigned flushes;
} MemDisk;

#endif /* EXAMPLES_MODERN_MEMDISK_H */
