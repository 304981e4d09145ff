"""Constants."""

DEFAULT = "fast"
