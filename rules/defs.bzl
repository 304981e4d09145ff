"""Public API of rules_cowrap: `cowrap_library` and `DIALECTS`. Reference: docs/rules.md.

load("@rules_cowrap//rules:defs.bzl", "cowrap_library")
"""

load("//rules/private:cowrap_library.bzl", _cowrap_library = "cowrap_library")
load("//rules/private:dialects.bzl", _DIALECTS = "DIALECTS")

cowrap_library = _cowrap_library

# The generator's dialects; "qemu" is the newest QEMU release.
DIALECTS = _DIALECTS
