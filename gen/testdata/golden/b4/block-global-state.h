/*
 * rules_cowrap fixture, dialect B4: no_co wrappers of every kind, and a co
 * wrapper whose first parameter is not a block object.
 */
#ifndef FIXTURE_B4_BLOCK_GLOBAL_STATE_H
#define FIXTURE_B4_BLOCK_GLOBAL_STATE_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_create(BlockDriver *drv, const char *filename,
                                QemuOpts *opts, Error **errp);
int co_wrapper bdrv_create(BlockDriver *drv, const char *filename,
                           QemuOpts *opts, Error **errp);

int GRAPH_RDLOCK bdrv_activate(BlockDriverState *bs, Error **errp);
int no_co_wrapper_bdrv_rdlock bdrv_co_activate(BlockDriverState *bs,
                                               Error **errp);

void GRAPH_WRLOCK bdrv_unref_child(BlockDriverState *parent, BdrvChild *child);
void coroutine_fn no_co_wrapper_bdrv_wrlock
bdrv_co_unref_child(BlockDriverState *parent, BdrvChild *child);

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp);
BlockDriverState * coroutine_fn no_co_wrapper
bdrv_co_open(const char *filename, const char *reference,
             QDict *options, int flags, Error **errp);

BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *options, int flags, Error **errp);
BlockBackend * coroutine_fn no_co_wrapper
blk_co_new_open(const char *filename, const char *reference, QDict *options,
                int flags, Error **errp);

BdrvChild *bdrv_open_child(const char *filename, BlockDriverState *parent,
                           const char *bdref_key, Error **errp);
BdrvChild * coroutine_fn no_co_wrapper
bdrv_co_open_child(const char *filename, BlockDriverState *parent,
                   const char *bdref_key, Error **errp);

#endif /* FIXTURE_B4_BLOCK_GLOBAL_STATE_H */
