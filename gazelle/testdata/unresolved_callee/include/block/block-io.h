#include "block/block_int-io.h"

int co_wrapper bdrv_pread(BlockDriverState *bs, int64_t offset);
int co_wrapper bdrv_flush(BlockDriverState *bs);
int co_wrapper bdrv_own(BlockDriverState *bs);
int co_wrapper bdrv_nowhere(BlockDriverState *bs);

static inline int coroutine_fn bdrv_co_own(BlockDriverState *bs)
{
    return 0;
}
