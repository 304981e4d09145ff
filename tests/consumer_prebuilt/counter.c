#include "counter.h"

#include "cowrap/rt.h"

static int total;

int coroutine_fn counter_co_add(BlockDriverState *bs, int n)
{
    (void)bs;
    cowrap_co_sleep(); /* a real switch out of the coroutine and back */
    total += n;
    return total;
}
