/* Event loop: per-context FIFOs of one-shot bottom halves, one thread. */
#include <stdarg.h>

#include "block/aio.h"
#include "block/aio-wait.h"
#include "cowrap/rt.h"
#include "rt-internal.h"

typedef struct BH {
    QEMUBHFunc *cb;
    void *opaque;
    const char *name;
    struct BH *next;
} BH;

struct AioContext {
    const char *name;
    BH *head;
    BH **tail;
    int lock_depth;
};

enum { MAX_CONTEXTS = 16, MAX_HELD = 64 };

CowrapRtStats cowrap_rt_stats;

static AioContext *contexts[MAX_CONTEXTS];
static int n_contexts;
static AioContext *dispatching;
static AioContext *held[MAX_HELD];
static int n_held;

void cowrap_fatal(const char *fmt, ...)
{
    va_list ap;

    fflush(stdout);
    fputs("cowrap runtime: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    exit(1);
}

static AioContext *context_new(const char *name)
{
    AioContext *ctx = calloc(1, sizeof(*ctx));

    if (!ctx || n_contexts == MAX_CONTEXTS) {
        cowrap_fatal("aio_context_new: cannot create context %s", name);
    }
    ctx->name = name;
    ctx->tail = &ctx->head;
    contexts[n_contexts++] = ctx;
    return ctx;
}

AioContext *qemu_get_aio_context(void)
{
    static AioContext *main_ctx;

    if (!main_ctx) {
        main_ctx = context_new("main");
    }
    return main_ctx;
}

AioContext *aio_context_new(const char *name)
{
    qemu_get_aio_context(); /* the main context is always contexts[0] */
    return context_new(name);
}

const char *aio_context_name(AioContext *ctx)
{
    return ctx->name;
}

AioContext *cowrap_dispatch_ctx(void)
{
    return dispatching;
}

void aio_bh_schedule_oneshot_full(AioContext *ctx, QEMUBHFunc *cb,
                                  void *opaque, const char *name)
{
    BH *bh = calloc(1, sizeof(*bh));

    if (!bh) {
        cowrap_fatal("aio_bh_schedule_oneshot: out of memory");
    }
    bh->cb = cb;
    bh->opaque = opaque;
    bh->name = name;
    *ctx->tail = bh;
    ctx->tail = &bh->next;
    cowrap_rt_stats.bh_scheduled++;
}

/*
 * Run the bottom halves queued on ctx when called. Ones scheduled meanwhile
 * wait for the next round, so a self-rescheduling one cannot starve others.
 */
static bool run_pending(AioContext *ctx)
{
    BH *bh = ctx->head;
    bool progress = bh != NULL;

    if (qemu_in_coroutine()) {
        cowrap_fatal("aio_poll called in coroutine context");
    }
    ctx->head = NULL;
    ctx->tail = &ctx->head;
    while (bh) {
        BH *next = bh->next;
        AioContext *saved = dispatching;

        dispatching = ctx;
        cowrap_rt_stats.bh_run++;
        bh->cb(bh->opaque);
        dispatching = saved;
        free(bh);
        bh = next;
    }
    return progress;
}

bool aio_poll_all(void)
{
    bool progress = false;

    qemu_get_aio_context();
    for (int i = 0; i < n_contexts; i++) {
        progress |= run_pending(contexts[i]);
    }
    return progress;
}

bool aio_poll(AioContext *ctx, bool blocking)
{
    if (run_pending(ctx)) {
        return true;
    }
    if (!blocking) {
        return false;
    }
    if (!aio_poll_all()) {
        cowrap_fatal("aio_poll(%s, blocking): nothing can make progress",
                     ctx->name);
    }
    return true;
}

static void co_enter_bh(void *opaque)
{
    qemu_coroutine_enter(opaque);
}

void aio_co_enter(AioContext *ctx, Coroutine *co)
{
    if (qemu_in_coroutine()) {
        aio_bh_schedule_oneshot(ctx, co_enter_bh, co);
        return;
    }
    AioContext *saved = dispatching;

    /* qemu_coroutine_enter binds co to the current context: make it ctx. */
    dispatching = ctx;
    qemu_coroutine_enter(co);
    dispatching = saved;
}

void aio_co_wake(Coroutine *co)
{
    aio_co_enter(qemu_coroutine_get_aio_context(co), co);
}

void aio_context_acquire(AioContext *ctx)
{
    if (n_held == MAX_HELD) {
        cowrap_fatal("aio_context_acquire: nesting too deep");
    }
    held[n_held++] = ctx;
    ctx->lock_depth++;
    cowrap_rt_stats.ctx_acquire++;
}

void aio_context_release(AioContext *ctx)
{
    if (n_held == 0 || held[n_held - 1] != ctx) {
        cowrap_fatal("aio_context_release(%s): not the innermost lock held",
                     ctx->name);
    }
    n_held--;
    ctx->lock_depth--;
    cowrap_rt_stats.ctx_release++;
}

AioContext *cowrap_aio_context_held(void)
{
    return n_held ? held[n_held - 1] : NULL;
}

int cowrap_aio_context_lock_depth(AioContext *ctx)
{
    return ctx->lock_depth;
}

void aio_wait_kick(void)
{
    cowrap_rt_stats.wait_kicks++;
}

void cowrap_aio_wait_stuck(const char *file, int line, const char *cond)
{
    cowrap_fatal("%s:%d: AIO_WAIT_WHILE(%s) can never finish: no pending "
                 "bottom halves", file, line, cond);
}

typedef struct RunCo {
    CoroutineEntry *entry;
    void *opaque;
    bool done;
} RunCo;

static void coroutine_fn run_co_entry(void *opaque)
{
    RunCo *r = opaque;

    r->entry(r->opaque);
    r->done = true;
    aio_wait_kick();
}

void cowrap_run_coroutine(CoroutineEntry *entry, void *opaque)
{
    RunCo r = { .entry = entry, .opaque = opaque };

    if (qemu_in_coroutine()) {
        cowrap_fatal("cowrap_run_coroutine called in coroutine context");
    }
    aio_co_enter(qemu_get_aio_context(), qemu_coroutine_create(run_co_entry, &r));
    AIO_WAIT_WHILE(qemu_get_aio_context(), !r.done);
}

static void wake_bh(void *opaque)
{
    aio_co_wake(opaque);
}

void coroutine_fn cowrap_co_sleep(void)
{
    Coroutine *self = qemu_coroutine_self();

    if (!self) {
        cowrap_fatal("cowrap_co_sleep called outside coroutine context");
    }
    aio_bh_schedule_oneshot(qemu_get_current_aio_context(), wake_bh, self);
    qemu_coroutine_yield();
}
