#include "block/block-io.h"

int coroutine_fn bdrv_co_flush(BlockDriverState *bs)
{
    return 0;
}
