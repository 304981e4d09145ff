/* analysis-test input: a marked declaration in a C file (never #included) */
int co_wrapper c(void);
