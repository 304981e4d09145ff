/*
 * The legacy half of //examples:demo: the ramdisk's generated wrappers
 * (dialect qemu-6.2) called from outside and from inside a coroutine, with
 * a trace of what runs where.
 */
#include "examples/legacy/ramdisk.h"
#include "examples/util.h"

static BlockDriverState ram0 = { .node_name = "ram0" };
static BdrvChild file = { .bs = &ram0, .name = "file" };
static BlockBackend drive0 = { .bs = &ram0, .name = "drive0" };

/* Prints the result of a call and what it cost the runtime since before. */
static void result(const CowrapRtStats *before, const char *value)
{
    char d[128] = "";

    rt_delta(d, sizeof(d), before);
    trace("  -> %s   [%s]", value, *d ? d : "no coroutine, no bottom half");
}

static void coroutine_fn in_coroutine(void *opaque)
{
    CowrapRtStats b = cowrap_rt_stats;
    char buf[15];
    int ret;

    (void)opaque;
    trace("ram_pread(file, 0, 15) inside a coroutine: the wrapper calls "
          "ram_co_pread directly");
    ret = ram_pread(&file, 0, sizeof(buf), buf);
    COWRAP_CHECK(ret == 0 && memcmp(buf, "hello, qemu 6.2", 15) == 0);
    result(&b, "0, \"hello, qemu 6.2\"");
}

int legacy_demo(void)
{
    CowrapRtStats b;
    int64_t len = 0;
    int ret;

    trace_heading("== legacy: ramdisk, dialect qemu-6.2 "
                  "(generated_co_wrapper) ==");
    ram0.ctx = aio_context_new("iothread0");
    trace("ram_open(ram0, 4096): plain main-loop code; ram0's AioContext is "
          "iothread0");
    COWRAP_CHECK(ram_open(&ram0, 4096, NULL) == 0);

    b = cowrap_rt_stats;
    trace("ram_pwrite(file, 0, 15, \"hello, qemu 6.2\") outside a coroutine: "
          "the wrapper");
    trace("  creates a coroutine, enters it in ram0's AioContext and polls "
          "until it is done");
    ret = ram_pwrite(&file, 0, 15, "hello, qemu 6.2");
    COWRAP_CHECK(ret == 0);
    result(&b, "0");

    b = cowrap_rt_stats;
    trace("ram_getlength(ram0, &len) outside a coroutine: the same");
    ret = ram_getlength(&ram0, &len);
    COWRAP_CHECK(ret == 0 && len == 4096);
    result(&b, "0, len = 4096");

    trace("cowrap_run_coroutine: main enters a coroutine of its own");
    cowrap_run_coroutine(in_coroutine, NULL);

    b = cowrap_rt_stats;
    trace("ramblk_flush(drive0) outside a coroutine: a BlockBackend first "
          "parameter");
    ret = ramblk_flush(&drive0);
    COWRAP_CHECK(ret == 0 && !((RamDisk *)ram0.opaque)->dirty);
    result(&b, "0");

    trace("ram_close(ram0): plain main-loop code");
    ram_close(&ram0);
    return 0;
}
