/* Shared between the runtime's own .c files; not for users. */
#ifndef COWRAP_RT_INTERNAL_H
#define COWRAP_RT_INTERNAL_H

#include "block/aio.h"

/* Context whose bottom half is being dispatched, or NULL. */
AioContext *cowrap_dispatch_ctx(void);

#endif /* COWRAP_RT_INTERNAL_H */
