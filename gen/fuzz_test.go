package gen_test

import (
	"testing"

	"github.com/cowrap/rules_cowrap/gen"
	"github.com/cowrap/rules_cowrap/gen/dialect"
)

// FuzzGenerate runs arbitrary input through every dialect's checks and
// templates, strict and lenient: it must never panic, and a failed run must
// produce no output.
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
		res := gen.Generate(gen.Options{Dialect: d, Lenient: lenient}, []gen.Input{{Path: "f.h", Data: src}})
		if res.Failed() && res.Output != nil {
			t.Fatal("failed run produced output")
		}
		if !res.Failed() && res.Output == nil {
			t.Fatal("successful run produced no output")
		}
	})
}
