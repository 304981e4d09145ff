#include <stdio.h>

#include "cowrap/rt.h"
#include "kv/kv.h"
#include "kv/stats.h"

int main(void)
{
    BlockDriverState bs = {.node_name = "kv0"};
    kv_put(&bs, 1, 40);
    kv_put(&bs, 2, 2);
    int v = kv_get(&bs, 1);
    int sum = kv_sum(&bs, 0, 4);
    printf("kv_get(1) = %d, kv_sum(0, 4) = %d in %u coroutine(s)\n", v, sum,
           cowrap_rt_stats.coroutines_created);
    return v == 40 && sum == 42 && cowrap_rt_stats.coroutines_created == 2 ? 0 : 1;
}
