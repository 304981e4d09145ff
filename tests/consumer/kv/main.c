#include <stdio.h>

#include "cowrap/rt.h"
#include "kv/kv.h"

int main(void)
{
    BlockDriverState bs = {.node_name = "kv0"};
    kv_put(&bs, 7, 42);
    int v = kv_get(&bs, 7);
    printf("kv_get(7) = %d in %u coroutine(s)\n", v, cowrap_rt_stats.coroutines_created);
    return v == 42 && cowrap_rt_stats.coroutines_created == 1 ? 0 : 1;
}
