/* Added in step 2 of consumer_test.sh: a second marked header. */
#ifndef KV_STATS_H
#define KV_STATS_H

#include "block/block-common.h"

int coroutine_fn kv_co_sum(BlockDriverState *bs, int from, int to);
int co_wrapper kv_sum(BlockDriverState *bs, int from, int to);

#endif /* KV_STATS_H */
