/* analysis-test input */
int co_wrapper b(void);
