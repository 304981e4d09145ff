package gen_test

import (
	"bytes"
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// FuzzGenerate runs arbitrary input through every dialect's checks and
// templates, strict and lenient: it must never panic, and a run without
// errors must write the file.
func FuzzGenerate(f *testing.F) {
	for _, s := range []string{
		"int co_wrapper_mixed_bdrv_rdlock\nbdrv_pread(BdrvChild *child, int64_t offset,int64_t bytes);\n",
		"int generated_co_wrapper bdrv_x(BlockDriverState *bs, int64_t xY);\n",
		"void no_co_wrapper_bdrv_wrlock bdrv_co_unref_child(BlockDriverState *parent, BdrvChild *child);\n",
		"int co_wrapper_bdrv_foo(int x);\nint co_wrapper x__(void);\nint no_co_wrapper a_co_(BlockBackend *blk);\n",
		"int co_wrapper a\x85b_c( int\u3000 x );\n",
	} {
		f.Add([]byte(s), uint8(0), false)
	}
	all := dialect.All()
	f.Fuzz(func(t *testing.T, src []byte, which uint8, lenient bool) {
		d := all[int(which)%len(all)]
		p := gen.Check(gen.Options{Dialect: d, Lenient: lenient}, []gen.Input{{Path: "f.h", Data: src}})
		if p.Failed() {
			return
		}
		var out bytes.Buffer
		if n, err := p.WriteTo(&out); err != nil || n == 0 || n != int64(out.Len()) {
			t.Fatalf("WriteTo after a successful check: %d bytes (%d written), %v", n, out.Len(), err)
		}
	})
}
