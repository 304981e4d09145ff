// Package dialect holds the QEMU releases' generator behaviour as data: which
// marks each accepts, its declaration grammar, its naming and checks, and the
// small templates it writes. Each release maps to one of seven script
// families (A1–A3, B1–B4); see docs/dialects.md.
package dialect

import (
	"fmt"
	"sort"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Dialect is one QEMU release's behaviour.
type Dialect struct {
	Name    string // e.g. "qemu-8.2"
	Release string // e.g. "v8.2.0"
	Commit  string // the release tag's commit in QEMU's repository
	*Family
	// HeaderLines is how many lines the release's script writes above its
	// first #include (its notice comment and a blank line). cowrap's own
	// header has exactly this height, so __LINE__ in every wrapper, and
	// with it the object code, is the same as in QEMU's own build.
	HeaderLines int
	// ScriptSHA256 is the sha256 of the block-gen.c that the release's own
	// script writes from the release's own inputs (scripts/verify-qemu.sh).
	ScriptSHA256 string
}

// Family is the behaviour shared by releases with the same script.
type Family struct {
	ID string // A1 … B4

	// CoWrapperGrammar is true for the 8.0+ scripts (family B): co_wrapper*
	// marks, any one-word return type, co-only, mixed and no_co wrappers.
	CoWrapperGrammar bool
	// bdrvOnly: A1 only wraps bdrv_* names.
	bdrvOnly bool
	// firstParams are the block types the generated code knows as the
	// first parameter: in A the only ones allowed, in B1-B3 where the poll
	// context comes from.
	firstParams []firstParam
	// ctx is how B computes the AioContext from the first parameter.
	ctx ctxRule
	// accepts are the marks this family documents, with their meaning.
	accepts map[string]marks.Meaning
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

// firstParam is a block type the generated code knows as the first
// parameter, and what it makes of a parameter of that type.
type firstParam struct {
	typ  string // as the scripts spell it, e.g. "BlockDriverState *"
	name string // the name the code uses where it uses a fixed one
	node string // A's poll_state.bs, with the fixed name
	// ctxPre + NAME + ctxPost is B's AioContext for a parameter NAME.
	ctxPre, ctxPost string
}

var (
	bdsParam   = firstParam{typ: "BlockDriverState *", name: "bs", node: "bs", ctxPre: "bdrv_get_aio_context(", ctxPost: ")"}
	childParam = firstParam{typ: "BdrvChild *", name: "child", node: "child->bs", ctxPre: "bdrv_get_aio_context(", ctxPost: "->bs)"}
	blkParam   = firstParam{typ: "BlockBackend *", name: "blk", node: "blk_bs(blk)", ctxPre: "blk_get_aio_context(", ctxPost: ")"}

	firstA12 = []firstParam{bdsParam, childParam}
	firstAll = []firstParam{bdsParam, childParam, blkParam}
)

// firstParam returns the record of the block type typ, spelled as the
// scripts spell it.
func (f *Family) firstParam(typ string) (firstParam, bool) {
	for _, p := range f.firstParams {
		if p.typ == typ {
			return p, true
		}
	}
	return firstParam{}, false
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

	marksA  = qemuMarks(false, marks.GeneratedCoWrapper)
	marksB  = qemuMarks(false, "co_wrapper", "co_wrapper_mixed", "co_wrapper_bdrv_rdlock", "co_wrapper_mixed_bdrv_rdlock", "no_co_wrapper")
	marksB3 = qemuMarks(true, "co_wrapper", "co_wrapper_mixed", "co_wrapper_bdrv_rdlock", "co_wrapper_mixed_bdrv_rdlock", "no_co_wrapper",
		"no_co_wrapper_bdrv_rdlock", "no_co_wrapper_bdrv_wrlock")
)

// qemuMarks are the given marks with what the release scripts read in
// them (wrlock: the release knows the bdrv_wrlock variant).
func qemuMarks(wrlock bool, names ...string) map[string]marks.Meaning {
	out := make(map[string]marks.Meaning, len(names))
	for _, n := range names {
		m, ok := marks.QEMU(n, wrlock)
		if !ok {
			panic("not a QEMU mark: " + n)
		}
		out[n] = m
	}
	return out
}

var families = map[string]*Family{
	"A1": {ID: "A1", bdrvOnly: true, firstParams: firstA12, accepts: marksA, includes: includesA},
	"A2": {ID: "A2", firstParams: firstA12, accepts: marksA, includes: includesA},
	"A3": {ID: "A3", firstParams: firstAll, accepts: marksA, includes: includesA},
	"B1": {ID: "B1", CoWrapperGrammar: true, firstParams: firstAll, ctx: ctxFixedNames, accepts: marksB, bh: bhB1, includes: includesB, includesNL: true},
	"B2": {ID: "B2", CoWrapperGrammar: true, firstParams: firstAll, ctx: ctxFixedNames, accepts: marksB, bh: bhB2, includes: includesB, includesNL: true},
	"B3": {ID: "B3", CoWrapperGrammar: true, firstParams: firstAll, ctx: ctxRealName, accepts: marksB3, wrlock: true, noCoRdlock: true, bh: bhB3, wrlockArg: "NULL", includes: includesB, includesNL: true},
	"B4": {ID: "B4", CoWrapperGrammar: true, firstParams: firstAll, ctx: ctxCurrent, accepts: marksB3, wrlock: true, noCoRdlock: true, bh: bhB4, includes: includesB, includesNL: true},
}

// all lists every dialect, oldest first: the one release table (cowrap
// -list-dialects prints it for users, tools/dialects for the scripts, the
// rules and the docs).
// HeaderLines and ScriptSHA256 were measured by running each release's script
// (scripts/verify-qemu.sh checks both against QEMU).
var all = []*Dialect{
	{"qemu-5.2", "v5.2.0", "553032db17440f8de011390e5a1cfddd13751b0b", families["A1"], 19, "1afef63994e1b5d2f1e454060a04634d04c15f494771f827ddcdf5a03b866536"},
	{"qemu-6.0", "v6.0.0", "609d7596524ab204ccd71ef42c9eee4c7c338ea4", families["A1"], 19, "1afef63994e1b5d2f1e454060a04634d04c15f494771f827ddcdf5a03b866536"},
	{"qemu-6.1", "v6.1.0", "f9baca549e44791be0dd98de15add3d8452a8af0", families["A2"], 19, "4798921bdf229cd03008d0d93111aedd8ab5c127b1891a1734b24b7a94379806"},
	{"qemu-6.2", "v6.2.0", "44f28df24767cf9dca1ddc9b23157737c4cbb645", families["A3"], 19, "41930c229c0e09bde5bab00d4e124b14e714dd76fc587e6d3958814a522fdf65"},
	{"qemu-7.0", "v7.0.0", "823a3f11fb8f04c3c3cc0f95f968fef1bfc6534f", families["A3"], 19, "8ccfa6310c2567a2a9c3a04171192f6958b917f427dc30520f2d4c60a3dfeed2"},
	{"qemu-7.1", "v7.1.0", "621da7789083b80d6f1ff1c0fb499334007b4f51", families["A3"], 19, "53606d75469ae52103cf4929e8428c79cbb55a033ddd0b3efedef8e5bbd1447d"},
	{"qemu-7.2", "v7.2.0", "b67b00e6b4c7831a3f5bc684bc0df7a9bfd1bd56", families["A3"], 19, "53606d75469ae52103cf4929e8428c79cbb55a033ddd0b3efedef8e5bbd1447d"},
	{"qemu-8.0", "v8.0.0", "c1eb2ddf0f8075faddc5f7c3d39feae3e8e9d6b4", families["B1"], 19, "9c71c0776195e2921ee9164c7d42136467f4e8103fbe6c2700a165cc7bb0365f"},
	{"qemu-8.1", "v8.1.0", "7e5a8bb22368b3555644cb2debd3df24592f3a21", families["B2"], 19, "fb4f3187928615b74cada715d370b87c78f7301bec8d207479d5f617543d1a8e"},
	{"qemu-8.2", "v8.2.0", "1600b9f46b1bd08b00fe86c46ef6dbb48cbe10d6", families["B3"], 19, "68c546574786a61173cc7ee8e806b4de68b324c657ef9f65837fef0c996d1184"},
	{"qemu-9.0", "v9.0.0", "c25df57ae8f9fe1c72eee2dab37d76d904ac382e", families["B4"], 19, "83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3"},
	{"qemu-9.1", "v9.1.0", "fd1952d814da738ed107e05583b3e02ac11e88ff", families["B4"], 19, "83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3"},
	{"qemu-9.2", "v9.2.0", "ae35f033b874c627d81d51070187fbf55f0bf1a7", families["B4"], 19, "83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3"},
	{"qemu-10.0", "v10.0.0", "7c949c53e936aa3a658d84ab53bae5cadaa5d59c", families["B4"], 19, "83d37d0520e760cef868195b92a1845b196135a7af6c19b427c75bd5f13a94e3"},
	{"qemu-10.1", "v10.1.0", "f8b2f64e2336a28bf0d50b6ef8a7d8c013e9bcf3", families["B4"], 19, "a1d22a92f6c7468ad234823e088d04b13ba2cdb2c7033612292bf1bfdfe3b350"},
	{"qemu-10.2", "v10.2.0", "698104725efad4b29079d857dfdebbd804e34c99", families["B4"], 19, "a1d22a92f6c7468ad234823e088d04b13ba2cdb2c7033612292bf1bfdfe3b350"},
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
	for m := range d.accepts {
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
// reported instead of silently ignored. Each call returns a new value.
func (d *Dialect) ScanMarks() *scan.Marks {
	return &scan.Marks{
		Names:    []string{marks.GeneratedCoWrapper, marks.CoWrapper, marks.NoCoWrapper},
		Prefixes: []string{marks.CoWrapper, marks.NoCoWrapper, marks.GeneratedCoWrapper},
	}
}

// Mark returns what a mark of this dialect asks for.
func (d *Dialect) Mark(name string) (marks.Meaning, bool) {
	m, ok := d.accepts[name]
	return m, ok
}
