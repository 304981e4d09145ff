/*
 * demo_test DEMO EXPECTED: runs the demo binary and compares what it prints
 * with the file EXPECTED (demo.out), so the trace stays deterministic and
 * the README's excerpt of it stays true. To update demo.out:
 *   tools/bazel run //examples:demo > examples/demo.out
 */
#define _POSIX_C_SOURCE 200809L /* popen */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reads all of f into a NUL-terminated buffer; NULL on error. */
static char *slurp(FILE *f)
{
    size_t len = 0, cap = 4096;
    char *buf = malloc(cap);

    while (buf) {
        len += fread(buf + len, 1, cap - len - 1, f);
        if (ferror(f)) {
            break;
        }
        if (feof(f)) {
            buf[len] = '\0';
            return buf;
        }
        if (cap - len < 2) {
            char *more = realloc(buf, cap * 2);
            if (!more) {
                break;
            }
            buf = more;
            cap *= 2;
        }
    }
    free(buf);
    return NULL;
}

static int line_len(const char *s)
{
    return (int)strcspn(s, "\n");
}

int main(int argc, char **argv)
{
    FILE *demo, *expected_file;
    char *got, *want;
    int status, line = 1;
    size_t i, start;

    if (argc != 3) {
        fprintf(stderr, "usage: %s DEMO EXPECTED\n", argv[0]);
        return 2;
    }
    demo = popen(argv[1], "r");
    expected_file = fopen(argv[2], "r");
    if (!demo || !expected_file) {
        perror("demo_test");
        return 1;
    }
    got = slurp(demo);
    status = pclose(demo);
    want = slurp(expected_file);
    fclose(expected_file);
    if (!got || !want) {
        fprintf(stderr, "demo_test: read error\n");
        return 1;
    }
    if (status != 0) {
        fprintf(stderr, "demo_test: %s failed (status %d)\n", argv[1], status);
        return 1;
    }
    for (i = start = 0; got[i] && got[i] == want[i]; i++) {
        if (got[i] == '\n') {
            line++;
            start = i + 1;
        }
    }
    if (got[i] != want[i]) {
        fprintf(stderr, "demo_test: output differs from %s at line %d\n"
                "got:  %.*s\nwant: %.*s\n", argv[2], line,
                line_len(got + start), got + start,
                line_len(want + start), want + start);
        return 1;
    }
    printf("demo_test: %d lines as expected\n", line - 1);
    return 0;
}
