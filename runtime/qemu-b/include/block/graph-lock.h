/*
 * Block graph lock with QEMU's API, reduced to checked counters: a test can
 * tell which lock a wrapper took, in which context, and whether it is held
 * at the moment the wrapped function runs.
 *
 * bdrv_graph_wrlock/wrunlock take a BlockDriverState * (always NULL from
 * generated code) in QEMU 8.2 and nothing from 9.0; define COWRAP_B3 for the
 * 8.2 signature.
 */
#ifndef BLOCK_GRAPH_LOCK_H
#define BLOCK_GRAPH_LOCK_H

#include "qemu/osdep.h"
#include "qemu/coroutine.h"

/* Thread-safety analysis annotations; no-ops here. */
#define GRAPH_RDLOCK
#define GRAPH_WRLOCK
#define GRAPH_UNLOCKED
#define GRAPH_RDLOCK_PTR
#define GRAPH_WRLOCK_PTR

typedef struct CowrapGraphStats {
    unsigned co_rdlock, co_rdunlock;
    unsigned rdlock_main_loop, rdunlock_main_loop;
    unsigned wrlock, wrunlock;
    unsigned wrlock_with_bs; /* calls passing a non-NULL node (COWRAP_B3) */
    unsigned assume;
    int co_rd_held, main_rd_held, wr_held; /* current holders */
} CowrapGraphStats;

extern CowrapGraphStats cowrap_graph_stats;

void coroutine_fn bdrv_graph_co_rdlock(void);
void coroutine_fn bdrv_graph_co_rdunlock(void);
void bdrv_graph_rdlock_main_loop(void);
void bdrv_graph_rdunlock_main_loop(void);

#ifdef COWRAP_B3
void bdrv_graph_wrlock(BlockDriverState *bs);
void bdrv_graph_wrunlock(BlockDriverState *bs);
#else
void bdrv_graph_wrlock(void);
void bdrv_graph_wrunlock(void);
#endif

/* Claims the rdlock is held by the caller; counted only. */
static inline void assume_graph_lock(void)
{
    cowrap_graph_stats.assume++;
}

#endif /* BLOCK_GRAPH_LOCK_H */
