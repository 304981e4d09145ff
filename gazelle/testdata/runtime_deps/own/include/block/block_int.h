/* this repository's own block_int.h */
