/*
 * rules_cowrap test runtime: counters and helpers that are not part of
 * QEMU's API. Tests read the counters to prove which path a wrapper took.
 */
#ifndef COWRAP_RT_H
#define COWRAP_RT_H

#include "qemu/osdep.h"
#include "qemu/coroutine.h"
#include "block/aio.h"

typedef struct CowrapRtStats {
    unsigned coroutines_created;
    unsigned coroutines_terminated;
    unsigned bh_scheduled;
    unsigned bh_run;
    unsigned wait_kicks;
    unsigned ctx_acquire;
    unsigned ctx_release;
} CowrapRtStats;

extern CowrapRtStats cowrap_rt_stats;

/* Innermost AioContext held via aio_context_acquire, or NULL. */
AioContext *cowrap_aio_context_held(void);

/* Depth of aio_context_acquire nesting on ctx. */
int cowrap_aio_context_lock_depth(AioContext *ctx);

/*
 * From outside coroutine context: run entry(opaque) in a new coroutine in
 * the main context and poll until it has returned.
 */
void cowrap_run_coroutine(CoroutineEntry *entry, void *opaque);

/*
 * Yield once and get woken by a bottom half in the current context, as if
 * waiting for I/O; exercises a real switch out of and back into co.
 */
void coroutine_fn cowrap_co_sleep(void);

void cowrap_fatal(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* Unlike assert(), never compiled out and always exits with status 1. */
#define COWRAP_CHECK(cond) do {                                         \
    if (!(cond)) {                                                      \
        cowrap_fatal("%s:%d: check failed: %s", __FILE__, __LINE__,     \
                     #cond);                                            \
    }                                                                   \
} while (0)

#endif /* COWRAP_RT_H */
