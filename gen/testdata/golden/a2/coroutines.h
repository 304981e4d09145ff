/*
 * rules_cowrap fixture, dialect A2: wrappers outside the bdrv_ namespace.
 * The first parameter must still be a node or a child.
 */
#ifndef FIXTURE_A2_COROUTINES_H
#define FIXTURE_A2_COROUTINES_H

#include "block/block-common.h"

int coroutine_fn nbd_co_do_establish_connection(BlockDriverState *bs,
                                                bool blocking, Error **errp);
int coroutine_fn blk_co_probe_child(BdrvChild *child, const void *buf,
                                    size_t len, uint64_t *sectors);

int generated_co_wrapper
nbd_do_establish_connection(BlockDriverState *bs, bool blocking, Error **errp);
int generated_co_wrapper blk_probe_child(BdrvChild *child, const void *buf,
                                         size_t len,uint64_t *sectors);

#endif /* FIXTURE_A2_COROUTINES_H */
