package dialect

import (
	"strings"
	"testing"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// TestReadGeneral reads declarations with the general grammar and custom
// marks: "kind/lock W->T S ret=R" per wrapper, one line per finding.
func TestReadGeneral(t *testing.T) {
	known, err := marks.Parse("rt_blocking,rt_mixed=co_mixed+rdlock,rt_main=no_co")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ src, want string }{
		{"ssize_t rt_blocking rt_read(struct rt_file *f, void *buf, size_t len);", "co/ rt_read->rt_co_read RtRead ret=ssize_t"},
		{"extern const char * coroutine_fn rt_mixed rt_name(int x);", "co_mixed/rdlock rt_name->rt_co_name RtName ret=const char *"},
		{"void rt_main rt_co_close(int fd);", "no_co/ rt_co_close->rt_close RtCoClose ret=void"},
		{"int rt_blocking read(int fd);", "co/ read->read_co Read ret=int"},
		// No argument struct name: QEMU's script raises here, and the
		// general path once wrote `typedef struct { ... } ;`.
		{"int rt_blocking rt__read(int fd);", "f.h:1:17: rt__read: empty name segment (\"__\" or a trailing \"_\")"},
		{"int rt_blocking rt_read_(int fd);", "f.h:1:17: rt_read_: empty name segment (\"__\" or a trailing \"_\")"},
		{"int\n  rt_blocking _rt_read(int fd);", "f.h:2:15: _rt_read: empty name segment (\"__\" or a trailing \"_\")"},
		{"void rt_main rt_close(int fd);", "f.h:1:14: rt_close: a no_co wrapper must be named PREFIX_co_NAME; it calls PREFIX_NAME"},
		{"coroutine_fn rt_blocking rt_read(int fd);", "f.h:1:1: rt_read: expected a return type before the mark"},
	} {
		r := scan.File("f.h", []byte(tc.src), &scan.Marks{Names: []string{"rt_blocking", "rt_main", "rt_mixed"}})
		if len(r.Errors) > 0 || len(r.Decls) != 1 {
			t.Fatalf("%q: scan: %v, %d declarations", tc.src, r.Errors, len(r.Decls))
		}
		w, diags := ReadGeneral(r.Decls[0], known)
		var got []string
		for _, d := range diags {
			got = append(got, d.String())
		}
		if w != nil {
			got = append(got, w.Kind.String()+"/"+w.Lock.String()+" "+w.Name+"->"+w.Target+" "+w.Struct+" ret="+w.Return)
		}
		if strings.Join(got, "\n") != tc.want {
			t.Errorf("%q:\n got %q\nwant %q", tc.src, got, tc.want)
		}
	}
}
