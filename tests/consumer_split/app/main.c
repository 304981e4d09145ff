#include <stdio.h>

#include "block/block-io.h"
#include "cowrap/rt.h"

static int drained;

static void coroutine_fn drain_in_coroutine(void *opaque)
{
    drained = blk_co_drain(opaque); /* a bottom half runs blk_drain in the main loop */
}

int main(void)
{
    BlockDriverState bs = {.node_name = "disk0"};
    char buf[4];
    int n = blk_pread(&bs, 42, sizeof(buf), buf); /* outside a coroutine: runs blk_co_pread in one */
    cowrap_run_coroutine(drain_in_coroutine, &bs);
    printf("blk_pread = %d, buf[3] = %d, blk_co_drain = %d\n", n, buf[3], drained);
    return n == 4 && buf[3] == 42 && drained == 7 ? 0 : 1;
}
