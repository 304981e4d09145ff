// Package dialect holds the QEMU releases' generator behaviour as data: which
// marks each accepts, its declaration grammar, its naming and checks, and the
// small templates it writes. Each release maps to one of seven script
// families (A1–A3, B1–B4); see docs/dialects.md.
package dialect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Dialect is one QEMU release's behaviour.
type Dialect struct {
	Name    string // e.g. "qemu-8.2"
	Release string // e.g. "v8.2.0"
	*Family
	// HeaderLines is how many lines the release's script writes above its
	// first #include (its notice comment and a blank line). cowrap's own
	// header has exactly this height, so __LINE__ in every wrapper, and
	// with it the object code, is the same as in QEMU's own build.
	HeaderLines int
}

// Family is the behaviour shared by releases with the same script.
type Family struct {
	ID string // A1 … B4

	// B is true for the v8.0+ grammar (co_wrapper*, any one-word return type).
	B bool
	// bdrvOnly: A1 only wraps bdrv_* names.
	bdrvOnly bool
	// firstTypes are the allowed first-parameter types in A and the
	// poll-state expression each gives; nil in B (no check).
	firstTypes map[string]string
	// ctx is how B computes the AioContext from the first parameter.
	ctx ctxRule
	// marks are the marks this family documents, with their meaning.
	marks map[string]markInfo
	// wrlock: B3+ understand the bdrv_wrlock variant.
	wrlock bool
	// noCoRdlock: B3+ allow no_co_wrapper_bdrv_rdlock.
	noCoRdlock bool
	// bh is the bottom-half body template of no_co wrappers.
	bh string
	// wrlockArg is the argument of bdrv_graph_wr(un)lock in the bh.
	wrlockArg string
	// includes are the default #include lines; includesNL says whether the
	// last one is followed by a newline (it is not in A).
	includes   []string
	includesNL bool
}

type markInfo struct {
	kind model.Kind
	lock model.Lock
}

type ctxRule int

const (
	ctxFixedNames ctxRule = iota // B1, B2: bs / child->bs / blk, whatever the real name
	ctxRealName                  // B3: the first parameter's real name
	ctxCurrent                   // B4: qemu_get_current_aio_context()
)

var (
	includesA = []string{"qemu/osdep.h", "block/coroutines.h", "block/block-gen.h", "block/block_int.h"}
	includesB = append(append([]string{}, includesA...), "block/dirty-bitmap.h")

	marksA = map[string]markInfo{"generated_co_wrapper": {model.CoMixed, model.NoLock}}
	marksB = map[string]markInfo{
		"co_wrapper":                   {model.Co, model.NoLock},
		"co_wrapper_mixed":             {model.CoMixed, model.NoLock},
		"co_wrapper_bdrv_rdlock":       {model.Co, model.RdLock},
		"co_wrapper_mixed_bdrv_rdlock": {model.CoMixed, model.RdLock},
		"no_co_wrapper":                {model.NoCo, model.NoLock},
	}
	marksB3 = with(marksB, map[string]markInfo{
		"no_co_wrapper_bdrv_rdlock": {model.NoCo, model.RdLock},
		"no_co_wrapper_bdrv_wrlock": {model.NoCo, model.WrLock},
	})
	firstA12 = map[string]string{"BlockDriverState *": "bs", "BdrvChild *": "child->bs"}
	firstA3  = map[string]string{"BlockDriverState *": "bs", "BdrvChild *": "child->bs", "BlockBackend *": "blk_bs(blk)"}
)

func with(a, b map[string]markInfo) map[string]markInfo {
	out := map[string]markInfo{}
	for k, v := range a {
		out[k] = v
	}
	for k, v := range b {
		out[k] = v
	}
	return out
}

