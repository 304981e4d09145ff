/*
 * Shared checks for the per-family C tests (<family>/test_main.c).
 *
 * Every coroutine function CO and plain function T a test implements starts
 * with RECORD(), which notes where it ran. After calling a wrapper the test
 * compares that record and the runtime counters with what the wrapper kind
 * must have done:
 *   EXPECT_CO  co_wrapper*: from outside a coroutine, CO ran in a new
 *              coroutine in the expected context (under the graph rdlock
 *              for *_bdrv_rdlock); from inside one (mixed only), CO was
 *              called directly in the caller's coroutine.
 *   EXPECT_BH  no_co_wrapper*: T ran outside coroutine context, in a bottom
 *              half of the main context, with the expected locks held, and
 *              the calling coroutine was resumed.
 */
#ifndef COWRAP_GOLDEN_TESTLIB_H
#define COWRAP_GOLDEN_TESTLIB_H

#include "qemu/osdep.h"
#include "block/block_int.h"
#include "cowrap/rt.h"

typedef struct Call {
    const char *fn;
    bool in_co;
    Coroutine *co;
    AioContext *ctx;
#ifdef COWRAP_RUNTIME_B
    int co_rd, main_rd, wr;
    AioContext *held;
#endif
} Call;

typedef struct Snap {
    unsigned calls;
    CowrapRtStats rt;
#ifdef COWRAP_RUNTIME_B
    CowrapGraphStats graph;
#endif
} Snap;

static Call last_call;
static unsigned n_calls;

#define RECORD() record_call(__func__)

static void record_call(const char *fn)
{
    last_call = (Call) {
        .fn = fn,
        .in_co = qemu_in_coroutine(),
        .co = qemu_coroutine_self(),
        .ctx = qemu_get_current_aio_context(),
#ifdef COWRAP_RUNTIME_B
        .co_rd = cowrap_graph_stats.co_rd_held,
        .main_rd = cowrap_graph_stats.main_rd_held,
        .wr = cowrap_graph_stats.wr_held,
        .held = cowrap_aio_context_held(),
#endif
    };
    n_calls++;
}

static Snap snap(void)
{
    return (Snap) {
        .calls = n_calls,
        .rt = cowrap_rt_stats,
#ifdef COWRAP_RUNTIME_B
        .graph = cowrap_graph_stats,
#endif
    };
}

#define D(field) (cowrap_rt_stats.field - b->rt.field)
#define G(field) (cowrap_graph_stats.field - b->graph.field)
#define EXPECT(cond) do {                                               \
    if (!(cond)) {                                                      \
        cowrap_fatal("%s:%d: after calling the wrapper for %s: "        \
                     "check failed: %s", file, line, fn, #cond);        \
    }                                                                   \
} while (0)

static void expect_called(const char *file, int line, const Snap *b,
                          const char *fn)
{
    EXPECT(n_calls == b->calls + 1);
    EXPECT(strcmp(last_call.fn, fn) == 0);
}

static void expect_co(const char *file, int line, const Snap *b,
                      const char *fn, AioContext *ctx, bool rdlock)
{
    (void)rdlock; /* no graph lock before QEMU 8.0 */
    expect_called(file, line, b, fn);
    EXPECT(last_call.in_co);
    if (qemu_in_coroutine()) {
        /* Mixed wrapper in coroutine context: a plain call. */
        EXPECT(last_call.co == qemu_coroutine_self());
        EXPECT(D(coroutines_created) == 0);
#ifdef COWRAP_RUNTIME_B
        EXPECT(G(assume) == (unsigned)rdlock);
        EXPECT(G(co_rdlock) == 0 && last_call.co_rd == 0);
#endif
    } else {
        EXPECT(D(coroutines_created) == 1);
        EXPECT(D(coroutines_terminated) == 1);
        EXPECT(D(wait_kicks) >= 1);
        EXPECT(last_call.ctx == ctx);
#ifdef COWRAP_RUNTIME_B
        EXPECT(G(assume) == 0);
        EXPECT(last_call.co_rd == (int)rdlock);
        EXPECT(G(co_rdlock) == (unsigned)rdlock);
        EXPECT(G(co_rdunlock) == (unsigned)rdlock);
#endif
    }
#ifdef COWRAP_RUNTIME_B
    EXPECT(last_call.main_rd == 0 && last_call.wr == 0);
    EXPECT(G(rdlock_main_loop) == 0 && G(wrlock) == 0);
    EXPECT(D(ctx_acquire) == 0 && last_call.held == NULL);
#endif
}

