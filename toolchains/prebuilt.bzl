"""Repository rules for the prebuilt cowrap toolchains (used by //rules:extensions.bzl)."""

# Go's GOOS/GOARCH (the release's platform names, tools/release) -> @platforms constraints.
_OS = {"darwin": "macos", "linux": "linux", "windows": "windows"}
_CPU = {"amd64": "x86_64", "arm64": "aarch64"}

def exec_constraints(platform):
    """The exec constraints of a release platform.

    Args:
      platform: a release platform name, "GOOS_GOARCH" (tools/release), e.g. "linux_amd64".

    Returns:
      ["@platforms//os:..", "@platforms//cpu:.."] as canonical label strings.
    """
    goos, _, goarch = platform.partition("_")
    if goos not in _OS or goarch not in _CPU:
        fail("rules_cowrap: no exec constraints known for release platform %r (known: %s x %s)" % (
            platform,
            sorted(_OS),
            sorted(_CPU),
        ))
    return [
        str(Label("@platforms//os:" + _OS[goos])),
        str(Label("@platforms//cpu:" + _CPU[goarch])),
    ]

def _binary_repo_impl(rctx):
    # sha256 is mandatory: download_and_extract fails on a mismatch, naming both digests.
    rctx.download_and_extract(url = rctx.attr.urls, sha256 = rctx.attr.sha256)
    if not rctx.path(rctx.attr.binary).exists:
        fail("rules_cowrap: %s has no file %s" % (rctx.attr.urls[0], rctx.attr.binary))
    rctx.file("BUILD.bazel", """\
load("{bzl}", "cowrap_toolchain")

cowrap_toolchain(
    name = "cowrap_toolchain",
    cowrap = "{binary}",
    kind = "prebuilt",
    visibility = ["//visibility:public"],
)
""".format(bzl = str(Label("//toolchains:toolchain.bzl")), binary = rctx.attr.binary))

cowrap_binary_repo = repository_rule(
    implementation = _binary_repo_impl,
    doc = "One released cowrap archive, checked by sha256; fetched only when its toolchain is selected.",
    attrs = {
        "urls": attr.string_list(mandatory = True),
        "sha256": attr.string(mandatory = True),
        "binary": attr.string(mandatory = True, doc = "the generator's path in the archive"),
    },
)

def _hub_repo_impl(rctx):
    # Only toolchain() targets: their `toolchain` labels are followed (and the binary repositories
    # fetched) only for the toolchain that resolution selects.
    out = ["# Prebuilt cowrap toolchains, cowrap %s (written by rules_cowrap's cowrap extension)." % (
        rctx.attr.version or "(none: cowrap.prebuilt() was not called)"
    )]
    for platform, repo in sorted(rctx.attr.repos.items()):
        out.append("""
toolchain(
    name = "{platform}",
    exec_compatible_with = {constraints},
    toolchain = "@{repo}//:cowrap_toolchain",
    toolchain_type = "{type}",
    visibility = ["//visibility:public"],
)""".format(
            platform = platform,
            constraints = repr(exec_constraints(platform)),
            repo = repo,
            type = str(Label("//toolchains:toolchain_type")),
        ))
    rctx.file("BUILD.bazel", "\n".join(out) + "\n")

cowrap_toolchains_hub = repository_rule(
    implementation = _hub_repo_impl,
    doc = "The toolchain() targets of the prebuilt binaries (empty without cowrap.prebuilt()).",
    attrs = {
        "version": attr.string(),
        "repos": attr.string_dict(doc = "release platform (GOOS_GOARCH) -> repository name"),
    },
)
