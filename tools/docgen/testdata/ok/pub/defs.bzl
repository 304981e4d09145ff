"""Test entry: re-exports from lib/."""

load("//pub/lib:impl.bzl", _Info = "Info", _lib = "lib", _tool = "tool")

lib = _lib

tool = _tool

Info = _Info

# A constant, documented by this comment.
NAMES = ["a", "b"]
