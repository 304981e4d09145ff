ssize_t rt_blocking rt_read(struct rt_file *f, void *buf, size_t len);
