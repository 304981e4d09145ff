/* No mark at all: never lexed. */
int bdrv_plain(int x);
