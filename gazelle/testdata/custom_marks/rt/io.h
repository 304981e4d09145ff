long my_co io_read(struct io *io, char *buf, unsigned long len);
long io_co_read(struct io *io, char *buf, unsigned long len);
