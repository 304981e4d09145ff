package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestFormats(t *testing.T) {
	for _, tc := range []struct {
		args         []string
		code         int
		prefix, want string // stdout's start, and a part of stdout or stderr
	}{
		{[]string{"-format=bzl"}, 0, `"""The generator's dialects.`, "DIALECTS = [\n    \"qemu\",\n    \"qemu-5.2\",\n"},
		{[]string{"-format=tsv"}, 0, tsvHeader + "\n", "qemu-5.2\tv5.2.0\t553032db17440f8de011390e5a1cfddd13751b0b\tA1\t1afef639"},
		{[]string{"-format=md"}, 0, "| dialect | QEMU release | script family | marks accepted |\n", "| qemu-8.2 | v8.2.0 | B3 | as B2 plus `no_co_wrapper_bdrv_rdlock`, `no_co_wrapper_bdrv_wrlock` |"},
		{[]string{"-format=yaml"}, 2, "", "usage: dialects -format=F, F one of bzl, md, tsv"},
		{nil, 2, "", "usage: dialects -format=F"},
		{[]string{"-format=tsv", "extra"}, 2, "", "usage: dialects -format=F"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(tc.args, &stdout, &stderr)
		if code != tc.code || !strings.HasPrefix(stdout.String(), tc.prefix) ||
			!strings.Contains(stdout.String()+stderr.String(), tc.want) {
			t.Errorf("dialects %q: exit %d, stdout:\n%s\nstderr: %s", tc.args, code, stdout.String(), stderr.String())
		}
	}
}
