/*
 * A tiny key-value store whose lookups run in coroutines (a consumer of rules_cowrap that is
 * not QEMU). kv_co_get yields once, as if waiting for I/O; cowrap writes kv_get, which runs
 * it in a new coroutine when called from outside one and polls until it is done.
 */
#ifndef KV_KV_H
#define KV_KV_H

#include "block/block-common.h"

void kv_put(BlockDriverState *bs, int key, int value);

int coroutine_fn kv_co_get(BlockDriverState *bs, int key);
int co_wrapper_mixed kv_get(BlockDriverState *bs, int key);

#endif /* KV_KV_H */
