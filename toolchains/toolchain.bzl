"""`cowrap_toolchain`: the generator binary that `cowrap_library` runs, chosen by toolchain resolution.

Two kinds are registered (MODULE.bazel of rules_cowrap; README, "Prebuilt generator"):

- prebuilt: one released binary per exec platform, set up by `cowrap.prebuilt()` from
  `//rules:extensions.bzl` (no Go toolchain needed);
- from source: `//gen/cmd/cowrap` built with rules_go, the fallback for any exec platform.
"""

# The toolchain type of the generator: a rule that runs cowrap lists it in `toolchains` and takes
# `ctx.toolchains[COWRAP_TOOLCHAIN_TYPE].cowrap` (a `CowrapToolchainInfo`).
COWRAP_TOOLCHAIN_TYPE = Label("//toolchains:toolchain_type")

CowrapToolchainInfo = provider(
    doc = "The cowrap generator of a toolchain.",
    fields = {
        "cowrap": "FilesToRunProvider: the generator, built or fetched for the exec platform",
        "kind": "\"prebuilt\" or \"source\", for messages and tests",
    },
)

def _cowrap_toolchain_impl(ctx):
    cowrap = ctx.attr.cowrap[DefaultInfo].files_to_run
    if not cowrap or not cowrap.executable:
        fail("cowrap_toolchain %s: cowrap %s is not an executable" % (ctx.label, ctx.attr.cowrap.label))
    info = CowrapToolchainInfo(cowrap = cowrap, kind = ctx.attr.kind)
    return [
        platform_common.ToolchainInfo(cowrap = info),
        DefaultInfo(files = depset([cowrap.executable])),
    ]

cowrap_toolchain = rule(
    implementation = _cowrap_toolchain_impl,
    doc = "A cowrap generator for toolchain resolution; wrap it in `toolchain()` with " +
          "`toolchain_type = \"@rules_cowrap//toolchains:toolchain_type\"`.",
    attrs = {
        "cowrap": attr.label(
            mandatory = True,
            executable = True,
            allow_files = True,
            # Built (or picked) for the exec platform of the action that runs it.
            cfg = "exec",
            doc = "The generator: a go_binary of //gen/cmd/cowrap or a prebuilt file.",
        ),
        "kind": attr.string(
            mandatory = True,
            values = ["prebuilt", "source"],
            doc = "Where the generator comes from: a released binary or a build from source. " +
                  "Becomes `CowrapToolchainInfo.kind`, for messages and tests.",
        ),
    },
    provides = [platform_common.ToolchainInfo],
)
