/* Graph lock stubs: count calls and enforce the context rules QEMU asserts. */
#include "block/graph-lock.h"
#include "block/aio.h"
#include "cowrap/rt.h"

CowrapGraphStats cowrap_graph_stats;

static void check_main_loop(const char *fn)
{
    if (qemu_in_coroutine() ||
        qemu_get_current_aio_context() != qemu_get_aio_context()) {
        cowrap_fatal("%s must be called from the main loop, outside "
                     "coroutine context", fn);
    }
}

void coroutine_fn bdrv_graph_co_rdlock(void)
{
    if (!qemu_in_coroutine()) {
        cowrap_fatal("bdrv_graph_co_rdlock called outside coroutine context");
    }
    if (cowrap_graph_stats.wr_held) {
        cowrap_fatal("bdrv_graph_co_rdlock while the graph is write-locked");
    }
    cowrap_graph_stats.co_rdlock++;
    cowrap_graph_stats.co_rd_held++;
}

void coroutine_fn bdrv_graph_co_rdunlock(void)
{
    if (!qemu_in_coroutine() || cowrap_graph_stats.co_rd_held <= 0) {
        cowrap_fatal("unbalanced bdrv_graph_co_rdunlock");
    }
    cowrap_graph_stats.co_rdunlock++;
    cowrap_graph_stats.co_rd_held--;
}

void bdrv_graph_rdlock_main_loop(void)
{
    check_main_loop("bdrv_graph_rdlock_main_loop");
    cowrap_graph_stats.rdlock_main_loop++;
    cowrap_graph_stats.main_rd_held++;
}

void bdrv_graph_rdunlock_main_loop(void)
{
    check_main_loop("bdrv_graph_rdunlock_main_loop");
    if (cowrap_graph_stats.main_rd_held <= 0) {
        cowrap_fatal("unbalanced bdrv_graph_rdunlock_main_loop");
    }
    cowrap_graph_stats.rdunlock_main_loop++;
    cowrap_graph_stats.main_rd_held--;
}

static void wrlock(void)
{
    check_main_loop("bdrv_graph_wrlock");
    if (cowrap_graph_stats.wr_held || cowrap_graph_stats.co_rd_held ||
        cowrap_graph_stats.main_rd_held) {
        cowrap_fatal("bdrv_graph_wrlock: graph lock already held");
    }
    cowrap_graph_stats.wrlock++;
    cowrap_graph_stats.wr_held = 1;
}

static void wrunlock(void)
{
    check_main_loop("bdrv_graph_wrunlock");
    if (!cowrap_graph_stats.wr_held) {
        cowrap_fatal("bdrv_graph_wrunlock without bdrv_graph_wrlock");
    }
    cowrap_graph_stats.wrunlock++;
    cowrap_graph_stats.wr_held = 0;
}

#ifdef COWRAP_B3
void bdrv_graph_wrlock(BlockDriverState *bs)
{
    cowrap_graph_stats.wrlock_with_bs += bs != NULL;
    wrlock();
}

void bdrv_graph_wrunlock(BlockDriverState *bs)
{
    cowrap_graph_stats.wrlock_with_bs += bs != NULL;
    wrunlock();
}
#else
void bdrv_graph_wrlock(void)
{
    wrlock();
}

void bdrv_graph_wrunlock(void)
{
    wrunlock();
}
#endif