var families = map[string]*Family{
	"A1": {ID: "A1", bdrvOnly: true, firstTypes: firstA12, marks: marksA, includes: includesA},
	"A2": {ID: "A2", firstTypes: firstA12, marks: marksA, includes: includesA},
	"A3": {ID: "A3", firstTypes: firstA3, marks: marksA, includes: includesA},
	"B1": {ID: "B1", B: true, ctx: ctxFixedNames, marks: marksB, bh: bhB1, includes: includesB, includesNL: true},
	"B2": {ID: "B2", B: true, ctx: ctxFixedNames, marks: marksB, bh: bhB2, includes: includesB, includesNL: true},
	"B3": {ID: "B3", B: true, ctx: ctxRealName, marks: marksB3, wrlock: true, noCoRdlock: true, bh: bhB3, wrlockArg: "NULL", includes: includesB, includesNL: true},
	"B4": {ID: "B4", B: true, ctx: ctxCurrent, marks: marksB3, wrlock: true, noCoRdlock: true, bh: bhB4, includes: includesB, includesNL: true},
}

// all lists every dialect, oldest first. HeaderLines was measured by running
// each release's script (scripts/verify-qemu.sh checks it against QEMU).
var all = []*Dialect{
	{"qemu-5.2", "v5.2.0", families["A1"], 19},
	{"qemu-6.0", "v6.0.0", families["A1"], 19},
	{"qemu-6.1", "v6.1.0", families["A2"], 19},
	{"qemu-6.2", "v6.2.0", families["A3"], 19},
	{"qemu-7.0", "v7.0.0", families["A3"], 19},
	{"qemu-7.1", "v7.1.0", families["A3"], 19},
	{"qemu-7.2", "v7.2.0", families["A3"], 19},
	{"qemu-8.0", "v8.0.0", families["B1"], 19},
	{"qemu-8.1", "v8.1.0", families["B2"], 19},
	{"qemu-8.2", "v8.2.0", families["B3"], 19},
	{"qemu-9.0", "v9.0.0", families["B4"], 19},
	{"qemu-9.1", "v9.1.0", families["B4"], 19},
	{"qemu-9.2", "v9.2.0", families["B4"], 19},
	{"qemu-10.0", "v10.0.0", families["B4"], 19},
	{"qemu-10.1", "v10.1.0", families["B4"], 19},
	{"qemu-10.2", "v10.2.0", families["B4"], 19},
}

// Default is the dialect "qemu" stands for: the newest release.
const Default = "qemu"

// All returns every dialect, oldest first.
func All() []*Dialect { return append([]*Dialect(nil), all...) }

// Names returns the accepted -dialect values, "qemu" first.
func Names() []string {
	out := []string{Default}
	for _, d := range all {
		out = append(out, d.Name)
	}
	return out
}

// Lookup returns the dialect called name ("qemu" is the newest).
func Lookup(name string) (*Dialect, error) {
	if name == Default {
		return all[len(all)-1], nil
	}
	for _, d := range all {
		if d.Name == name {
			return d, nil
		}
	}
	return nil, fmt.Errorf("unknown dialect %q; want one of: %s", name, strings.Join(Names(), " "))
}

// MarkNames returns the marks the dialect accepts, sorted.
func (d *Dialect) MarkNames() []string {
	var out []string
	for m := range d.marks {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// Includes returns the dialect's default #include headers.
func (d *Dialect) Includes() []string { return append([]string(nil), d.includes...) }

// IncludesEndWithNewline says whether the #include block ends with a newline.
func (d *Dialect) IncludesEndWithNewline() bool { return d.includesNL }

// ScanMarks is what the scanner must find for this dialect: its own marks and
// those of every other release, so that a mark from the wrong release is
// reported instead of silently ignored.
func (d *Dialect) ScanMarks() *scan.Marks { return &allMarks }

var allMarks = scan.Marks{
	Names:    []string{"generated_co_wrapper", "co_wrapper", "no_co_wrapper"},
	Prefixes: []string{"co_wrapper", "no_co_wrapper", "generated_co_wrapper"},
}

// Since returns the first release whose dialect accepts mark, or "".
func Since(mark string) string {
	for _, d := range all {
		if _, ok := d.marks[mark]; ok {
			return d.Name
		}
	}
	return ""
}

// Mark returns what a mark of this dialect asks for.
func (d *Dialect) Mark(name string) (model.Kind, model.Lock, bool) {
	m, ok := d.marks[name]
	return m.kind, m.lock, ok
}
