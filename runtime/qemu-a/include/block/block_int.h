/* Internal block-layer header as included by generated wrapper files. */
#ifndef BLOCK_BLOCK_INT_H
#define BLOCK_BLOCK_INT_H

#include "block/block-common.h"

#endif /* BLOCK_BLOCK_INT_H */
