/*
 * rules_cowrap fixture, dialect B3: no_co wrappers, including the 8.2
 * variants whose bottom half takes the graph lock (a read lock for the main
 * loop, or the write lock) around the call.
 */
#ifndef FIXTURE_B3_BLOCK_GLOBAL_STATE_H
#define FIXTURE_B3_BLOCK_GLOBAL_STATE_H

#include "block/block-common.h"

int GRAPH_RDLOCK bdrv_activate(BlockDriverState *target, Error **errp);
int no_co_wrapper_bdrv_rdlock bdrv_co_activate(BlockDriverState *target,
                                               Error **errp);

void GRAPH_WRLOCK bdrv_unref_child(BlockDriverState *parent, BdrvChild *child);
void coroutine_fn no_co_wrapper_bdrv_wrlock
bdrv_co_unref_child(BlockDriverState *parent, BdrvChild *child);

bool bdrv_child_is_file(BdrvChild *kid);
bool coroutine_fn no_co_wrapper bdrv_co_child_is_file(BdrvChild *kid);

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp);
BlockDriverState * coroutine_fn no_co_wrapper
bdrv_co_open(const char *filename, const char *reference,
             QDict *options, int flags, Error **errp);

#endif /* FIXTURE_B3_BLOCK_GLOBAL_STATE_H */
