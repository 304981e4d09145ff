int rt_co d_e_read(int fd);
