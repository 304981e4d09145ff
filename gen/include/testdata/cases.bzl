"""#include values and what the validators say about them.

Read by gen/include's Go test (the CLI's -include and Gazelle's cowrap_include) and by
//rules/tests (the rule's include_lines): all three must agree. Each entry is
(value, reason): reason "" means valid, otherwise it is the reason the error message gives.
"""

INCLUDE_CASES = [
    ("qemu/osdep.h", ""),
    ("block/block_int.h", ""),
    ("a.h", ""),
    ("a.hh", ""),
    ("a.hpp", ""),
    ("a.ipp", ""),
    ("a.hxx", ""),
    ("a.h++", ""),
    ("a.inc", ""),
    ("a.inl", ""),
    ("a.tlh", ""),
    ("a.tli", ""),
    ("a.H", ""),
    ("a.tcc", ""),
    ("../up/a.h", ""),
    ("<stdio.h>", ""),
    ("<cstdio>", ""),
    ("<sys/types.h>", ""),
    ("", "empty"),
    ("blk", "no header suffix (.h, .hh, .hpp, ...)"),
    ("block/block_int", "no header suffix (.h, .hh, .hpp, ...)"),
    ("a.c", "no header suffix (.h, .hh, .hpp, ...)"),
    (".h", "no header suffix (.h, .hh, .hpp, ...)"),
    ("dir/.h", "no header suffix (.h, .hh, .hpp, ...)"),
    ("/usr/include/stdio.h", "absolute path"),
    ("a b.h", "contains white space"),
    ("a.h\n", "contains white space"),
    ("\"a.h\"", "contains a quote or backslash"),
    ("a\\b.h", "contains a quote or backslash"),
    ("<stdio.h", "unbalanced < >"),
    ("stdio.h>", "unbalanced < >"),
    ("a<b.h", "unbalanced < >"),
    ("<>", "bad name between < >"),
    ("<a<b>", "bad name between < >"),
]
