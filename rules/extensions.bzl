"""Module extension `cowrap`: prebuilt generator toolchains, so a C project builds no Go.

```starlark
cowrap = use_extension("@rules_cowrap//rules:extensions.bzl", "cowrap")
cowrap.prebuilt(version = "0.1.0")  # optional base_url = "https://mirror.example/rules_cowrap"
```

Each release archive is checked against the sha256 in toolchains/integrity.json, which the
release script (tools/release) writes. rules_cowrap registers the prebuilt toolchains before the
from-source one, so an exec platform without a prebuilt binary builds the generator from source.
"""

load("//toolchains:prebuilt.bzl", "cowrap_binary_repo", "cowrap_toolchains_hub")

# The default `base_url` of `cowrap.prebuilt`: this repository's GitHub releases.
DEFAULT_BASE_URL = "https://github.com/cowrap/rules_cowrap/releases/download"

_prebuilt = tag_class(
    doc = "Use the released cowrap binaries of `version` as the generator toolchain.",
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
    if tag:
        version = tag.version or own_version
        if not version:
            fail("cowrap.prebuilt() in module %s: no version given, and rules_cowrap has none (git_override or local_path_override); set version = one of: %s" % (
                tag_module,
                ", ".join(sorted(integrity)) or "(none yet)",
            ))
        if version not in integrity:
            fail("cowrap.prebuilt(version = %r) in module %s: no such release in rules_cowrap's toolchains/integrity.json; known: %s" % (
                version,
                tag_module,
                ", ".join(sorted(integrity)) or "(none yet)",
            ))
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
    cowrap_toolchains_hub(name = "cowrap_toolchains", version = version, repos = repos)

cowrap = module_extension(
    implementation = _cowrap_impl,
    doc = "Prebuilt cowrap generator toolchains from rules_cowrap's release assets.",
    tag_classes = {"prebuilt": _prebuilt},
)
