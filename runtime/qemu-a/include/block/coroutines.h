/*
 * Included by generated wrapper files. Declarations of the wrappers and of
 * the coroutine functions they call come from the user's headers; pass them
 * with -include (as rules_cowrap's tests do) or include them here.
 */
#ifndef BLOCK_COROUTINES_H
#define BLOCK_COROUTINES_H

#include "block/block_int.h"

#endif /* BLOCK_COROUTINES_H */
