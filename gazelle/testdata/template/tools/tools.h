int rt_co tools_read(int fd);
