"""`cowrap_gazelle`: run Gazelle with the cowrap language, prebuilt, so a C project compiles no Go.

In the root `BUILD.bazel`:

```starlark
load("@rules_cowrap//gazelle/runner:defs.bzl", "cowrap_gazelle")

cowrap_gazelle(name = "gazelle")
```

`bazel run //:gazelle` then runs the Gazelle binary that `cowrap.prebuilt(...)` (from
`@rules_cowrap//rules:extensions.bzl`) fetched for this machine: no Go SDK, no Go compile. Where
there is none (no `cowrap.prebuilt`, or a host the release has no binary for), it is Gazelle built
from source with rules_go, and the fetch prints why.
"""

def _runner_impl(ctx):
    gazelle = ctx.executable.gazelle

    # The runner is the binary itself (no shell script): `bazel run` sets
    # BUILD_WORKSPACE_DIRECTORY, where Gazelle starts, and passes `args` and the command line.
    out = ctx.actions.declare_file(ctx.label.name + (".exe" if gazelle.basename.endswith(".exe") else ""))
    ctx.actions.symlink(output = out, target_file = gazelle, is_executable = True)
    return [DefaultInfo(
        executable = out,
        files = depset([out]),
        runfiles = ctx.runfiles([gazelle]).merge(ctx.attr.gazelle[DefaultInfo].default_runfiles),
    )]

_cowrap_gazelle_runner = rule(
    implementation = _runner_impl,
    executable = True,
    attrs = {
        "gazelle": attr.label(
            mandatory = True,
            executable = True,
            allow_single_file = True,
            # `bazel run` runs it on this machine.
            cfg = "target",
        ),
    },
)

def cowrap_gazelle(name, args = [], **kwargs):
    """A target that `bazel run` runs as Gazelle with the cowrap language only.

    It takes the same flags as `bazel run //:gazelle` of `@gazelle//:def.bzl`'s `gazelle` rule
    (`-mode=diff`, `-repo_root`, a command such as `fix`, directories) and reads the same
    directives. Differences: `args` always come first (a command on the command line does not
    replace them), and it sets no `GOROOT` and passes no `-repo_config` (the Go language, which
    needs them, is not in this Gazelle). It is tagged `manual`, so `bazel build //...` neither
    fetches nor builds it.

    Args:
      name: the target's name, usually "gazelle".
      args: arguments before those of the command line, e.g. `["-mode=diff"]` for a checker.
      **kwargs: common attributes (`visibility`, `tags`, ...).
    """
    tags = kwargs.pop("tags", [])
    _cowrap_gazelle_runner(
        name = name,
        args = args,
        gazelle = Label("@cowrap_gazelle//:gazelle"),
        tags = tags + ([] if "manual" in tags else ["manual"]),
        **kwargs
    )
