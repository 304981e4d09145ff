"""Analysis tests of cowrap_library's generator action (skylib analysistest)."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
load("//gen/include:testdata/cases.bzl", "INCLUDE_CASES")
load("//rules:defs.bzl", "cowrap_library")

def _gen_action(env):
    actions = [a for a in analysistest.target_actions(env) if a.mnemonic == "CoWrap"]
    asserts.equals(env, 1, len(actions), "expected exactly one CoWrap action")
    return actions[0] if actions else None

def _action_test_impl(ctx):
    env = analysistest.begin(ctx)
    action = _gen_action(env)
    if not action:
        return analysistest.end(env)
    srcs = sorted([f.short_path for f in ctx.files.expected_inputs])
    inputs = [f for f in action.inputs.to_list()]

    # Everything but the expected srcs (+ template) must be the generator tool itself: its
    # exec-config binary and, in Bazel 7, the middleman standing for its runfiles.
    extra = [f.path for f in inputs if f.short_path not in srcs]
    tool = [p for p in extra if "-exec" in p and ("/gen/cmd/cowrap/" in p or "gen_Scmd_Scowrap" in p)]
    asserts.equals(env, srcs, sorted([f.short_path for f in inputs if f.short_path in srcs]), "srcs inputs")
    asserts.true(env, len(tool) >= 1, "the cowrap tool is not an input: %s" % extra)
    asserts.equals(env, [], [p for p in extra if p not in tool], "inputs other than srcs, template and tool")

    outs = action.outputs.to_list()
    asserts.equals(env, [ctx.attr.expected_out], [f.basename for f in outs])

    # The whole command line but the tool, in order; {out} is the output's exec path.
    out = outs[0].path if outs else "?"
    want = [a.replace("{out}", out) for a in ctx.attr.expected_argv]
    asserts.equals(env, want, action.argv[1:], "argv")
    asserts.true(env, action.argv[0].endswith("cowrap"), "argv[0] %s is not the tool" % action.argv[0])
    asserts.equals(env, {}, action.env, "the action must not get an environment")

    # What the cc_library compiles: the generated file and the headers it includes.
    files = analysistest.target_under_test(env)[DefaultInfo].files.to_list()
    asserts.equals(env, [out] + ctx.attr.expected_headers, [f.path for f in files], "files for the cc_library")
    return analysistest.end(env)

action_test = analysistest.make(
    _action_test_impl,
    attrs = {
        "expected_inputs": attr.label_list(allow_files = True),
        "expected_out": attr.string(),
        "expected_argv": attr.string_list(),
        "expected_headers": attr.string_list(),
    },
)

def _failure_test_impl(ctx):
    env = analysistest.begin(ctx)
    asserts.expect_failure(env, ctx.attr.message)
    return analysistest.end(env)

failure_test = analysistest.make(
    _failure_test_impl,
    expect_failure = True,
    attrs = {"message": attr.string()},
)

_PKG = "rules/tests"

def _include_case_tests():
    """One test per entry of the #include case table that gen/include's Go test runs too."""
    tests = []
    for i, (value, reason) in enumerate(INCLUDE_CASES):
        lib = "include_case_%d_lib" % i
        cowrap_library(name = lib, srcs = ["a.h"], include_lines = [value], include_srcs = False, tags = ["manual"])
        test = "include_case_%d_test" % i
        if reason:
            failure_test(
                name = test,
                target_under_test = ":%s_gen" % lib,
                message = "cowrap_library //%s:%s: include_lines: bad #include value %r: %s;" % (_PKG, lib, value, reason),
            )
        else:
            action_test(
                name = test,
                target_under_test = ":%s_gen" % lib,
                expected_inputs = ["a.h"],
                expected_out = lib + ".c",
                expected_argv = ["-dialect", "qemu", "-include", value, "-o", "{out}", _PKG + "/a.h"],
            )
        tests.append(":" + test)
    return tests

