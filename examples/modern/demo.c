/*
 * The modern half of //examples:demo: memdisk's generated wrappers (dialect
 * qemu-10.2) of every kind, from outside and from inside a coroutine, with
 * a trace of what runs where and which graph locks each call took.
 */
#include "examples/modern/block-global-state.h"
#include "examples/modern/block-io.h"
#include "examples/util.h"

static BlockDriverState mem0 = { .node_name = "mem0" };
static BdrvChild file = { .bs = &mem0, .name = "file" };

typedef struct Before {
    CowrapRtStats rt;
    CowrapGraphStats graph;
} Before;

static Before now(void)
{
    return (Before) { cowrap_rt_stats, cowrap_graph_stats };
}

/* Prints the result of a call and what it cost since b. */
static void result(const Before *b, const char *value)
{
    const CowrapGraphStats *g = &cowrap_graph_stats;
    char d[256] = "";

    rt_delta(d, sizeof(d), &b->rt);
    add_count(d, sizeof(d), "bdrv_graph_co_rdlock",
              g->co_rdlock - b->graph.co_rdlock);
    add_count(d, sizeof(d), "assume_graph_lock", g->assume - b->graph.assume);
    add_count(d, sizeof(d), "bdrv_graph_rdlock_main_loop",
              g->rdlock_main_loop - b->graph.rdlock_main_loop);
    add_count(d, sizeof(d), "bdrv_graph_wrlock", g->wrlock - b->graph.wrlock);
    trace("  -> %s   [%s]", value, *d ? d : "no coroutine, no bottom half");
}

static void coroutine_fn open_image(void *opaque)
{
    Before b = now();
    int ret;

    (void)opaque;
    trace("mem_co_open(mem0, 4096) [no_co_wrapper]: the wrapper schedules "
          "mem_open in a");
    trace("  bottom half of the main loop and yields until it has run");
    ret = mem_co_open(&mem0, 4096, NULL);
    COWRAP_CHECK(ret == 0);
    result(&b, "0");

    b = now();
    trace("mem_co_activate(mem0) [no_co_wrapper_bdrv_rdlock]: the same, "
          "graph read-locked");
    ret = mem_co_activate(&mem0, NULL);
    COWRAP_CHECK(ret == 0);
    result(&b, "0");
}

static void coroutine_fn read_flush_close(void *opaque)
{
    char buf[16];
    Before b;
    int ret;

    (void)opaque;
    bdrv_graph_co_rdlock(); /* mem_pread's coroutine callers must hold it */
    b = now();
    trace("mem_pread(file, 0, 16) [co_wrapper_mixed_bdrv_rdlock] in a "
          "coroutine that holds");
    trace("  the graph read lock: the wrapper calls mem_co_pread directly");
    ret = mem_pread(&file, 0, sizeof(buf), buf, 0);
    COWRAP_CHECK(ret == 0 && memcmp(buf, "hello, qemu 10.2", 16) == 0);
    result(&b, "0, \"hello, qemu 10.2\"");
    bdrv_graph_co_rdunlock();

    b = now();
    trace("mem_flush(mem0) [co_wrapper_mixed]: a direct call too");
    ret = mem_flush(&mem0);
    COWRAP_CHECK(ret == 0);
    result(&b, "0");

    b = now();
    trace("mem_co_close(mem0) [no_co_wrapper_bdrv_wrlock]: mem_close runs in "
          "a bottom half");
    trace("  of the main loop under the graph write lock");
    mem_co_close(&mem0);
    COWRAP_CHECK(mem0.opaque == NULL);
    result(&b, "done");
}

int modern_demo(void)
{
    Before b;
    Error *err = NULL;
    int64_t len;
    int ret;

    trace_heading("== modern: memdisk, dialect qemu-10.2 (co_wrapper*, "
                  "no_co_wrapper*) ==");
    trace("cowrap_run_coroutine: main enters a coroutine to open the image");
    cowrap_run_coroutine(open_image, NULL);

    b = now();
    trace("mem_pwrite(file, 0, 16, \"hello, qemu 10.2\", FUA) "
          "[co_wrapper_mixed_bdrv_rdlock]:");
    trace("  outside a coroutine the wrapper creates one that read-locks the "
          "graph and calls");
    trace("  mem_co_pwrite; main polls until it is done");
    ret = mem_pwrite(&file, 0, 16, "hello, qemu 10.2", BDRV_REQ_FUA);
    COWRAP_CHECK(ret == 0);
    result(&b, "0");

    b = now();
    trace("mem_getlength(mem0) [co_wrapper_bdrv_rdlock]: the same, outside "
          "coroutines only");
    len = mem_getlength(&mem0);
    COWRAP_CHECK(len == 4096);
    result(&b, "4096");

    b = now();
    trace("mem_truncate(file, 8192) [co_wrapper]: an unlocked coroutine; "
          "the driver locks");
    ret = mem_truncate(&file, 8192, &err);
    COWRAP_CHECK(ret == 0 && err == NULL);
    result(&b, "0");

    trace("cowrap_run_coroutine: main enters a coroutine to read and close");
    cowrap_run_coroutine(read_flush_close, NULL);
    COWRAP_CHECK(cowrap_graph_stats.co_rd_held == 0 &&
                 cowrap_graph_stats.main_rd_held == 0 &&
                 cowrap_graph_stats.wr_held == 0);
    return 0;
}
