package dialect

import (
	"fmt"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/scan"
)

// form describes the declaration shape the dialect's grammar accepts.
func (c *checker) form() string {
	if c.d.CoWrapperGrammar {
		return fmt.Sprintf("%s expects `TYPE [*] [coroutine_fn] MARK NAME(PARAMS);` with exactly one space after TYPE and ');' ending the line", c.d.Name)
	}
	return fmt.Sprintf("%s expects `int generated_co_wrapper NAME(PARAMS);` with ');' ending the line", c.d.Name)
}

// grammarPos points at the first token the grammar cannot accept.
func (c *checker) grammarPos() scan.Pos {
	d := c.decl
	if d.Splice > 0 {
		return d.PosAt(d.Splice - 1)
	}
	switch {
	case d.Start.Col != 1:
		return d.Start
	case !d.LineEnd:
		return d.PosAt(len(d.Text))
	case strings.Contains(d.ParamsText, ")"):
		return d.ParamsPos
	}
	if p, ok := c.badPrefix(); ok {
		return p.Pos
	}
	return d.Start
}

// explain says why a marked declaration does not match the grammar, where the
// QEMU script would silently skip it.
func (c *checker) explain() string {
	d := c.decl
	if d.Splice > 0 {
		return "a backslash-newline inside the declaration: C joins the lines, QEMU's script does not and skips the declaration; remove it"
	}
	switch {
	case d.Start.Col != 1:
		return "the return type must start in column 1; " + c.form()
	case !d.LineEnd:
		return "nothing may follow ';' on its line; " + c.form()
	case strings.Contains(d.ParamsText, ")"):
		return "parentheses inside the parameter list are not supported (use a typedef for function pointers); " + c.form()
	}
	if t, ok := c.badPrefix(); ok {
		return t.why + "; " + c.form()
	}
	return "declaration does not match the grammar; " + c.form()
}

type prefixProblem struct {
	Pos scan.Pos
	why string
}

// badPrefix finds the first problem in the tokens before the mark.
func (c *checker) badPrefix() (prefixProblem, bool) {
	toks := c.decl.Prefix
	text := c.decl.Text
	if !c.d.CoWrapperGrammar {
		if len(toks) != 1 || toks[0].Text != "int" {
			return prefixProblem{toks[0].Pos, fmt.Sprintf("generated_co_wrapper functions must return exactly `int`, found %q", c.prefixText())}, true
		}
		return prefixProblem{}, false
	}
	k := 1
	if len(toks) > 1 && toks[1].Text == "*" {
		gap := text[toks[1].Off-c.decl.Off-1]
		if toks[1].Off == toks[0].Off+len(toks[0].Text) {
			return prefixProblem{toks[1].Pos, fmt.Sprintf("missing space before '*' in the return type %q", c.prefixText())}, true
		}
		if toks[1].Off != toks[0].Off+len(toks[0].Text)+1 || gap != ' ' {
			return prefixProblem{toks[1].Pos, fmt.Sprintf("the return type %q needs exactly one space before '*'", c.prefixText())}, true
		}
		k = 2
	} else if len(toks) > 0 && toks[0].IsIdent() {
		after := toks[0].Off - c.decl.Off + len(toks[0].Text)
		if after < len(text) && text[after] != ' ' {
			return prefixProblem{toks[0].Pos, fmt.Sprintf("the return type %q must be followed by exactly one space", toks[0].Text)}, true
		}
	}
	if !toks[0].IsIdent() {
		return prefixProblem{toks[0].Pos, fmt.Sprintf("expected a return type, found %q", toks[0].Text)}, true
	}
	if k < len(toks) && toks[k].Text == "coroutine_fn" {
		k++
	}
	if k < len(toks) {
		t := toks[k]
		if k == 1 && t.IsIdent() {
			return prefixProblem{t.Pos, fmt.Sprintf("two-word return type or qualifier %q before the mark: only one identifier, an optional '*' and coroutine_fn may precede it (use a typedef)", c.prefixText())}, true
		}
		return prefixProblem{t.Pos, fmt.Sprintf("unexpected %q between the return type and the mark", t.Text)}, true
	}
	return prefixProblem{}, false
}

func (c *checker) prefixText() string {
	toks := c.decl.Prefix
	first, last := toks[0], toks[len(toks)-1]
	return strings.Join(strings.Fields(c.decl.Text[first.Off-c.decl.Off:last.Off-c.decl.Off+len(last.Text)]), " ")
}
