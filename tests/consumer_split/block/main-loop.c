#include "block/block-io.h"
#include "qemu/coroutine.h"

/* Must run in the main loop, outside any coroutine. */
int blk_drain(BlockDriverState *bs)
{
    (void)bs;
    return qemu_in_coroutine() ? -1 : 7;
}