#ifdef COWRAP_RUNTIME_B
/* held: the AioContext the bottom half must hold (QEMU 8.1/8.2), or NULL. */
static void expect_bh(const char *file, int line, const Snap *b,
                      const char *fn, Coroutine *caller, bool rdlock,
                      bool wrlock, AioContext *held)
{
    expect_called(file, line, b, fn);
    EXPECT(!last_call.in_co);
    EXPECT(last_call.ctx == qemu_get_aio_context());
    EXPECT(qemu_coroutine_self() == caller);
    EXPECT(D(coroutines_created) == 0);
    EXPECT(D(bh_scheduled) == 1 && D(bh_run) == 1);
    EXPECT(last_call.co_rd == 0);
    EXPECT(last_call.main_rd == (int)rdlock);
    EXPECT(G(rdlock_main_loop) == (unsigned)rdlock);
    EXPECT(G(rdunlock_main_loop) == (unsigned)rdlock);
    EXPECT(last_call.wr == (int)wrlock);
    EXPECT(G(wrlock) == (unsigned)wrlock && G(wrunlock) == (unsigned)wrlock);
    EXPECT(G(wrlock_with_bs) == 0);
    EXPECT(G(assume) == 0 && G(co_rdlock) == 0);
    EXPECT(last_call.held == held);
    EXPECT(D(ctx_acquire) == (held != NULL));
    EXPECT(D(ctx_release) == (held != NULL));
}
#endif

#undef D
#undef G
#undef EXPECT

/*
 * The check must run in the same context as the call it checks:
 *     Snap b = snap();
 *     COWRAP_CHECK(bdrv_foo(&bs0) == 7);
 *     EXPECT_CO(&b, "bdrv_co_foo", ctx_bs, true);
 */
#define EXPECT_CO(b, fn, ctx, rdlock) \
    expect_co(__FILE__, __LINE__, (b), (fn), (ctx), (rdlock))
#define EXPECT_BH(b, fn, caller, rdlock, wrlock, held) \
    expect_bh(__FILE__, __LINE__, (b), (fn), (caller), (rdlock), (wrlock), \
              (held))

typedef void TestFn(void);

typedef struct TestPlan {
    TestFn *const *mixed;   /* mixed wrappers: called outside and inside */
    TestFn *const *co_only; /* co_wrapper, co_wrapper_bdrv_rdlock: outside */
    TestFn *const *no_co;   /* no_co_wrapper*: inside a coroutine */
} TestPlan;

static void coroutine_fn run_in_coroutine(void *opaque)
{
    const TestPlan *p = opaque;

    for (TestFn *const *t = p->mixed; t && *t; t++) {
        (*t)();
    }
    for (TestFn *const *t = p->no_co; t && *t; t++) {
        (*t)();
    }
}

/* Runs the plan (NULL-terminated lists); returns main's exit status. */
static int run_plan(const char *name, const TestPlan *p)
{
    unsigned outside, total;

    for (TestFn *const *t = p->mixed; t && *t; t++) {
        (*t)();
    }
    for (TestFn *const *t = p->co_only; t && *t; t++) {
        (*t)();
    }
    outside = n_calls;
    cowrap_run_coroutine(run_in_coroutine, (void *)p);
    total = n_calls;
    COWRAP_CHECK(!qemu_in_coroutine());
    COWRAP_CHECK(cowrap_rt_stats.coroutines_created ==
                 cowrap_rt_stats.coroutines_terminated);
    COWRAP_CHECK(cowrap_aio_context_held() == NULL);
#ifdef COWRAP_RUNTIME_B
    COWRAP_CHECK(cowrap_graph_stats.co_rd_held == 0 &&
                 cowrap_graph_stats.main_rd_held == 0 &&
                 cowrap_graph_stats.wr_held == 0);
#endif
    printf("%s: ok (%u calls outside coroutine context, %u inside)\n", name,
           outside, total - outside);
    return 0;
}

#endif /* COWRAP_GOLDEN_TESTLIB_H */