def cowrap_analysis_test_suite(name):
    """Declares the targets under test and the tests; `name` is a test_suite of all of them.

    Args:
      name: the test_suite.
    """

    # Targets under test are manual: the failing ones must not break `bazel build //...`.
    # Default include_srcs: the headers of srcs (not the .c file) are #included after
    # include_lines, by their path in the repository, and compiled with the output.
    cowrap_library(
        name = "default_lib",
        srcs = ["a.h", "b.h", "c.c"],
        include_lines = ["block/block_int.h", "<stdio.h>"],
        tags = ["manual"],
    )
    action_test(
        name = "default_test",
        target_under_test = ":default_lib_gen",
        expected_inputs = ["a.h", "b.h", "c.c"],
        expected_out = "default_lib.c",
        expected_argv = [
            "-dialect",
            "qemu",
            "-include",
            "block/block_int.h",
            "-include",
            "<stdio.h>",
            "-include-after",
            _PKG + "/a.h",
            "-include-after",
            _PKG + "/b.h",
            "-o",
            "{out}",
            _PKG + "/a.h",
            _PKG + "/b.h",
            _PKG + "/c.c",
        ],
        expected_headers = [_PKG + "/a.h", _PKG + "/b.h"],
    )

    # include_srcs = False: the dialect's #include lines only, as in QEMU's block-gen.c.
    cowrap_library(name = "qemu_identical_lib", srcs = ["a.h"], dialect = "qemu-8.2", include_srcs = False, tags = ["manual"])
    action_test(
        name = "qemu_identical_test",
        target_under_test = ":qemu_identical_lib_gen",
        expected_inputs = ["a.h"],
        expected_out = "qemu_identical_lib.c",
        expected_argv = ["-dialect", "qemu-8.2", "-o", "{out}", _PKG + "/a.h"],
    )

    cowrap_library(
        name = "template_lib",
        srcs = ["a.h"],
        dialect = "qemu-6.2",
        template = "wrapper.tmpl",
        marks = ["rt_blocking=co", "rt_mixed=co_mixed+rdlock"],
        out = "block-gen.c",
        tags = ["manual"],
    )
    action_test(
        name = "template_test",
        target_under_test = ":template_lib_gen",
        expected_inputs = ["a.h", "wrapper.tmpl"],
        expected_out = "block-gen.c",
        expected_argv = [
            "-dialect",
            "qemu-6.2",
            "-include-after",
            _PKG + "/a.h",
            "-template",
            _PKG + "/wrapper.tmpl",
            "-marks",
            "rt_blocking=co,rt_mixed=co_mixed+rdlock",
            "-o",
            "{out}",
            _PKG + "/a.h",
        ],
        expected_headers = [_PKG + "/a.h"],
    )

    # Every flag at once: the whole argv, in the documented order (docs/rules.md, "The action").
    cowrap_library(
        name = "all_flags_lib",
        srcs = ["a.h", "c.c", "b.h"],
        dialect = "qemu-8.0",
        include_lines = ["qemu/osdep.h", "<stdio.h>"],
        template = "wrapper.tmpl",
        marks = ["rt_blocking=co", "rt_close=no_co+wrlock"],
        out = "all-gen.c",
        tags = ["manual"],
    )
    action_test(
        name = "all_flags_test",
        target_under_test = ":all_flags_lib_gen",
        expected_inputs = ["a.h", "b.h", "c.c", "wrapper.tmpl"],
        expected_out = "all-gen.c",
        expected_argv = [
            "-dialect",
            "qemu-8.0",
            "-include",
            "qemu/osdep.h",
            "-include",
            "<stdio.h>",
            "-include-after",
            _PKG + "/a.h",
            "-include-after",
            _PKG + "/b.h",
            "-template",
            _PKG + "/wrapper.tmpl",
            "-marks",
            "rt_blocking=co,rt_close=no_co+wrlock",
            "-o",
            "{out}",
            _PKG + "/a.h",
            _PKG + "/c.c",
            _PKG + "/b.h",
        ],
        expected_headers = [_PKG + "/a.h", _PKG + "/b.h"],
    )

    # Errors name the user's target as written (//pkg:name), not the hidden @@//pkg:name_gen.
    cowrap_library(name = "bad_dialect_lib", srcs = ["a.h"], dialect = "qemu-4.0", tags = ["manual"])
    failure_test(
        name = "bad_dialect_test",
        target_under_test = ":bad_dialect_lib_gen",
        message = "cowrap_library //rules/tests:bad_dialect_lib: unknown dialect \"qemu-4.0\"; valid dialects: qemu, qemu-5.2",
    )

    cowrap_library(name = "empty_srcs_lib", srcs = [], tags = ["manual"])
    failure_test(
        name = "empty_srcs_test",
        target_under_test = ":empty_srcs_lib_gen",
        message = "cowrap_library //rules/tests:empty_srcs_lib: srcs is empty",
    )

    cowrap_library(name = "marks_lib", srcs = ["a.h"], marks = ["rt_blocking"], tags = ["manual"])
    failure_test(
        name = "marks_without_template_test",
        target_under_test = ":marks_lib_gen",
        message = "cowrap_library //rules/tests:marks_lib: marks needs a template",
    )

    # The issue's example: a bare word is not a header.
    cowrap_library(name = "blk_lib", srcs = ["a.h"], include_lines = ["blk"], tags = ["manual"])
    failure_test(
        name = "include_lines_blk_test",
        target_under_test = ":blk_lib_gen",
        message = "cowrap_library //rules/tests:blk_lib: include_lines: bad #include value \"blk\": no header suffix",
    )

    native.test_suite(
        name = name,
        tests = [
            ":default_test",
            ":qemu_identical_test",
            ":template_test",
            ":all_flags_test",
            ":bad_dialect_test",
            ":empty_srcs_test",
            ":marks_without_template_test",
            ":include_lines_blk_test",
        ] + _include_case_tests(),
    )
