/* Forward declarations so headers can name each other's types freely. */
#ifndef QEMU_TYPEDEFS_H
#define QEMU_TYPEDEFS_H

typedef struct AioContext AioContext;
typedef struct BdrvChild BdrvChild;
typedef struct BlockBackend BlockBackend;
typedef struct BlockDriver BlockDriver;
typedef struct BlockDriverState BlockDriverState;
typedef struct Coroutine Coroutine;
typedef struct Error Error;
typedef struct QDict QDict;
typedef struct QEMUIOVector QEMUIOVector;
typedef struct QemuOpts QemuOpts;

#endif /* QEMU_TYPEDEFS_H */
