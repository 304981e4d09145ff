"""Analysis tests of cowrap_library's generator action (skylib analysistest)."""

load("@bazel_skylib//lib:unittest.bzl", "analysistest", "asserts")
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

    for a in action.argv:
        asserts.false(env, a.startswith("/"), "absolute path in argv: %s" % a)
    for flag in ctx.attr.expected_args:
        asserts.true(env, flag in action.argv, "%r missing from argv %s" % (flag, action.argv))
    asserts.equals(env, [ctx.attr.expected_out], [f.basename for f in action.outputs.to_list()])
    asserts.equals(env, {}, action.env, "the action must not get an environment")
    return analysistest.end(env)

action_test = analysistest.make(
    _action_test_impl,
    attrs = {
        "expected_inputs": attr.label_list(allow_files = True),
        "expected_out": attr.string(),
        "expected_args": attr.string_list(),
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

def cowrap_analysis_test_suite(name):
    """Declares the targets under test and the tests; `name` is a test_suite of all of them."""

    # Targets under test are manual: the failing ones must not break `bazel build //...`.
    cowrap_library(
        name = "default_lib",
        srcs = ["a.h", "b.h"],
        includes = ["block/block_int.h", "<stdio.h>"],
        tags = ["manual"],
    )
    action_test(
        name = "default_test",
        target_under_test = ":default_lib_gen",
        expected_inputs = ["a.h", "b.h"],
        expected_out = "default_lib.c",
        expected_args = ["-dialect", "qemu", "-include", "block/block_int.h", "<stdio.h>", "-o"],
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
        expected_args = ["-dialect", "qemu-6.2", "-template", "-marks", "rt_blocking=co,rt_mixed=co_mixed+rdlock"],
    )

    cowrap_library(name = "bad_dialect_lib", srcs = ["a.h"], dialect = "qemu-4.0", tags = ["manual"])
    failure_test(
        name = "bad_dialect_test",
        target_under_test = ":bad_dialect_lib_gen",
        message = "unknown dialect \"qemu-4.0\"; valid dialects: qemu, qemu-5.2",
    )

    cowrap_library(name = "empty_srcs_lib", srcs = [], tags = ["manual"])
    failure_test(
        name = "empty_srcs_test",
        target_under_test = ":empty_srcs_lib_gen",
        message = "srcs is empty",
    )

    cowrap_library(name = "marks_lib", srcs = ["a.h"], marks = ["rt_blocking"], tags = ["manual"])
    failure_test(
        name = "marks_without_template_test",
        target_under_test = ":marks_lib_gen",
        message = "marks needs a template",
    )

    native.test_suite(
        name = name,
        tests = [":default_test", ":template_test", ":bad_dialect_test", ":empty_srcs_test", ":marks_without_template_test"],
    )
