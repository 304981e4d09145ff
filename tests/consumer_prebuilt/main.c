#include <stdio.h>

#include "counter.h"
#include "cowrap/rt.h"

int main(void)
{
    BlockDriverState bs = {.node_name = "counter0"};
    counter_add(&bs, 1);
    counter_add(&bs, 2);
    int total = counter_add(&bs, 3);
    printf("counter_add: 1+2+3 = %d in %u coroutine(s)\n", total, cowrap_rt_stats.coroutines_created);
    return total == 6 && cowrap_rt_stats.coroutines_created == 3 ? 0 : 1;
}
