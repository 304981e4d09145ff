"""A project's own wrapper macro around cowrap_library (the map_kind golden case)."""

load("@rules_cowrap//rules:defs.bzl", "cowrap_library")

def my_cowrap_library(**kwargs):
    cowrap_library(copts = ["-Wall"], **kwargs)
