"""The generator's dialects. Generated from the release table by tools/update: do not edit."""

# "qemu" is the newest QEMU behaviour.
DIALECTS = [
    "qemu",
    "qemu-5.2",
    "qemu-6.0",
    "qemu-6.1",
    "qemu-6.2",
    "qemu-7.0",
    "qemu-7.1",
    "qemu-7.2",
    "qemu-8.0",
    "qemu-8.1",
    "qemu-8.2",
    "qemu-9.0",
    "qemu-9.1",
    "qemu-9.2",
    "qemu-10.0",
    "qemu-10.1",
    "qemu-10.2",
]
