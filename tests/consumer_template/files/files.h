#ifndef FILES_FILES_H
#define FILES_FILES_H

#include "qemu/coroutine.h"

/* The project's mark: cowrap writes a blocking twin of each function declared with it. */
#define rt_blocking

long coroutine_fn files_co_read(int fd, char *buf, long len);
long rt_blocking files_read(int fd, char *buf, long len);

#endif /* FILES_FILES_H */
