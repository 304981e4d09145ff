"""An extension."""

_tag = tag_class(
    doc = "One tag.",
    attrs = {"version": attr.string(doc = "A version.")},
)

def _ext_impl(mctx):
    return mctx.extension_metadata(reproducible = True)

ext = module_extension(
    implementation = _ext_impl,
    doc = "The extension.",
    tag_classes = {"use": _tag},
)
