#include "kv/kv.h"
#include "kv/stats.h"

int coroutine_fn kv_co_sum(BlockDriverState *bs, int from, int to)
{
    int sum = 0;
    for (int k = from; k < to; k++) {
        sum += kv_get(bs, k); /* mixed wrapper: called directly inside a coroutine */
    }
    return sum;
}
