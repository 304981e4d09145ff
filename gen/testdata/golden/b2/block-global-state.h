/*
 * rules_cowrap fixture, dialect B2: no_co wrappers. From QEMU 8.1 their
 * bottom half holds the AioContext of the first parameter (the main
 * context if it is not a node, child or backend) around the call.
 */
#ifndef FIXTURE_B2_BLOCK_GLOBAL_STATE_H
#define FIXTURE_B2_BLOCK_GLOBAL_STATE_H

#include "block/block-common.h"

int bdrv_refresh_child(BdrvChild *child, Error **errp);
int coroutine_fn no_co_wrapper bdrv_co_refresh_child(BdrvChild *child,
                                                     Error **errp);

void bdrv_unref(BlockDriverState *bs);
void coroutine_fn no_co_wrapper bdrv_co_unref(BlockDriverState *bs);

void blk_unref(BlockBackend *blk);
void coroutine_fn no_co_wrapper blk_co_unref(BlockBackend *blk);

BdrvChild *bdrv_open_child(const char *filename, BlockDriverState *parent,
                           const char *bdref_key, unsigned int flags,
                           Error **errp);
BdrvChild * coroutine_fn no_co_wrapper
bdrv_co_open_child(const char *filename, BlockDriverState *parent,
                   const char *bdref_key, unsigned int flags, Error **errp);

#endif /* FIXTURE_B2_BLOCK_GLOBAL_STATE_H */
