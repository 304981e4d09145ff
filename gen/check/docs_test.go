package check

import (
	"os"
	"regexp"
	"strconv"
	"testing"
)

// TestDocsStateMaxInput keeps the input bound the docs state equal to
// MaxInput, its one place: every figure in MiB in these files is that bound,
// and each states it.
func TestDocsStateMaxInput(t *testing.T) {
	want := MaxInput >> 20
	mib := regexp.MustCompile(`(\d+)\s+MiB\b`)
	for _, name := range []string{"../../README.md", "../../docs/dialects.md"} {
		doc, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		found := mib.FindAllSubmatch(doc, -1)
		if len(found) == 0 {
			t.Errorf("%s states no input bound (%d MiB, gen/check.MaxInput)", name, want)
		}
		for _, m := range found {
			if n, _ := strconv.Atoi(string(m[1])); n != want {
				t.Errorf("%s says %q; the input bound is %d MiB (gen/check.MaxInput)", name, m[0], want)
			}
		}
	}
}
