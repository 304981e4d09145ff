/* Runs the generated mixed wrappers of demo_io.h on a fake, synchronous coroutine runtime. */
#include <stdio.h>
#include <stdlib.h>

#include "block/block-gen.h"
#include "block/coroutines.h"
#include "demo_io.h"
#include "tests/bazel/testdata/extra_io.h"

struct Coroutine {
    CoroutineEntry *entry;
    void *opaque;
};

static bool in_coroutine;
static int kicks, pread_calls, flush_flags;
static Coroutine the_co;

bool qemu_in_coroutine(void) { return in_coroutine; }
AioContext *qemu_get_current_aio_context(void) { return NULL; }
void aio_wait_kick(void) { kicks++; }

Coroutine *qemu_coroutine_create(CoroutineEntry *entry, void *opaque)
{
    the_co.entry = entry;
    the_co.opaque = opaque;
    return &the_co;
}

/* "Polls" by running the coroutine to completion at once. */
void bdrv_poll_co(BdrvPollCo *s)
{
    in_coroutine = true;
    s->co->entry(s->co->opaque);
    in_coroutine = false;
    if (s->in_progress) {
        fprintf(stderr, "in_progress still set after the entry returned\n");
        exit(1);
    }
}

int coroutine_fn demo_co_pread(BlockDriverState *bs, int64_t offset)
{
    (void)bs;
    pread_calls++;
    return (int)offset * 2;
}

void coroutine_fn demo_co_flush(BlockDriverState *bs, int flags)
{
    (void)bs;
    flush_flags = flags;
}

int coroutine_fn extra_co_pread(BlockDriverState *bs, int64_t offset)
{
    (void)bs;
    return (int)offset + 1;
}

#define CHECK(c) do { if (!(c)) { fprintf(stderr, "%s:%d: %s\n", __FILE__, __LINE__, #c); return 1; } } while (0)

int main(void)
{
    /* Outside a coroutine: the wrapper creates one, polls it and returns its result. */
    CHECK(demo_pread(NULL, 21) == 42);
    CHECK(kicks == 1 && pread_calls == 1);
    demo_flush(NULL, 7);
    CHECK(flush_flags == 7 && kicks == 2);

    /* Inside a coroutine: a mixed wrapper calls the coroutine function directly. */
    in_coroutine = true;
    CHECK(demo_pread(NULL, 5) == 10);
    CHECK(kicks == 2 && pread_calls == 2);

    /* A wrapper of a header that only include_srcs brings into the generated file. */
    in_coroutine = false;
    CHECK(extra_pread(NULL, 41) == 42);
    puts("demo_io_test: ok");
    return 0;
}
