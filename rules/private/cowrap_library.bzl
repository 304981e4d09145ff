"""cowrap_library: the generator rule (private) and the macro that compiles its output."""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("//toolchains:toolchain.bzl", "COWRAP_TOOLCHAIN_TYPE")
load(":dialects.bzl", "DIALECTS")
load(":include.bzl", "include_error", "is_header")

def _repo_path(f):
    # The path of f inside its repository: what `#include "..."` finds through Bazel's
    # `-iquote .`, `-iquote external/REPO` and `-iquote bazel-out/.../bin`.
    if f.short_path.startswith("../"):
        return f.short_path.split("/", 2)[2]
    return f.short_path

def _cowrap_gen_impl(ctx):
    # Messages name the user's cowrap_library (//pkg:name), not this hidden target.
    who = "cowrap_library %s: " % (ctx.attr.library or ctx.label)

    # Checked here (analysis) rather than by attr `values`, so the message can say what to do
    # and analysis tests can assert it.
    if ctx.attr.dialect not in DIALECTS:
        fail(who + "unknown dialect %r; valid dialects: %s" % (ctx.attr.dialect, ", ".join(DIALECTS)))
    if not ctx.files.srcs:
        fail(who + "srcs is empty; list the headers that declare the co_wrapper functions")
    for h in ctx.attr.include_lines:
        err = include_error(h)
        if err:
            fail(who + "include_lines: " + err)
    if ctx.attr.marks and not ctx.file.template:
        fail(who + "marks needs a template (the dialect's templates only know QEMU's marks)")
    headers = [f for f in ctx.files.srcs if is_header(f.basename)] if ctx.attr.include_srcs else []
    after = [_repo_path(f) for f in headers]
    for h in after:
        err = include_error(h)
        if err:
            fail(who + "include_srcs: srcs header %s: %s (set include_srcs = False)" % (h, err))

    out = ctx.outputs.out
    args = ctx.actions.args()
    args.add("-dialect", ctx.attr.dialect)
    args.add_all(ctx.attr.include_lines, before_each = "-include")
    args.add_all(after, before_each = "-include-after")
    inputs = list(ctx.files.srcs)
    if ctx.file.template:
        args.add("-template", ctx.file.template)
        inputs.append(ctx.file.template)
    if ctx.attr.marks:
        args.add("-marks", ",".join(ctx.attr.marks))
    args.add("-o", out)

    # File objects expand to exec-root-relative paths: no absolute path reaches the action.
    args.add_all(ctx.files.srcs)

    # The generator comes from toolchain resolution for the action's exec platform: a prebuilt
    # binary or //gen/cmd/cowrap built from source (toolchains/toolchain.bzl).
    ctx.actions.run(
        executable = ctx.toolchains[COWRAP_TOOLCHAIN_TYPE].cowrap.cowrap,
        toolchain = COWRAP_TOOLCHAIN_TYPE,
        arguments = [args],
        inputs = inputs,
        outputs = [out],
        mnemonic = "CoWrap",
        # Bazel's failure line starts with this: "ERROR: BUILD:3:15: cowrap_library //pkg:name:
        # generating bazel-out/.../name.c failed: (Exit 1) ...", naming the user's target.
        progress_message = who + "generating %{output}",
    )

    # The headers the generated file includes go to the cc_library's srcs with it, so they
    # are inputs of its compile action.
    return [DefaultInfo(files = depset([out] + headers))]

_cowrap_gen = rule(
    implementation = _cowrap_gen_impl,
    doc = "Runs the cowrap generator once over `srcs`; its files are the output and, with " +
          "include_srcs, the headers of `srcs`. Private: use cowrap_library.",
    attrs = {
        "srcs": attr.label_list(allow_files = True, doc = "Files with the marked declarations."),
        "dialect": attr.string(default = "qemu"),
        "include_lines": attr.string_list(doc = "Headers for the generated #include lines, in order."),
        "include_srcs": attr.bool(default = True, doc = "Also #include each header of srcs, after the other lines."),
        "template": attr.label(allow_single_file = True),
        "marks": attr.string_list(doc = "With template: the marks, each NAME[=co|co_mixed|no_co[+rdlock|+wrlock]]."),
        "out": attr.output(mandatory = True),
        "library": attr.string(doc = "The cowrap_library's label as its users write it, for messages."),
    },
    toolchains = [COWRAP_TOOLCHAIN_TYPE],
)

def _user_label(name):
    # //pkg:name in the main repository, @@repo//pkg:name elsewhere (str(Label) would give
    # @@//pkg:name).
    repo = native.repository_name()
    return "%s//%s:%s" % ("" if repo == "@" else "@" + repo, native.package_name(), name)

