int rt_co c_read(int fd);
