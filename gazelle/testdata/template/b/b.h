int rt_co b_read(int fd);
