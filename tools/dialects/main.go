// Command dialects prints the release table of gen/dialect (the one home of
// the release facts) in the formats this repository's generated files and
// scripts read:
//
//	go run ./tools/dialects -format=tsv   the release list of scripts/qemu-lib.sh
//	go run ./tools/dialects -format=md    the dialect tables of README.md and docs/dialects.md
//	go run ./tools/dialects -format=bzl   rules/private/dialects.bzl
//
// tools/update writes the generated files with it; the user's view is
// `cowrap -list-dialects`. Exit status: 0 ok, 2 usage.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("dialects", flag.ContinueOnError)
	fs.SetOutput(stderr)
	format := fs.String("format", "", "`tsv`, md or bzl")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	write, ok := formats[*format]
	if !ok || fs.NArg() > 0 {
		fmt.Fprintf(stderr, "usage: dialects -format=F, F one of %s\n", strings.Join(formatNames(), ", "))
		return 2
	}
	write(stdout)
	return 0
}
