"""Repository rules for the prebuilt cowrap toolchains and Gazelle (used by //rules:extensions.bzl)."""

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
    if rctx.attr.unavailable:
        # Every exec platform: building a cowrap_library fetches it, which fails with the reason.
        out.append("""
toolchain(
    name = "unavailable",
    toolchain = "@{repo}//:cowrap_toolchain",
    toolchain_type = "{type}",
    visibility = ["//visibility:public"],
)""".format(repo = rctx.attr.unavailable, type = str(Label("//toolchains:toolchain_type"))))
    rctx.file("BUILD.bazel", "\n".join(out) + "\n")

cowrap_toolchains_hub = repository_rule(
    implementation = _hub_repo_impl,
    doc = "The toolchain() targets of the prebuilt binaries (empty without cowrap.prebuilt()).",
    attrs = {
        "version": attr.string(),
        "repos": attr.string_dict(doc = "release platform (GOOS_GOARCH) -> repository name"),
        "unavailable": attr.string(doc = "a cowrap_unavailable_repo that takes every exec platform"),
    },
)

def _host_platform(rctx):
    """The release platform name (GOOS_GOARCH) of the machine Bazel runs on, or "" if unknown."""
    name = rctx.os.name.lower()
    goos = ""
    if name.startswith("linux"):
        goos = "linux"
    elif name.startswith("mac") or name.startswith("darwin"):
        goos = "darwin"
    elif name.startswith("windows"):
        goos = "windows"
    goarch = {"amd64": "amd64", "x86_64": "amd64", "aarch64": "arm64", "arm64": "arm64"}.get(rctx.os.arch, "")
    if not goos or not goarch:
        return ""
    return goos + "_" + goarch

def _gazelle_repo_impl(rctx):
    # `bazel run` runs Gazelle on this machine, so only its platform's binary is fetched.
    host = _host_platform(rctx) or "%s %s" % (rctx.os.name, rctx.os.arch)
    if rctx.attr.fail:
        fail(rctx.attr.fail)
    if host in rctx.attr.urls:
        # In bin/, so that the file and the alias //:gazelle have different names.
        rctx.download_and_extract(url = rctx.attr.urls[host], sha256 = rctx.attr.sha256[host], output = "bin")
        binary = "bin/" + rctx.attr.binary[host]
        if not rctx.path(binary).exists:
            fail("rules_cowrap: %s has no file %s" % (rctx.attr.urls[host], binary))
        rctx.file("BUILD.bazel", """\
# The prebuilt Gazelle with the cowrap language of cowrap {version}, for {host}.
alias(
    name = "gazelle",
    actual = "{binary}",
    visibility = ["//visibility:public"],
)

exports_files(["{binary}"])
""".format(version = rctx.attr.version, host = host, binary = binary))
        return

    # The fallback: Gazelle built from source, which needs a Go SDK (the message says why).
    if rctx.attr.version:
        why = "cowrap %s has no prebuilt Gazelle for %s (it has: %s)" % (
            rctx.attr.version,
            host,
            ", ".join(sorted(rctx.attr.urls)) or "none",
        )
    else:
        why = "cowrap.prebuilt() is not in MODULE.bazel"

    # buildifier: disable=print (the user is told once, at fetch time, why Go is needed)
    print("rules_cowrap: %s; Gazelle is built from source (rules_go and a Go SDK)" % why)
    rctx.file("BUILD.bazel", """\
# {why}: Gazelle built from source.
alias(
    name = "gazelle",
    actual = "{source}",
    visibility = ["//visibility:public"],
)
""".format(why = why, source = str(rctx.attr.from_source)))

cowrap_gazelle_repo = repository_rule(
    implementation = _gazelle_repo_impl,
    doc = "`//:gazelle`: the released Gazelle (cowrap language) for the host, checked by sha256, " +
          "or `from_source` where none is released; fetched only when a Gazelle runner is built.",
    attrs = {
        "version": attr.string(doc = "the release (empty without cowrap.prebuilt())"),
        "urls": attr.string_dict(doc = "release platform (GOOS_GOARCH) -> archive URL"),
        "sha256": attr.string_dict(doc = "release platform -> the archive's sha256"),
        "binary": attr.string_dict(doc = "release platform -> Gazelle's path in the archive"),
        "from_source": attr.label(mandatory = True, doc = "the gazelle_binary of the fallback"),
        "fail": attr.string(doc = "if set, fetching fails with this message"),
    },
)

def _unavailable_repo_impl(rctx):
    fail(rctx.attr.message)

cowrap_unavailable_repo = repository_rule(
    implementation = _unavailable_repo_impl,
    doc = "Fails with `message` when fetched: the toolchain of a cowrap.prebuilt() that cannot " +
          "be honoured, so only the targets that need the generator fail.",
    attrs = {"message": attr.string(mandatory = True)},
)
