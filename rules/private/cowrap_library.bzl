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
        progress_message = "Generating coroutine wrappers %{output}",
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
    """Generates coroutine wrappers from `srcs` and compiles them into a cc_library `name`.

    Args:
      name: name of the cc_library; the generator target is `name + "_gen"`.
      srcs: C headers declaring the functions to wrap (QEMU marks: co_wrapper, co_wrapper_mixed,
        co_wrapper_bdrv_rdlock, ..., generated_co_wrapper in old dialects). Must not be empty.
      dialect: generator dialect: "qemu" (newest) or "qemu-X.Y" for QEMU 5.2 to 10.2
        (see DIALECTS). With `template`, it selects only the set of marks that are recognised.
      include_lines: headers for the generated file's `#include` lines, in order, replacing the
        dialect's: "block/block_int.h" becomes `#include "block/block_int.h"`, "<stdio.h>" becomes
        `#include <stdio.h>`. Each is a relative path ending in a header suffix, or `<...>`.
      include_srcs: also `#include` each header of `srcs` (by its path in the repository), after
        the dialect's or `include_lines`' lines, so that the generated file sees the declarations
        it wraps; the headers are compiled with it. False: the `#include` lines of QEMU's
        block-gen.c exactly.
      template: optional label of a template file for the wrappers, replacing the dialect's.
      marks: with `template`: the marks to look for instead of the dialect's, each
        `NAME[=co|co_mixed|no_co[+rdlock|+wrlock]]` (cowrap -marks); Gazelle's cowrap_marks.
      out: name of the generated C file; default `name + ".c"`.
      deps: cc_library deps of the compiled file; they must provide every header the generated
        file includes.
      **kwargs: forwarded to cc_library (includes, copts, defines, hdrs, linkopts, alwayslink,
        ...). visibility, tags, testonly, compatible_with, target_compatible_with apply to the
        generator target too.
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
