package synth

import (
	"bytes"
	"fmt"
	"path"
)

// TreeConfig says what C source tree Tree makes for the Gazelle benchmark.
type TreeConfig struct {
	Files  int // .h and .c files in all, alternating
	PerDir int // files per directory; 10 directories make one top-level subNN
	Marked int // one file in every Marked carries a co_wrapper_mixed declaration
}

// Tree returns a QEMU-like source tree: Files files, PerDir to a directory,
// each with a dozen coroutine_fn prototypes and inline helpers whose words
// never spell a mark, and one file in Marked with a marked declaration. Names
// are relative paths (subNN/dirNNN/fileNNNNN.h). Deterministic.
func Tree(cfg TreeConfig) ([]File, error) {
	if cfg.Files < 0 || cfg.PerDir < 1 || cfg.Marked < 1 {
		return nil, fmt.Errorf("synth: bad tree config %+v", cfg)
	}
	files := make([]File, 0, cfg.Files)
	var b bytes.Buffer
	for i := 0; i < cfg.Files; i++ {
		ext := "h"
		if i%2 == 1 {
			ext = "c"
		}
		dir := path.Join(fmt.Sprintf("sub%02d", i/(cfg.PerDir*10)), fmt.Sprintf("dir%03d", i/cfg.PerDir))
		b.Reset()
		fmt.Fprintf(&b, "/* Synthetic file %d: block layer style code. */\n#include \"qemu/osdep.h\"\n#include \"block/block_int.h\"\n\n", i)
		for k := 0; k < 12; k++ {
			fmt.Fprintf(&b, "int coroutine_fn bdrv_co_op%d_%d(BlockDriverState *bs, int64_t offset, int64_t bytes,\n"+
				"                               QEMUIOVector *qiov, BdrvRequestFlags flags);\n", i, k)
			fmt.Fprintf(&b, "static inline int helper%d_%d(int x) { return x * %d + 1; } /* wrapper-free */\n", i, k, k)
		}
		if i%cfg.Marked == 42%cfg.Marked {
			fmt.Fprintf(&b, "\nint co_wrapper_mixed bdrv_op%d(BlockDriverState *bs, int64_t offset, int64_t bytes,\n"+
				"                             QEMUIOVector *qiov, BdrvRequestFlags flags);\n", i)
		}
		files = append(files, File{Name: path.Join(dir, fmt.Sprintf("file%05d.%s", i, ext)), Data: bytes.Clone(b.Bytes())})
	}
	return files, nil
}
