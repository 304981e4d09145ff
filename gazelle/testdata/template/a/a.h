int rt_co a_read(int fd);
