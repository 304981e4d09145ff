"""The rules: `cowrap_library` and the list of dialects.

```starlark
load("@rules_cowrap//rules:defs.bzl", "cowrap_library")
```

Setup: see the README's [installation section](../README.md#installation). A module needs a
`bazel_dep` on rules_cowrap (with an override, as it is not in the Bazel Central Registry yet),
gazelle and rules_cc, and nothing Go-specific; Bazel >= 7 with Bzlmod. rules_cowrap brings
rules_go, Gazelle, rules_cc, bazel_skylib and platforms. The generator comes from toolchain
resolution (`@rules_cowrap//toolchains:toolchain_type`): a released binary with
[`cowrap.prebuilt()`](#cowrap), otherwise, and on an exec platform without a released binary,
a pure Go binary built for the exec platform with whatever Go SDK your module graph registers
(rules_go's default one if you register none).
"""

load("//rules/private:cowrap_library.bzl", _cowrap_library = "cowrap_library")
load("//rules/private:dialects.bzl", _DIALECTS = "DIALECTS")

cowrap_library = _cowrap_library

# The generator's dialects, the values of `cowrap_library`'s `dialect`: `"qemu"` (the newest QEMU
# release) and `"qemu-X.Y"` for each release of [the dialect table](dialects.md).
DIALECTS = _DIALECTS
