/*
 * rules_cowrap fixture, dialect B1: main-loop functions. A no_co_wrapper
 * lets a coroutine call a function that must run outside coroutine context.
 */
#ifndef FIXTURE_B1_BLOCK_GLOBAL_STATE_H
#define FIXTURE_B1_BLOCK_GLOBAL_STATE_H

#include "block/block-common.h"

int coroutine_fn bdrv_co_create(BlockDriver *drv, const char *filename,
                                QemuOpts *opts, Error **errp);
int co_wrapper bdrv_create(BlockDriver *drv, const char *filename,
                           QemuOpts *opts, Error **errp);

BlockDriverState *bdrv_open(const char *filename, const char *reference,
                            QDict *options, int flags, Error **errp);
BlockDriverState * coroutine_fn no_co_wrapper
bdrv_co_open(const char *filename, const char *reference,
             QDict *options, int flags, Error **errp);

void bdrv_unref(BlockDriverState *bs);
void coroutine_fn no_co_wrapper bdrv_co_unref(BlockDriverState *bs);

#endif /* FIXTURE_B1_BLOCK_GLOBAL_STATE_H */
