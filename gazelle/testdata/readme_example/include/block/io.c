#include "block-io.h"

int coroutine_fn bdrv_co_pread(BdrvChild *child, int64_t offset, int64_t bytes, void *buf,
                               BdrvRequestFlags flags)
{
    return 0;
}
