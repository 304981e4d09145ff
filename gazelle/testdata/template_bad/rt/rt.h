int rt_co rt_read(int fd);
