package dialect

// The release scripts' output, one template per wrapper shape. Lines that are
// empty or hold only spaces are significant: the scripts keep a line for every
// optional statement even when it is empty.

const wrapperA = `/*
 * Wrappers for {{Target}}
 */

typedef struct {{Struct}} {
    BdrvPollCo poll_state;
{{Fields}}
} {{Struct}};

static void coroutine_fn {{Target}}_entry(void *opaque)
{
    {{Struct}} *s = opaque;

    s->poll_state.ret = {{Target}}({{SNames}});
    s->poll_state.in_progress = false;

    aio_wait_kick();
}

int {{Name}}({{Decls}})
{
    if (qemu_in_coroutine()) {
        return {{Target}}({{Names}});
    } else {
        {{Struct}} s = {
            .poll_state.bs = {{Poll}},
            .poll_state.in_progress = true,

{{Inits12}}
        };

        s.poll_state.co = qemu_coroutine_create({{Target}}_entry, &s);

        return bdrv_poll_co(&s.poll_state);
    }
}`

// entryB is the struct and coroutine entry of every B co wrapper.
const entryB = `/*
 * Wrappers for {{Target}}
 */

typedef struct {{Struct}} {
    BdrvPollCo poll_state;
    {{RetField}}
{{Fields}}
} {{Struct}};

static void coroutine_fn {{Target}}_entry(void *opaque)
{
    {{Struct}} *s = opaque;

{{Lock}}
    {{GetRes}}{{Target}}({{SNames}});
{{Unlock}}
    s->poll_state.in_progress = false;

    aio_wait_kick();
}

`

const mixedB = entryB + `{{Return}} {{Name}}({{Decls}})
{
    if (qemu_in_coroutine()) {
        {{Assume}}
        {{CoRet}}{{Target}}({{Names}});
    } else {
        {{Struct}} s = {
            .poll_state.ctx = {{Poll}},
            .poll_state.in_progress = true,

{{Inits12}}
        };

        s.poll_state.co = qemu_coroutine_create({{Target}}_entry, &s);

        bdrv_poll_co(&s.poll_state);
        {{RetStmt}}
    }
}`

const coOnlyB = entryB + `{{Return}} {{Name}}({{Decls}})
{
    {{Struct}} s = {
        .poll_state.ctx = {{Poll}},
        .poll_state.in_progress = true,

{{Inits8}}
    };
    assert(!qemu_in_coroutine());

    s.poll_state.co = qemu_coroutine_create({{Target}}_entry, &s);

    bdrv_poll_co(&s.poll_state);
    {{RetStmt}}
}`

// noCoB wraps a family's bottom-half body (bh*) into a no_co wrapper.
const noCoB = `/*
 * Wrappers for {{Target}}
 */

typedef struct {{Struct}} {
    Coroutine *co;
    {{RetField}}
{{Fields}}
} {{Struct}};

static void {{Target}}_bh(void *opaque)
{
    {{Struct}} *s = opaque;
%s
    aio_co_wake(s->co);
}

{{Return}} coroutine_fn {{Name}}({{Decls}})
{
    {{Struct}} s = {
        .co = qemu_coroutine_self(),
{{Inits8}}
    };
    assert(qemu_in_coroutine());

    aio_bh_schedule_oneshot(qemu_get_aio_context(), {{Target}}_bh, &s);
    qemu_coroutine_yield();

    {{RetStmt}}
}`

const (
	bhB1 = `
    {{GetRes}}{{Target}}({{SNames}});
`
	bhB2 = `    AioContext *ctx = {{BhCtx}};

    aio_context_acquire(ctx);
    {{GetRes}}{{Target}}({{SNames}});
    aio_context_release(ctx);
`
	bhB3 = `    AioContext *ctx = {{BhCtx}};

{{BhLock}}
    aio_context_acquire(ctx);
    {{GetRes}}{{Target}}({{SNames}});
    aio_context_release(ctx);
{{BhUnlock}}
`
	bhB4 = `
{{BhLock}}
    {{GetRes}}{{Target}}({{SNames}});
{{BhUnlock}}
`
)
