package dialect

import (
	"fmt"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/cident"
	"github.com/cowrap/rules_cowrap/gen/internal/work"
	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// checker turns one declaration into a wrapper, collecting findings. Findings
// come in two classes: rejections (the release script fails on them too) are
// always errors; strict findings (the script silently skips the declaration
// or writes code that cannot compile) are errors unless lenient, in which case
// they are warnings and the result is what the script would write.
type checker struct {
	d       *Dialect
	decl    *scan.Decl
	lenient bool
	diags   []model.Diag
	failed  bool
	// nameOffs are the parameters' name offsets in the declaration's text.
	nameOffs []int
}

func (c *checker) at(k int) scan.Pos { return c.decl.PosAt(k) }

func (c *checker) reject(p scan.Pos, format string, args ...any) {
	c.diags = append(c.diags, model.Diag{Err: &scan.Error{File: c.decl.File, Pos: p, Msg: fmt.Sprintf(format, args...)}})
	c.failed = true
}

// strict records a strict finding and reports whether to carry on.
func (c *checker) strict(p scan.Pos, format string, args ...any) bool {
	c.diags = append(c.diags, model.Diag{Err: &scan.Error{File: c.decl.File, Pos: p, Msg: fmt.Sprintf(format, args...)}, Warning: c.lenient})
	if !c.lenient {
		c.failed = true
	}
	return c.lenient
}

// Wrapper checks decl against the dialect. It returns nil when the declaration
// yields no wrapper, with the findings that say why.
func (d *Dialect) Wrapper(decl *scan.Decl, lenient bool) (*model.Wrapper, []model.Diag) {
	var offs [8]int
	c := &checker{d: d, decl: decl, lenient: lenient, nameOffs: offs[:0]}
	w := c.wrapper()
	if c.failed {
		w = nil
	}
	return w, c.diags
}

func (c *checker) wrapper() *model.Wrapper {
	decl, d := c.decl, c.d
	mark := decl.Mark.Text
	info, known := d.Mark(mark)
	// A B-syntax mark the dialect does not list still matches the script's
	// pattern, and the script may reject it with its own message; report
	// that first and the unknown mark only if the script would accept it.
	_, _, bSyntax := marks.SplitQEMU(mark)
	deferred := !known && d.CoWrapperGrammar && bSyntax
	if !known && !deferred && !c.strict(decl.Mark.Pos, "%s: %s", decl.Name.Text, c.unknownMark(mark)) {
		return nil
	}
	m, atStart, ok := d.find(decl)
	if !ok {
		c.strict(c.grammarPos(), "%s: %s", decl.Name.Text, c.explain())
		return nil // the script skips it, so lenient output skips it too
	}
	if !atStart && !c.strict(decl.Start, "%s: the declaration must start in column 1 with its return type; %s", m.name, c.form()) {
		return nil
	}
	w := &model.Wrapper{File: decl.File, Pos: decl.Name.Pos, Mark: mark, Name: m.name, Return: m.ret}
	if known {
		w.Kind, w.Lock = info.Kind, info.Lock
	}
	if d.CoWrapperGrammar {
		c.checkB(w, m)
	} else {
		c.checkA(w, m)
	}
	if deferred && !c.failed {
		c.strict(decl.Mark.Pos, "%s: %s", decl.Name.Text, c.unknownMark(mark))
	}
	return w
}

// params parses the arguments like the script and reports its rejection.
func (c *checker) params(w *model.Wrapper, m match) bool {
	if k, what := scan.NonToken(m.args); k >= 0 && !c.strict(c.at(m.argsOff+k), "%s: %s inside the parameter list: the QEMU script reads it as part of the parameters; move it out of the parentheses", w.Name, what) {
		return false
	}
	var buf [8]qparam
	qs, bad := parseParams(m.args, m.argsOff, buf[:0])
	if bad >= 0 {
		q := qs[bad]
		what := fmt.Sprintf("found %q", strings.TrimFunc(q.typ, isPySpace))
		if strings.TrimFunc(m.args, isPySpace) == "" || strings.TrimFunc(m.args, isPySpace) == "void" {
			what = "a wrapper needs at least one parameter"
		}
		c.reject(c.at(q.off), "%s: parameter %d: expected TYPE NAME, a lowercase name ([a-z][a-z0-9_]*) after a space or '*' on one line; %s", w.Name, bad+1, what)
		return false
	}
	w.Params = make([]model.Param, 0, len(qs))
	c.nameOffs = c.nameOffs[:0]
	for i, q := range qs {
		c.nameOffs = append(c.nameOffs, q.off+len(q.typ))
		if unnamed(q) && !c.strict(c.at(q.off), "%s: parameter %d has no name: C reads %q as a parameter of that type without a name, the QEMU script reads %q as its name (the output would not compile); name the parameter", w.Name, i+1, q.decl, q.name) {
			return false
		}
		if q.dropped != "" && !c.strict(c.at(q.off+len(q.typ)+len(q.name)), "%s: parameter %d: unexpected %q after the name %q (the QEMU script drops it and uses %q)", w.Name, i+1, q.dropped, q.name, q.typ+q.name) {
			return false
		}
		w.Params = append(w.Params, model.Param{Type: q.typ, Name: q.name, Decl: q.decl})
	}
	return true
}

// unnamed reports whether C reads q, which the script reads as TYPE NAME,
// as a parameter without a name: NAME is a type keyword (`unsigned long`,
// `char *const`) or the tag after struct, union or enum (`struct st`).
func unnamed(q qparam) bool {
	if cident.IsTypeKeyword(q.name) {
		return true
	}
	// The type's last word; the script's type ends in ' ' or '*'.
	e := len(q.typ)
	for e > 0 && isASCIIPySpace(q.typ[e-1]) {
		e--
	}
	if e == 0 || q.typ[e-1] != 't' && q.typ[e-1] != 'n' && q.typ[e-1] != 'm' {
		return false // not struct, union or enum: the usual case, without a word
	}
	b := e
	for b > 0 && cident.IsByte(q.typ[b-1]) {
		b--
	}
	return cident.IsTagKeyword(q.typ[b:e])
}

// names checks that no parameter name is used twice or collides with a name
// the generated code declares or calls: the output would not compile, or
// would call the parameter instead of the function.
func (c *checker) names(w *model.Wrapper, m match) bool {
	var seen map[string]bool // past a few parameters, so that many cost linear time
	for i, p := range w.Params {
		twice := false
		if i >= 8 {
			if seen == nil {
				seen = make(map[string]bool, len(w.Params))
				for _, q := range w.Params[:i] {
					seen[q.Name] = true
				}
			}
			twice = seen[p.Name]
			seen[p.Name] = true
			work.Add(1)
		} else {
			for _, q := range w.Params[:i] {
				twice = twice || q.Name == p.Name
			}
			work.Add(i)
		}
		if twice {
			return c.strict(c.at(c.nameOffs[i]), "%s: parameter %d: the name %q is used twice", w.Name, i+1, p.Name)
		}
		if why := c.d.reserved(w, p.Name); why != "" {
			if !c.strict(c.at(c.nameOffs[i]), "%s: parameter %d: the name %q collides with %s in the generated code; rename the parameter", w.Name, i+1, p.Name, why) {
				return false
			}
		}
	}
	return true
}

// reserved says what p collides with in w's generated code, or "".
func (d *Dialect) reserved(w *model.Wrapper, p string) string {
	switch {
	case p == "s":
		return "the local variable s"
	case p == w.Target:
		return "the function the wrapper calls"
	case isJoin(p, w.Target, "_entry") || isJoin(p, w.Target, "_bh"):
		return "a function it defines"
	case p == "ret" && !w.Void() && d.CoWrapperGrammar: // A's result is s->poll_state.ret
		return "the result field ret of its struct"
	case p == "poll_state" && w.Kind != marks.NoCo || p == "co" && w.Kind == marks.NoCo:
		return "a field of its struct"
	case calledByWrappers[p]:
		return "a function it calls"
	}
	return ""
}

// isJoin reports whether s == a+b, without building a+b.
func isJoin(s, a, b string) bool {
	return len(s) == len(a)+len(b) && strings.HasPrefix(s, a) && strings.HasSuffix(s, b)
}

// calledByWrappers are the functions and macros the wrappers' bodies use,
// where a parameter of the same name would shadow them.
var calledByWrappers = map[string]bool{
	"qemu_in_coroutine": true, "qemu_coroutine_create": true, "bdrv_poll_co": true, "qemu_coroutine_self": true,
	"qemu_coroutine_yield": true, "aio_bh_schedule_oneshot": true, "qemu_get_aio_context": true,
	"qemu_get_current_aio_context": true, "bdrv_get_aio_context": true, "blk_get_aio_context": true, "blk_bs": true,
	"assume_graph_lock": true,
}

func (c *checker) checkA(w *model.Wrapper, m match) {
	d, np := c.d, c.at(m.nameOff)
	if !c.params(w, m) {
		return
	}
	if d.bdrvOnly {
		if !strings.HasPrefix(w.Name, "bdrv_") {
			c.reject(np, "%s: %s wrappers must be named bdrv_* (the coroutine function is bdrv_co_*)", w.Name, d.Name)
			return
		}
		if strings.HasPrefix(w.Name, "bdrv_co_") {
			c.reject(np, "%s: name the wrapper bdrv_NAME, not bdrv_co_NAME; the coroutine function bdrv_co_NAME is derived from it", w.Name)
			return
		}
	} else if strings.Contains(w.Name, "_co_") {
		c.reject(np, "%s: a generated_co_wrapper name must not contain \"_co_\"; declare SUBSYSTEM_NAME and the coroutine function is SUBSYSTEM_co_NAME", w.Name)
		return
	}
	p1 := w.Params[0]
	first, ok := d.firstParam(p1.Type)
	if !ok {
		hint := ""
		if _, near := d.firstParam(strings.TrimRightFunc(p1.Type, isPySpace)); near {
			hint = " (no space may follow '*')"
		}
		c.reject(c.at(m.argsOff), "%s: the first parameter must be of type %s; found %q%s", w.Name, d.quoteFirstTypes(), p1.Type, hint)
		return
	}
	if first.name != p1.Name && !c.strict(c.at(m.argsOff), "%s: the generated code refers to the first parameter as %q, but it is named %q", w.Name, first.name, p1.Name) {
		return
	}
	if !strings.Contains(w.Name, "_") { // A1's names start with bdrv_
		c.reject(np, "%s: the name needs a subsystem prefix, SUBSYSTEM_NAME (e.g. bdrv_%s)", w.Name, w.Name)
		return
	}
	w.Target, _ = marks.Target(w.Name, marks.CoMixed)
	var err error
	if w.Struct, err = marks.Struct(w.Target); err != nil { // A names the struct after the target
		c.reject(np, "%s: %v in %q", w.Name, err, w.Target)
		return
	}
	c.names(w, m)
}

func (c *checker) checkB(w *model.Wrapper, m match) {
	d, np := c.d, c.at(m.nameOff)
	var err error
	if w.Struct, err = marks.Struct(w.Name); err != nil {
		c.reject(np, "%s: %v", w.Name, err)
		return
	}
	if !c.params(w, m) {
		return
	}
	v := marks.ReadVariant(m.variant)
	mixed, rd, wr := v.Mixed, v.RdLock, d.wrlock && v.WrLock
	meaning := v.Meaning(m.noCo, d.wrlock)
	w.Kind, w.Lock = meaning.Kind, meaning.Lock
	if !m.noCo {
		if wr {
			c.reject(np, "%s: co function can't be wrlock: a co_wrapper cannot take the graph write lock (use no_co_wrapper_bdrv_wrlock on a main-loop function)", w.Name)
			return
		}
		if !strings.Contains(w.Name, "_") {
			c.reject(np, "%s: the name needs a subsystem prefix, SUBSYSTEM_NAME (e.g. bdrv_%s)", w.Name, w.Name)
			return
		}
		if strings.Contains(w.Name, "_co_") {
			c.reject(np, "%s: a co_wrapper name must not contain \"_co_\"; declare SUBSYSTEM_NAME and the coroutine function is SUBSYSTEM_co_NAME", w.Name)
			return
		}
	} else {
		parts := strings.SplitN(w.Name, "_", 3)
		switch {
		case len(parts) < 3 || parts[1] != "co":
			c.reject(np, "%s: invalid no_co function name: a no_co_wrapper must be named SUBSYSTEM_co_NAME; it calls SUBSYSTEM_NAME", w.Name)
			return
		case mixed:
			c.reject(np, "%s: no_co function can't be mixed", w.Name)
			return
		case rd && !d.noCoRdlock:
			c.reject(np, "%s: no_co function can't be rdlock in %s (no_co_wrapper_bdrv_rdlock needs qemu-8.2 or later)", w.Name, d.Name)
			return
		case rd && wr:
			c.reject(np, "%s: function can't be both rdlock and wrlock", w.Name)
			return
		}
	}
	w.Target, _ = marks.Target(w.Name, w.Kind) // the checks above leave no error
	// B1's no_co bottom half does not use the first parameter at all.
	if d.ctx == ctxFixedNames && (w.Kind != marks.NoCo || d.ID != "B1") {
		if first, fixed := d.firstParam(w.Params[0].Type); fixed && w.Params[0].Name != first.name &&
			!c.strict(c.at(m.argsOff), "%s: the generated code refers to the first parameter as %q, but it is named %q (%s uses fixed names)", w.Name, first.name, w.Params[0].Name, d.Name) {
			return
		}
	}
	// Before 9.0 the poll context comes from the first parameter's type, as
	// spelled: another spelling of a block type silently polls the main
	// context instead of the node's.
	if d.ctx != ctxCurrent && (w.Kind != marks.NoCo || d.ID != "B1") {
		p := w.Params[0]
		if canon, ok := d.blockType(p.Type); ok && canon != p.Type &&
			!c.strict(c.at(m.argsOff), "%s: the first parameter's type is spelled %q; %s only recognises %q, and otherwise polls qemu_get_aio_context() instead of the node's context", w.Name, p.Type, d.Name, canon) {
			return
		}
	}
	c.names(w, m)
}

// blockType reads typ, a parameter type as the script keeps it, as one of
// the family's block types, ignoring qualifiers, the struct keyword
// (`struct BlockDriverState *` is the same type) and spacing; ok is false
// for other types.
func (f *Family) blockType(typ string) (string, bool) {
	var words []string
	for _, w := range strings.FieldsFunc(strings.ReplaceAll(typ, "*", " * "), isPySpace) {
		switch w {
		case "const", "volatile", "restrict", "__restrict", "__restrict__", "struct":
			continue
		}
		words = append(words, w)
	}
	if len(words) != 2 || words[1] != "*" {
		return "", false
	}
	canon := words[0] + " *"
	_, ok := f.firstParam(canon)
	return canon, ok
}

// quoteFirstTypes lists the family's first-parameter types, quoted.
func (f *Family) quoteFirstTypes() string {
	ks := make([]string, len(f.firstParams))
	for i, p := range f.firstParams {
		ks[i] = fmt.Sprintf("%q", p.typ)
	}
	return strings.Join(ks, ", ")
}

func (c *checker) unknownMark(mark string) string {
	if since := firstAccepting(mark); since != "" {
		for _, d := range all {
			if d.Family == c.d.Family {
				break
			}
			if _, ok := d.accepts[mark]; ok {
				since = ""
			}
		}
		if since != "" {
			return fmt.Sprintf("mark %q needs dialect %s or later; %s accepts %s", mark, since, c.d.Name, strings.Join(c.d.MarkNames(), ", "))
		}
		return fmt.Sprintf("mark %q is not part of %s (it was retired); %s accepts %s", mark, c.d.Name, c.d.Name, strings.Join(c.d.MarkNames(), ", "))
	}
	return fmt.Sprintf("unknown mark %q; %s accepts %s", mark, c.d.Name, strings.Join(c.d.MarkNames(), ", "))
}

// firstAccepting returns the first release whose dialect accepts mark, or "".
func firstAccepting(mark string) string {
	for _, d := range all {
		if _, ok := d.accepts[mark]; ok {
			return d.Name
		}
	}
	return ""
}
