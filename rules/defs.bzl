"""cowrap_library: generate QEMU-style coroutine wrappers (block-gen.c) and compile them.

Public API: `cowrap_library` and `DIALECTS`. Reference: docs/rules.md.
"""

load("@rules_cc//cc:defs.bzl", "cc_library")
load("//toolchains:toolchain.bzl", "COWRAP_TOOLCHAIN_TYPE")

# Dialects of the generator (gen/cmd/cowrap -dialect). "qemu" is the newest QEMU behaviour.
DIALECTS = [
    "qemu",
    "qemu-5.2",
    "qemu-6.0",
    "qemu-6.1",
    "qemu-6.2",
    "qemu-7.0",
    "qemu-7.1",
    "qemu-7.2",
    "qemu-8.0",
    "qemu-8.1",
    "qemu-8.2",
    "qemu-9.0",
    "qemu-9.1",
    "qemu-9.2",
    "qemu-10.0",
    "qemu-10.1",
    "qemu-10.2",
]

def _cowrap_gen_impl(ctx):
    # Checked here (analysis) rather than by attr `values`, so the message can say what to do
    # and analysis tests can assert it.
    if ctx.attr.dialect not in DIALECTS:
        fail("cowrap_library %s: unknown dialect %r; valid dialects: %s" % (
            ctx.label,
            ctx.attr.dialect,
            ", ".join(DIALECTS),
        ))
    if not ctx.files.srcs:
        fail("cowrap_library %s: srcs is empty; list the headers that declare the co_wrapper functions" % ctx.label)
    for h in ctx.attr.includes:
        if not h or h.startswith("/") or "\n" in h:
            fail("cowrap_library %s: includes entry %r must be a header name such as \"block/block_int.h\" or \"<stdio.h>\"" % (ctx.label, h))

    out = ctx.outputs.out
    args = ctx.actions.args()
    args.add("-dialect", ctx.attr.dialect)
    args.add_all(ctx.attr.includes, before_each = "-include")
    inputs = list(ctx.files.srcs)
    if ctx.attr.marks and not ctx.file.template:
        fail("cowrap_library %s: marks needs a template (the dialect's templates only know QEMU's marks)" % ctx.label)
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
        progress_message = "Generating coroutine wrappers %{output}",
    )
    return [DefaultInfo(files = depset([out]))]

cowrap_gen = rule(
    implementation = _cowrap_gen_impl,
    doc = "Runs the cowrap generator once over `srcs`. Private: use cowrap_library.",
    attrs = {
        "srcs": attr.label_list(allow_files = True, doc = "Headers with the marked declarations."),
        "dialect": attr.string(default = "qemu"),
        "includes": attr.string_list(doc = "Headers for the generated #include lines, in order."),
        "template": attr.label(allow_single_file = True),
        "marks": attr.string_list(doc = "With template: the marks, each NAME[=co|co_mixed|no_co[+rdlock|+wrlock]]."),
        "out": attr.output(mandatory = True),
    },
    toolchains = [COWRAP_TOOLCHAIN_TYPE],
)

def cowrap_library(
        name,
        srcs,
        dialect = "qemu",
        includes = [],
        template = None,
        marks = [],
        out = None,
        deps = [],
        **kwargs):
    """Generates coroutine wrappers from `srcs` and compiles them into a cc_library `name`.

    Args:
      name: name of the cc_library; the generator target is `name + "_gen"`.
      srcs: C headers declaring the functions to wrap (QEMU marks: co_wrapper, co_wrapper_mixed,
        co_wrapper_bdrv_rdlock, ..., generated_co_wrapper in old dialects). Must not be empty.
      dialect: generator dialect: "qemu" (newest) or "qemu-X.Y" for QEMU 5.2 to 10.2
        (see DIALECTS). With `template`, it selects only the set of marks that are recognised.
      includes: headers for the generated file's `#include` lines, in order: "block/block_int.h"
        becomes `#include "block/block_int.h"`, "<stdio.h>" becomes `#include <stdio.h>`.
        NOT cc include directories: pass those as `cc_includes`.
      template: optional label of a template file for the wrappers, replacing the dialect's.
      marks: with `template`: the marks to look for instead of the dialect's, each
        `NAME[=co|co_mixed|no_co[+rdlock|+wrlock]]` (cowrap -marks); Gazelle's cowrap_marks.
      out: name of the generated C file; default `name + ".c"`.
      deps: cc_library deps of the compiled file; they must provide every header the generated
        file includes (or pass the headers via `hdrs`).
      **kwargs: forwarded to cc_library (copts, defines, hdrs, linkopts, alwayslink, ...);
        `cc_includes` is forwarded as cc_library's `includes`. visibility, tags, testonly,
        compatible_with, target_compatible_with apply to the generator target too.
    """
    if "cc_includes" in kwargs:
        kwargs["includes"] = kwargs.pop("cc_includes")
    common = {k: kwargs[k] for k in ("visibility", "tags", "testonly", "compatible_with", "target_compatible_with") if k in kwargs}
    cowrap_gen(
        name = name + "_gen",
        srcs = srcs,
        dialect = dialect,
        includes = includes,
        template = template,
        marks = marks,
        out = out or name + ".c",
        **common
    )
    cc_library(
        name = name,
        srcs = [":" + name + "_gen"],
        deps = deps,
        **kwargs
    )
