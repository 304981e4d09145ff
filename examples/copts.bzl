"""Compiler options of the example C code (C11, warnings are errors)."""

COPTS = [
    "-std=c11",
    "-Wall",
    "-Wextra",
    "-Werror",
]