def cowrap_library(
        name,
        srcs,
        dialect = "qemu",
        include_lines = [],
        include_srcs = True,
        template = None,
        marks = [],
        out = None,
        deps = [],
        **kwargs):
    """Generates coroutine wrappers from `srcs` and compiles them into a `cc_library` `name`.

    Runs the generator (the cowrap toolchain: a prebuilt binary or `//gen/cmd/cowrap`) over
    `srcs` in one action, then compiles the generated file as a `cc_library` named `name`.
    Example (from `tests/bazel/testdata/BUILD.bazel`):

    ```starlark
    cowrap_library(
        name = "demo_io",
        srcs = ["demo_io.h"],
        deps = [":stub_qemu"],
    )
    ```

    The generated `demo_io.c` has the dialect's `#include` lines (QEMU's), then
    `#include "tests/bazel/testdata/demo_io.h"` (`include_srcs`), then the wrappers.

    **Targets:** `name` (`cc_library`: what you depend on and build), `name + "_gen"` (the
    private generator rule `_cowrap_gen`; its output is `out`, and its files are `out` plus,
    with `include_srcs`, the headers of `srcs`). Bazel's own messages about `srcs` name the
    generator target (`no such target '//pkg:x.h' ... referenced by '//pkg:name_gen'`): they
    are about the `srcs` of `name`. `cowrap_library` is a macro, not a rule kind, so
    `bazel query 'kind(cowrap_library, //...)'` finds nothing; this finds every
    `cowrap_library` a `BUILD` file declares:
    `bazel query 'kind(cc_library, attr(generator_function, "^cowrap_library$", //...))'`.

    **Errors at analysis** name your target as you write it (`cowrap_library //pkg:name: ...`):
    an unknown `dialect` (the message lists the valid ones), empty `srcs`, an `include_lines`
    entry that is not a header (`include_lines: bad #include value "blk": no header suffix (.h,
    .hh, .hpp, ...); want a relative header path such as "block/block_int.h" or a system header
    such as "<stdio.h>"`), `marks` without `template`. The generator's own errors (exit 1,
    `path:line:col: message` on stderr) fail the `CoWrap` action, whose error line names your
    target too (`ERROR: BUILD.bazel:3:15: cowrap_library //pkg:name: generating
    bazel-out/.../name.c failed: (Exit 1) ...`), and no output is left.

    **The action** (mnemonic `CoWrap`, one `ctx.actions.run`, no shell, no environment):

    ```
    cowrap -dialect D [-include H]... [-include-after SRC_HEADER]... [-template T] [-marks M] -o OUT.c SRC...
    ```

    in this order (the analysis tests in `rules/tests` assert the whole argv). Its inputs are
    exactly `srcs` (and `template`) plus the exec-configuration tool. Every path is relative to
    the execution root, and the output has neither timestamps nor absolute paths, so the result
    is byte-identical in any checkout and the action is cached by a remote or disk cache across
    machines and paths (checked by `tests/bazel/remote_cache_test.sh`).

    Args:
      name: The `cc_library`. The generator target is `name + "_gen"`.
      srcs: The C headers (or `.c` files) with the marked declarations
        (`int co_wrapper_mixed bdrv_pread(...);`), in the order the generator reads them (the
        order of the output). Must not be empty (also after globbing). With `include_srcs` the
        headers among them are compiled with the generated file; every other header it includes
        comes from `deps`.
      dialect: The generator's `-dialect`: `"qemu"` (the newest QEMU release) or one of
        [`DIALECTS`](#dialects), as in [the dialect table](dialects.md). Without `template` it
        selects the marks, the grammar and the output of that QEMU release; with `template` it
        selects only the set of marks recognised.
      include_lines: The generated file's `#include` lines, in order (generator `-include`,
        repeatable), replacing the dialect's. `"block/block_int.h"` becomes
        `#include "block/block_int.h"`; an entry in `<...>` is written as is (`"<stdio.h>"` gives
        `#include <stdio.h>`). Each entry must be a relative path ending in a header suffix
        (`.h`, `.hh`, `.hpp`, `.inc`, ... as Bazel's C++ rules know them) or `<name>`; anything
        else (`"blk"`, `"/usr/include/x.h"`, `"a b.h"`) fails analysis. The same check
        (`gen/include`) serves the CLI and Gazelle's `cowrap_include`. Empty: the dialect's own
        lines (QEMU's).
      include_srcs: Also `#include` each header of `srcs` (each file with a header suffix, by its
        path in its repository, e.g. `"pkg/block-io.h"`), after the dialect's or
        `include_lines`' lines (generator `-include-after`), and compile those headers with the
        generated file (they go into the `cc_library`'s `srcs`). So the generated file sees the
        declarations it wraps, and a newly marked header needs no hand edit. A header the
        dialect's or `include_lines`' lines include already gets no second line. `False`: the output
        is byte-identical to QEMU's `block-gen.c` from the first `#include` on; use it in QEMU
        trees, where `block/coroutines.h` declares everything.
      template: A Go `text/template` file that writes the wrappers instead of the dialect's
        ([templates.md](templates.md)); added to the action's inputs.
      marks: With `template` only: your own marks, each
        `NAME[=co|co_mixed|no_co[+rdlock|+wrlock]]`, passed as one `-marks` value (Gazelle's
        `cowrap_marks`).
      out: The generated file's name; default `name + ".c"`. Addressable as `:out` (e.g.
        `:block-gen.c`).
      deps: `cc_library` deps of the compiled file. Together they must provide every header the
        generated file includes and the functions it calls. Outside QEMU the dialect's headers
        (`qemu/osdep.h`, `block/*.h`) come from rules_cowrap's runtime: one of
        `@rules_cowrap//runtime:qemu-a`, `:qemu-b` or `:qemu-b3`, by the dialect's script family
        (the README's *The runtime*; Gazelle adds it). Without it the compile fails with
        `fatal error: qemu/osdep.h: No such file or directory`.
      **kwargs: Passed to the `cc_library`: `includes` (C include directories), `copts`,
        `defines`, `local_defines`, `hdrs`, `linkopts`, `alwayslink`, `implementation_deps`, ...
        `visibility`, `tags`, `testonly`, `compatible_with` and `target_compatible_with` also
        apply to the `_gen` target.
    """
    common = {k: kwargs[k] for k in ("visibility", "tags", "testonly", "compatible_with", "target_compatible_with") if k in kwargs}
    _cowrap_gen(
        name = name + "_gen",
        srcs = srcs,
        dialect = dialect,
        include_lines = include_lines,
        include_srcs = include_srcs,
        template = template,
        marks = marks,
        out = out or name + ".c",
        library = _user_label(name),
        **common
    )
    cc_library(
        name = name,
        srcs = [":" + name + "_gen"],
        deps = deps,
        **kwargs
    )
