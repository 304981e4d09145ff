/* AioContext lookups for the stub block-layer objects. */
#include "block/block_int-common.h"

AioContext *bdrv_get_aio_context(BlockDriverState *bs)
{
    return bs && bs->ctx ? bs->ctx : qemu_get_aio_context();
}

BlockDriverState *blk_bs(BlockBackend *blk)
{
    return blk->bs;
}

AioContext *blk_get_aio_context(BlockBackend *blk)
{
    if (blk->bs) {
        return bdrv_get_aio_context(blk->bs);
    }
    return blk->ctx ? blk->ctx : qemu_get_aio_context();
}

void bdrv_coroutine_enter(BlockDriverState *bs, Coroutine *co)
{
    aio_co_enter(bdrv_get_aio_context(bs), co);
}
