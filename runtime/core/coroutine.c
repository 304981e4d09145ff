/*
 * Coroutines on top of POSIX ucontext. Each coroutine has its own stack;
 * enter saves the caller's context in the coroutine, yield and termination
 * switch back to it, so control always returns to whoever entered.
 */
#define _XOPEN_SOURCE 700 /* ucontext */

#include <ucontext.h>

#include "qemu/coroutine.h"
#include "block/aio.h"
#include "cowrap/rt.h"
#include "rt-internal.h"

enum { COROUTINE_STACK_SIZE = 256 * 1024 };

struct Coroutine {
    CoroutineEntry *entry;
    void *opaque;
    ucontext_t uc;        /* the coroutine's own state while switched out */
    ucontext_t caller_uc; /* where yield and termination switch back to */
    Coroutine *caller;    /* coroutine that entered us, NULL for none */
    AioContext *ctx;
    void *stack;
    bool running;
    bool terminated;
};

static Coroutine *current;

static void coroutine_trampoline(void)
{
    Coroutine *co = current;

    co->entry(co->opaque);
    co->terminated = true;
    cowrap_rt_stats.coroutines_terminated++;
    /* The stack is freed by the enterer once we are off it. */
    setcontext(&co->caller_uc);
    cowrap_fatal("setcontext failed");
}

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque)
{
    Coroutine *co = calloc(1, sizeof(*co));

    if (!co || !(co->stack = malloc(COROUTINE_STACK_SIZE))) {
        cowrap_fatal("qemu_coroutine_create: out of memory");
    }
    if (getcontext(&co->uc) != 0) {
        cowrap_fatal("qemu_coroutine_create: getcontext failed");
    }
    co->uc.uc_stack.ss_sp = co->stack;
    co->uc.uc_stack.ss_size = COROUTINE_STACK_SIZE;
    co->uc.uc_link = NULL;
    makecontext(&co->uc, coroutine_trampoline, 0);
    co->entry = entry;
    co->opaque = opaque;
    cowrap_rt_stats.coroutines_created++;
    return co;
}

void qemu_coroutine_enter(Coroutine *co)
{
    if (co->running || co->terminated) {
        cowrap_fatal("Co-routine re-entered recursively");
    }
    co->ctx = qemu_get_current_aio_context();
    co->caller = current;
    co->running = true;
    current = co;
    if (swapcontext(&co->caller_uc, &co->uc) != 0) {
        cowrap_fatal("qemu_coroutine_enter: swapcontext failed");
    }
    current = co->caller;
    co->running = false;
    if (co->terminated) {
        free(co->stack);
        free(co);
    }
}

void coroutine_fn qemu_coroutine_yield(void)
{
    Coroutine *self = current;

    if (!self) {
        cowrap_fatal("qemu_coroutine_yield called outside coroutine context");
    }
    if (swapcontext(&self->uc, &self->caller_uc) != 0) {
        cowrap_fatal("qemu_coroutine_yield: swapcontext failed");
    }
}

Coroutine *qemu_coroutine_self(void)
{
    return current;
}

bool qemu_in_coroutine(void)
{
    return current != NULL;
}

AioContext *qemu_coroutine_get_aio_context(Coroutine *co)
{
    return co->ctx;
}

AioContext *qemu_get_current_aio_context(void)
{
    AioContext *ctx = cowrap_dispatch_ctx();

    if (current) {
        return current->ctx;
    }
    return ctx ? ctx : qemu_get_aio_context();
}
