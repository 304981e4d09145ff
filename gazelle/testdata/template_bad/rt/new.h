int rt_co rt_write(int fd);
