"""Implementation."""

load(":more.bzl", "DEFAULT")

Info = provider(
    doc = "What a tool gives.",
    fields = {
        "path": "The tool's " + "path.",
        "kind": "`a|b`.",
    },
)

def lib(name, srcs, mode = DEFAULT, *, extra = {"k": 1}, **kwargs):
    """Makes a library.

    More text, with a list:

    - one
    - two

    Args:
      name: the target.
      srcs: the sources,
        over two lines.
      mode: how.
      extra: more.
      **kwargs: passed on.

    Returns:
      nothing.
    """
    native.filegroup(name = name, srcs = srcs, tags = [mode] + list(extra), **kwargs)

def _impl(ctx):
    return [DefaultInfo(files = depset(ctx.files.src))]

_URL = "https://example.com"

tool = rule(
    implementation = _impl,
    doc = "A tool.",
    attrs = {
        "src": attr.label(mandatory = True, allow_single_file = True, doc = "The source."),
        "url": attr.string(default = _URL, doc = "Where from."),
        "mode": attr.string(values = ["x", "y"], doc = "The mode."),
        "n": attr.int(doc = "How many."),
        "_hidden": attr.label(default = "//x"),
    },
)
