#include "block/block-io.h"

int coroutine_fn blk_co_pread(BlockDriverState *bs, int64_t offset)
{
    return 0;
}

static int coroutine_fn blk_co_hidden(BlockDriverState *bs)
{
    return 0;
}
