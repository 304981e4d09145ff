/*
 * Shared by the example block drivers, their tests and //examples:demo: a
 * narrated trace, simulated I/O that really yields, a record of driver calls
 * and counter deltas. Needs only the core runtime, so both dialects' drivers
 * can use it.
 */
#ifndef EXAMPLES_UTIL_H
#define EXAMPLES_UTIL_H

#include "qemu/osdep.h"
#include "qemu/coroutine.h"
#include "cowrap/rt.h"

/* Off by default so tests stay quiet; the demo turns it on. */
extern bool trace_enabled;

/*
 * Prints one line: a column saying where it runs (main loop, "co" for a
 * coroutine, plus the AioContext) and the message.
 */
void trace(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A section heading of the trace, set off by an empty line. */
void trace_heading(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/*
 * In a coroutine: submit a pretend I/O request named what and yield; a
 * bottom half in the coroutine's AioContext completes it and wakes us, the
 * way a real driver waits for its file descriptor. Returns once resumed.
 */
void coroutine_fn co_wait_io(const char *what);

/*
 * The driver functions that ran, in order: each notes itself on entry, so
 * tests can check which path a wrapper took. Reset n_calls before a call.
 */
typedef struct CallSite {
    const char *fn;
    bool in_co;
    Coroutine *co;
    AioContext *ctx;
    int co_rd, main_rd, wr; /* graph locks held (set by memdisk) */
} CallSite;

enum { MAX_CALLS = 8 };
extern CallSite calls[MAX_CALLS];
extern unsigned n_calls;

/* Appends a record for fn (dropped when full, still counted); returns it. */
CallSite *note_call(const char *fn);

/* Appends ", WHAT +D" to buf (size n), without the comma if buf is "". */
void add_count(char *buf, size_t n, const char *what, unsigned d);

/*
 * Appends to buf what changed in the runtime's counters since before, e.g.
 * "coroutines +1, bottom halves +1".
 */
void rt_delta(char *buf, size_t n, const CowrapRtStats *before);

/* The two halves of //examples:demo; each returns main()'s exit status. */
int legacy_demo(void);
int modern_demo(void);

#endif /* EXAMPLES_UTIL_H */
