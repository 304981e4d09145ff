#ifndef NET_NET_H
#define NET_NET_H

#include "qemu/coroutine.h"

/* The project's mark: cowrap writes a blocking twin of each function declared with it. */
#define rt_blocking

int coroutine_fn net_co_send(const char *msg, int port);
int rt_blocking net_send(const char *msg, int port);

#endif /* NET_NET_H */
