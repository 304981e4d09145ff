#include <stdio.h>

#include "cowrap/rt.h"
#include "files/files.h"
#include "net/net.h"

int main(void)
{
    char buf[3];
    long n = files_read(2, buf, sizeof(buf)); /* the template's twin of files_co_read */
    int sent = net_send("hello", 1000);       /* and of net_co_send */
    printf("files_read = %ld (%.3s), net_send = %d in %u coroutine(s)\n", n, buf, sent,
           cowrap_rt_stats.coroutines_created);
    return n == 3 && sent == 1005 && cowrap_rt_stats.coroutines_created == 2 ? 0 : 1;
}
