#include "block/block_int.h"

/* The QEMU grammar wants ');' to end the line. */
int co_wrapper bdrv_bad(BlockDriverState *bs) ;

/* An unterminated argument list. */
int co_wrapper bdrv_worse(BlockDriverState *bs,
