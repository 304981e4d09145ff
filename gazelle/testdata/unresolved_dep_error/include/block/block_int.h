/* The header every generated file includes. */
#ifndef BLOCK_INT_H
#define BLOCK_INT_H
typedef struct BlockDriverState BlockDriverState;
typedef struct BdrvChild BdrvChild;
#endif
