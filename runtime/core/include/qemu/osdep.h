/*
 * Stand-in for QEMU's qemu/osdep.h: the libc headers that generated wrappers
 * and the stub block layer rely on (assert, bool, fixed-width integers).
 */
#ifndef QEMU_OSDEP_H
#define QEMU_OSDEP_H

#include <assert.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#define tostring(s) #s
#define stringify(s) tostring(s)

#include "qemu/typedefs.h"

#endif /* QEMU_OSDEP_H */
