package check

import (
	"fmt"
	"runtime/debug"
	"unsafe"

	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// fileOrFault is File, run on a worker goroutine that has
// debug.SetPanicOnFault: a caller may map its inputs into memory (cowrap
// does, it is faster than reading them), and when another process
// truncates such a file, reading the pages beyond its new end faults. That
// fault in the input's memory is a finding, not a crash.
func (c *Checker) fileOrFault(in Input) (f File) {
	defer func() {
		if r := recover(); r != nil {
			off, ok := FaultIn(r, in.Data)
			if !ok {
				panic(r)
			}
			f = File{Diags: []model.Diag{{Err: &scan.Error{File: in.Path, Msg: fmt.Sprintf("the file changed while it was read: it ends before byte %d, which it had", off)}}}}
		}
	}()
	return c.File(in)
}

// FaultIn reports whether r, a recovered panic, is a memory fault inside
// data (with debug.SetPanicOnFault), and at which offset.
func FaultIn(r any, data []byte) (off int, ok bool) {
	e, isFault := r.(interface{ Addr() uintptr })
	if !isFault || len(data) == 0 {
		return 0, false
	}
	start := uintptr(unsafe.Pointer(unsafe.SliceData(data)))
	if a := e.Addr(); a >= start && a < start+uintptr(len(data)) {
		return int(a - start), true
	}
	return 0, false
}

// panicOnFault makes a memory fault on this goroutine a panic that
// fileOrFault can recover, instead of the end of the process.
func panicOnFault() { debug.SetPanicOnFault(true) }
