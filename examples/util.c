/* See util.h. */
#include <stdarg.h>

#include "examples/util.h"
#include "block/aio.h"

bool trace_enabled;
CallSite calls[MAX_CALLS];
unsigned n_calls;

CallSite *note_call(const char *fn)
{
    static CallSite overflow;
    CallSite *c = n_calls < MAX_CALLS ? &calls[n_calls] : &overflow;

    n_calls++;
    *c = (CallSite) {
        .fn = fn,
        .in_co = qemu_in_coroutine(),
        .co = qemu_coroutine_self(),
        .ctx = qemu_get_current_aio_context(),
    };
    return c;
}

void trace(const char *fmt, ...)
{
    char where[32];
    va_list ap;

    if (!trace_enabled) {
        return;
    }
    snprintf(where, sizeof(where), "%s%s", qemu_in_coroutine() ? "co@" : "",
             aio_context_name(qemu_get_current_aio_context()));
    printf("%-12s | ", where);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

void trace_heading(const char *fmt, ...)
{
    va_list ap;

    if (!trace_enabled) {
        return;
    }
    putchar('\n');
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    putchar('\n');
}

typedef struct IoRequest {
    const char *what;
    Coroutine *co;
} IoRequest;

static void io_complete_bh(void *opaque)
{
    IoRequest *req = opaque;

    trace("      bottom half: %s complete, wake the coroutine", req->what);
    aio_co_wake(req->co);
}

void coroutine_fn co_wait_io(const char *what)
{
    IoRequest req = { .what = what, .co = qemu_coroutine_self() };

    COWRAP_CHECK(req.co);
    trace("      %s submitted, yield", what);
    aio_bh_schedule_oneshot(qemu_get_current_aio_context(), io_complete_bh,
                            &req);
    qemu_coroutine_yield();
    trace("      resumed: %s done", what);
}

void add_count(char *buf, size_t n, const char *what, unsigned d)
{
    size_t len = strlen(buf);

    if (d && len + 1 < n) {
        snprintf(buf + len, n - len, "%s%s +%u", len ? ", " : "", what, d);
    }
}

void rt_delta(char *buf, size_t n, const CowrapRtStats *b)
{
    const CowrapRtStats *a = &cowrap_rt_stats;

    add_count(buf, n, "coroutines",
              a->coroutines_created - b->coroutines_created);
    add_count(buf, n, "bottom halves", a->bh_run - b->bh_run);
}
