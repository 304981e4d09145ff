/*
 * rules_cowrap fixture, dialect B1: BlockBackend and other subsystems.
 */
#ifndef FIXTURE_B1_COROUTINES_H
#define FIXTURE_B1_COROUTINES_H

#include "block/block-common.h"

int coroutine_fn blk_co_pwrite_zeroes(BlockBackend *blk, int64_t offset,
                                      int64_t bytes, BdrvRequestFlags flags);
int co_wrapper_mixed blk_pwrite_zeroes(BlockBackend *blk, int64_t offset,
                                       int64_t bytes, BdrvRequestFlags flags);

BlockBackend *blk_new_open(const char *filename, const char *reference,
                           QDict *options, int flags, Error **errp);
BlockBackend * coroutine_fn no_co_wrapper
blk_co_new_open(const char *filename, const char *reference, QDict *options,
                int flags, Error **errp);

int blk_set_perm(BlockBackend *blk, uint64_t perm, uint64_t shared_perm,
                 Error **errp);
int no_co_wrapper blk_co_set_perm(BlockBackend *blk, uint64_t perm,
                                  uint64_t shared_perm, Error **errp);

int coroutine_fn GRAPH_RDLOCK
nbd_co_do_establish_connection(BlockDriverState *bs, bool blocking,
                               Error **errp);
int co_wrapper_mixed_bdrv_rdlock
nbd_do_establish_connection(BlockDriverState *bs, bool blocking, Error **errp);

#endif /* FIXTURE_B1_COROUTINES_H */
