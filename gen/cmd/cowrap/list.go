package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// listDialects prints the release table for a user. The views that this
// repository's generated files and scripts read are tools/dialects'.
func listDialects(w io.Writer) {
	newest, _ := dialect.Lookup(dialect.Default)
	fmt.Fprintf(w, "%-10s %-8s %-6s %s\n", "DIALECT", "QEMU", "FAMILY", "MARKS")
	for _, d := range dialect.All() {
		fmt.Fprintf(w, "%-10s %-8s %-6s %s\n", d.Name, d.Release, d.ID, strings.Join(d.MarkNames(), " "))
	}
	fmt.Fprintf(w, "%-10s = %s (the default)\n", dialect.Default, newest.Name)
}
