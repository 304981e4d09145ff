"""The check of #include values, as gen/include does it in Go (same messages).

Both run the case table //gen/include:testdata/cases.bzl (Go test and //rules/tests).
"""

# File name endings of a quoted header, as Bazel's C++ rules recognise headers.
HEADER_SUFFIXES = [".h", ".hh", ".hpp", ".ipp", ".hxx", ".h++", ".inc", ".inl", ".tlh", ".tli", ".H", ".tcc"]

_WHITE_SPACE = [" ", "\t", "\n", "\r", "\013", "\014"]

def is_header(path):
    """Whether a file name ends in a header suffix.

    Args:
      path: a file name or path.

    Returns:
      True for a header.
    """
    for s in HEADER_SUFFIXES:
        if path.endswith(s) and len(path) > len(s) and not path.endswith("/" + s):
            return True
    return False

def _reason(h):
    if h == "":
        return "empty"
    for c in _WHITE_SPACE:
        if c in h:
            return "contains white space"
    if "\"" in h or "\\" in h:
        return "contains a quote or backslash"
    if h.startswith("<") or h.endswith(">"):
        if not (len(h) >= 2 and h.startswith("<") and h.endswith(">")):
            return "unbalanced < >"
        inner = h[1:-1]
        if inner == "" or "<" in inner or ">" in inner:
            return "bad name between < >"
        return ""
    if "<" in h or ">" in h:
        return "unbalanced < >"
    if h.startswith("/"):
        return "absolute path"
    if not is_header(h):
        return "no header suffix (.h, .hh, .hpp, ...)"
    return ""

def include_error(h):
    """The error for an #include value, or "" when it is valid.

    Args:
      h: a header: a relative path ending in a header suffix, or <name>.

    Returns:
      The message of gen/include.Check, or "".
    """
    r = _reason(h)
    if not r:
        return ""
    return "bad #include value %r: %s; want a relative header path such as \"block/block_int.h\" or a system header such as \"<stdio.h>\"" % (h, r)
