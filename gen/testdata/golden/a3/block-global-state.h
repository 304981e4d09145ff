/*
 * rules_cowrap fixture, dialect A3: a header without wrappers. It still
 * adds one empty line to the output.
 *
 * Mentions that are not declarations generate nothing:
 *   int generated_co_wrapper bdrv_not_a_wrapper(BlockDriverState *bs);
 */
#ifndef FIXTURE_A3_BLOCK_GLOBAL_STATE_H
#define FIXTURE_A3_BLOCK_GLOBAL_STATE_H

#include "block/block-common.h"

#define FIXTURE_A3_MARK generated_co_wrapper /* bdrv_x(BlockDriverState *bs); */

int bdrv_global_only(BlockDriverState *bs); /* generated_co_wrapper */

#endif /* FIXTURE_A3_BLOCK_GLOBAL_STATE_H */
