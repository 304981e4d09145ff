/*
 * rules_cowrap fixture, dialect A3: from QEMU 6.2 the first parameter may
 * also be a BlockBackend *.
 */
#ifndef FIXTURE_A3_COROUTINES_H
#define FIXTURE_A3_COROUTINES_H

#include "block/block-common.h"

int coroutine_fn blk_co_do_preadv(BlockBackend *blk, int64_t offset,
                                  int64_t bytes, QEMUIOVector *qiov,
                                  BdrvRequestFlags flags);
int coroutine_fn blk_co_do_ioctl(BlockBackend *blk, unsigned long int req,
                                 void *buf);
int coroutine_fn blk_co_do_flush(BlockBackend *blk);

int generated_co_wrapper
blk_do_preadv(BlockBackend *blk, int64_t offset, int64_t bytes,
              QEMUIOVector *qiov, BdrvRequestFlags flags);

int generated_co_wrapper
blk_do_ioctl(BlockBackend *blk, unsigned long int req, void *buf);

int generated_co_wrapper blk_do_flush(BlockBackend *blk);

#endif /* FIXTURE_A3_COROUTINES_H */
