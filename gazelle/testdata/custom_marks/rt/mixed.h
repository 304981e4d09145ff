void my_co_mixed io_sync(struct io *io);
