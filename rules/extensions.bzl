"""Module extension `cowrap`: prebuilt generator toolchains and Gazelle, so a C project builds no Go.

```starlark
cowrap = use_extension("@rules_cowrap//rules:extensions.bzl", "cowrap")
cowrap.prebuilt(version = "0.1.0")  # optional base_url = "https://mirror.example/rules_cowrap"
```

Each release archive is checked against the sha256 in toolchains/integrity.json, which the
release script (tools/release) writes. rules_cowrap registers the prebuilt toolchains before the
from-source one, so an exec platform without a prebuilt binary builds the generator from source.
The release's Gazelle (the cowrap language) is what `cowrap_gazelle` from
`@rules_cowrap//gazelle/runner:defs.bzl` runs; on a host without one, and without
`cowrap.prebuilt`, that builds Gazelle from source.
"""

load(
    "//toolchains:prebuilt.bzl",
    "cowrap_binary_repo",
    "cowrap_gazelle_repo",
    "cowrap_toolchains_hub",
    "cowrap_unavailable_repo",
)

# The default `base_url` of `cowrap.prebuilt`: this repository's GitHub releases.
DEFAULT_BASE_URL = "https://github.com/cowrap/rules_cowrap/releases/download"

_prebuilt = tag_class(
    doc = "Use the released binaries of `version`: the generator toolchain, and the Gazelle " +
          "that `cowrap_gazelle` runs.",
    attrs = {
        "version": attr.string(
            doc = "A release of rules_cowrap listed in its toolchains/integrity.json; default: " +
                  "the version of the rules_cowrap module in use (as from the Bazel Central Registry).",
        ),
        "base_url": attr.string(
            default = DEFAULT_BASE_URL,
            doc = "Where the release assets are: `BASE_URL/TAG/ARCHIVE`, as on the release page. " +
                  "A mirror with the same layout serves air-gapped builds.",
        ),
    },
)

# What every message about an unusable cowrap.prebuilt() ends with.
_FROM_SOURCE_HINT = "remove cowrap.prebuilt(...) from MODULE.bazel to build the generator and Gazelle from source"

def _cowrap_impl(mctx):
    integrity = json.decode(mctx.read(Label("//toolchains:integrity.json")))
    own_version = ""
    tag = None
    tag_module = None
    for mod in mctx.modules:  # the root module first: its tag wins
        if mod.name == "rules_cowrap":
            own_version = mod.version
        for t in mod.tags.prebuilt:
            if tag == None:
                tag, tag_module = t, mod.name
    repos = {}
    version = ""
    problem = ""
    gazelle = {"urls": {}, "sha256": {}, "binary": {}}
    if tag:
        version = tag.version or own_version
        known = ", ".join(sorted(integrity)) or "(none yet)"
        if not version:
            problem = "cowrap.prebuilt() in module %s: no version given, and rules_cowrap has none (git_override or local_path_override); set version = one of: %s; or %s" % (
                tag_module,
                known,
                _FROM_SOURCE_HINT,
            )
        elif version not in integrity:
            problem = "cowrap.prebuilt(version = %r) in module %s: no such release in rules_cowrap's toolchains/integrity.json; known: %s; or %s" % (
                version,
                tag_module,
                known,
                _FROM_SOURCE_HINT,
            )
    if problem:
        # Only what needs the generator or Gazelle fails (when fetched), with this message.
        cowrap_unavailable_repo(name = "cowrap_unavailable", message = problem)
    elif tag:
        release = integrity[version]
        base = tag.base_url.rstrip("/")
        for platform, asset in sorted(release["assets"].items()):
            name = "cowrap_" + platform
            cowrap_binary_repo(
                name = name,
                urls = ["%s/%s/%s" % (base, release["tag"], asset["archive"])],
                sha256 = asset["sha256"],
                binary = asset["binary"],
            )
            repos[platform] = name
        for platform, asset in release.get("gazelle", {}).items():
            gazelle["urls"][platform] = "%s/%s/%s" % (base, release["tag"], asset["archive"])
            gazelle["sha256"][platform] = asset["sha256"]
            gazelle["binary"][platform] = asset["binary"]
    cowrap_toolchains_hub(
        name = "cowrap_toolchains",
        version = version,
        repos = repos,
        unavailable = "cowrap_unavailable" if problem else "",
    )
    cowrap_gazelle_repo(
        name = "cowrap_gazelle",
        version = version,
        from_source = Label("//gazelle/runner:from_source"),
        fail = problem,
        **gazelle
    )

cowrap = module_extension(
    implementation = _cowrap_impl,
    doc = "Prebuilt cowrap generator toolchains and Gazelle from rules_cowrap's release assets.",
    tag_classes = {"prebuilt": _prebuilt},
)
