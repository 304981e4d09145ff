/*
 * rules_cowrap fixture, dialect B4: a header without wrappers; it adds one
 * empty line to the output. Mentions of marks in comments and macros are
 * not declarations, e.g.
 *   int co_wrapper_mixed_bdrv_rdlock bdrv_dirty_bitmap_doc(BlockDriverState *bs);
 *   void coroutine_fn no_co_wrapper bdrv_co_doc(BlockDriverState *bs);
 */
#ifndef FIXTURE_B4_DIRTY_BITMAP_H
#define FIXTURE_B4_DIRTY_BITMAP_H

#include "block/block-common.h"

#define FIXTURE_B4_BITMAP_MARK co_wrapper_mixed_bdrv_rdlock
#define FIXTURE_B4_BITMAP_DECL(name) \
    int co_wrapper name(BlockDriverState *bs);

int bdrv_dirty_bitmap_count(BlockDriverState *bs); /* not a co_wrapper */

#endif /* FIXTURE_B4_DIRTY_BITMAP_H */
