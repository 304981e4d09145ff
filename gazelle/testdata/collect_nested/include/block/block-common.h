/* co_wrapper marks appear only in comments here */
#define co_wrapper
