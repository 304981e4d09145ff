/* A counter whose additions run in coroutines; cowrap writes the blocking counter_add. */
#ifndef COUNTER_H
#define COUNTER_H

#include "block/block-common.h"

int coroutine_fn counter_co_add(BlockDriverState *bs, int n);
int co_wrapper_mixed counter_add(BlockDriverState *bs, int n);

#endif /* COUNTER_H */
