/*
 * rules_cowrap fixture, dialect B3 (QEMU 8.2): from this release the
 * generated code uses the first parameter's declared name, so these use
 * names other than bs, child and blk.
 */
#ifndef FIXTURE_B3_BLOCK_IO_H
#define FIXTURE_B3_BLOCK_IO_H

#include "block/block-common.h"

int coroutine_fn GRAPH_RDLOCK
bdrv_co_pread(BdrvChild *c, int64_t offset, int64_t bytes, void *buf,
              BdrvRequestFlags flags);
int64_t coroutine_fn GRAPH_RDLOCK bdrv_co_getlength(BlockDriverState *parent);
BdrvChild * coroutine_fn GRAPH_RDLOCK
bdrv_co_find_child(BlockDriverState *node, const char *name);
int coroutine_fn bdrv_co_create(BlockDriver *driver, const char *filename,
                                QemuOpts *opts, Error **errp);

int co_wrapper_mixed_bdrv_rdlock
bdrv_pread(BdrvChild *c, int64_t offset, int64_t bytes, void *buf,
           BdrvRequestFlags flags);
int64_t co_wrapper_bdrv_rdlock bdrv_getlength(BlockDriverState *parent);
BdrvChild * co_wrapper_mixed_bdrv_rdlock
bdrv_find_child(BlockDriverState *node, const char *name);
int co_wrapper bdrv_create(BlockDriver *driver, const char *filename,
                           QemuOpts *opts, Error **errp);

#endif /* FIXTURE_B3_BLOCK_IO_H */
