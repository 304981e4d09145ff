int rt_co d_read(int fd);
