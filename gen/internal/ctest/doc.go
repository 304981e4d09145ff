// Package ctest holds only tests: they compile what the generator writes for
// each golden fixture (gen/testdata/golden/*) with gcc against the C test
// runtime (runtime/) and that fixture's test_main.c, then run the result.
//
// The C compiler is $CC, else gcc. A missing compiler fails the tests unless
// COWRAP_SKIP_CC=1.
package ctest
