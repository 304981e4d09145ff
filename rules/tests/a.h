/* analysis-test input */
int co_wrapper a(void);
