package gazelle

import (
	"flag"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/label"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/dialect"
	"github.com/cowrap/rules_cowrap/gen/include"
	"github.com/cowrap/rules_cowrap/gen/marks"
)

// Directives. Each applies to the directory of its BUILD file and every
// directory below, until a deeper BUILD file sets it again; an empty value
// resets it to the default. A bad value (an unknown dialect, a typo in a
// policy, a bad mark...) is an error: every one is reported with the BUILD
// file's path, and the run fails before any BUILD file is written, so
// nothing is created, rewritten or deleted because of a value Gazelle
// rejected. Until then the value before it stays in force, so that every
// other finding of the run is reported too.
const (
	// cowrapDirective turns the extension on or off: enabled (default) or
	// disabled. A disabled directory is left alone: nothing is generated
	// and no cowrap_library is removed.
	cowrapDirective = "cowrap"
	// dialectDirective is the generator dialect ("qemu", "qemu-8.2", ...),
	// written to the dialect attribute. Default: unset (the rule's "qemu").
	dialectDirective = "cowrap_dialect"
	// marksDirective replaces the dialect's marks for non-QEMU projects:
	// NAME[=co|co_mixed|no_co[+rdlock|+wrlock]], comma or space separated,
	// written to the marks attribute. Default: unset (the dialect's marks).
	marksDirective = "cowrap_marks"
	// templateDirective is the label of a user text/template
	// (docs/templates.md), written to the template attribute of every
	// target Gazelle makes, relative to that target's package. A relative
	// label is read in the directive's package, so `rt.tmpl` at the root
	// is //:rt.tmpl in every directory below. Default: unset (Gazelle
	// leaves template alone, so a hand-set value stays).
	templateDirective = "cowrap_template"
	// namingDirective is the target-name pattern; {package} is the last
	// component of the package path (the repository name in the root
	// package, or "root" when it has none). Default: {package}_cowrap.
	namingDirective = "cowrap_naming"
	// includeDirective lists the headers of the generated file's #include
	// lines, written to the include_lines attribute. Repeated in one BUILD
	// file, the lists add up. Default: unset (the dialect's includes).
	includeDirective = "cowrap_include"
	// visibilityDirective lists the labels written to the visibility
	// attribute of generated targets. Repeated in one BUILD file, the lists
	// add up. Default: unset (Gazelle leaves visibility alone, so
	// package(default_visibility) applies, and a hand-set value stays).
	visibilityDirective = "cowrap_visibility"
	// collectDirective, with no value, in the BUILD file of directory D
	// makes one cowrap_library in D hold every marked file of D and of the
	// directories below it (srcs relative to D; a file in a subpackage by
	// its label, exported there), and creates no BUILD file below D. The
	// directories below inherit it, and D's directives apply to the target;
	// "off" in a subdirectory's BUILD file takes that subtree out (back to
	// one target per package), and another cowrap_collect there starts a
	// collection of its own. Default: off.
	collectDirective = "cowrap_collect"
	// errorsDirective says what to do with the generator's findings in
	// the files of a target Gazelle writes (gen/check, run on exactly
	// those files with the target's options: rejected declarations, a
	// wrapper declared twice, ...), headers no rule provides, and new
	// packages that would shadow a glob: ignore, warn (default) or error
	// (report, then fail the run before any file is written). A finding
	// never takes a file out of srcs, so the build reports it at the same
	// place. A file that cannot be read or named in a BUILD file is
	// reported even under ignore.
	errorsDirective = "cowrap_errors"
)

const defaultNaming = "{package}_cowrap"

// policy is the cowrap_errors setting.
type policy int

const (
	policyWarn policy = iota
	policyIgnore
	policyError
)

var policyNames = map[string]policy{"warn": policyWarn, "ignore": policyIgnore, "error": policyError}

// cowrapConfig is the configuration of one directory.
type cowrapConfig struct {
	enabled bool
	dialect string   // "" when no directive set it
	marks   []string // custom mark spec items; nil means the dialect's marks
	// template is the cowrap_template label, absolute (NoLabel: unset);
	// templateAttr is how the directory's target writes it.
	template     label.Label
	templateAttr string
	naming       string
	includes     []string // nil means the dialect's includes
	visibility   []string // nil: not Gazelle's to set
	errors       policy
	// collect is the cowrap_collect directory this one is in, or nil.
	collect *collectRoot

	// Derived from the above whenever they change, so that the per-file work
	// in GenerateRules is only the needle test.
	d *dialect.Dialect
	// checker is the generator's check with the options of the target
	// Gazelle writes here: the same dialect, #include lines and marks.
	checker *check.Checker
	needles [][]byte
}

// collectRoot is a directory with # gazelle:cowrap_collect.
type collectRoot struct {
	rel string
	cfg *cowrapConfig // its configuration, which the collected target follows
}

const cowrapName = "cowrap"

func getConfig(c *config.Config) *cowrapConfig {
	if cc, ok := c.Exts[cowrapName].(*cowrapConfig); ok {
		return cc
	}
	return newConfig()
}

func newConfig() *cowrapConfig {
	cc := &cowrapConfig{enabled: true, naming: defaultNaming}
	cc.derive()
	return cc
}

func (cc *cowrapConfig) derive() {
	name := cc.dialect
	if name == "" {
		name = dialect.Default
	}
	cc.d, _ = dialect.Lookup(name) // validated when set
	// A template (custom marks need one) reads the general C grammar, as
	// the generator does with -template.
	opts := check.Options{Dialect: cc.d, Includes: cc.includes, General: cc.marks != nil || cc.template != label.NoLabel}
	if cc.marks != nil {
		opts.Marks, _ = marks.Parse(strings.Join(cc.marks, ",")) // validated when set
	}
	cc.checker = check.New(opts)
	cc.needles = cc.checker.Needles()
}

// headers are the headers the generated file #includes.
func (cc *cowrapConfig) headers() []string {
	if cc.includes != nil {
		return cc.includes
	}
	return cc.d.Includes()
}

func (*cowrapLang) RegisterFlags(fs *flag.FlagSet, cmd string, c *config.Config) {}

func (*cowrapLang) CheckFlags(fs *flag.FlagSet, c *config.Config) error { return nil }

func (*cowrapLang) KnownDirectives() []string {
	return []string{cowrapDirective, dialectDirective, marksDirective, templateDirective, namingDirective, includeDirective, visibilityDirective, collectDirective, errorsDirective}
}

// Configure reads the directives of f, and nothing else: the extension
// reads files when it generates rules (GenerateRules).
func (l *cowrapLang) Configure(c *config.Config, rel string, f *rule.File) {
	if rel == "" {
		l.root = c
	}
	c.Exts[cowrapName] = l.configureDir(c, l.parentConfig(c), rel, f)
}

// parentConfig is the configuration Configure starts from in c: that of the
// parent directory, or the defaults at the root.
func (l *cowrapLang) parentConfig(c *config.Config) *cowrapConfig {
	if cc, ok := c.Exts[cowrapName].(*cowrapConfig); ok {
		return cc
	}
	if l.defaults == nil {
		l.defaults = newConfig()
	}
	return l.defaults
}

// dirConfig is the configuration of one directory, from parent and f.
type dirConfig struct {
	parent *cowrapConfig
	f      *rule.File
	cc     *cowrapConfig
}

// configureDir returns the configuration of directory rel: parent's (that
// of the directory above) with the directives of build file f (nil: none)
// applied, and reports each bad value. Configure and the ownership
// pre-scan (owned.go), which needs every directory's configuration before
// Gazelle configures it, both call it, and it parses each directory's
// directives once: the second call returns the first one's result.
func (l *cowrapLang) configureDir(c *config.Config, parent *cowrapConfig, rel string, f *rule.File) *cowrapConfig {
	if d, ok := l.configs[rel]; ok && d.parent == parent && d.f == f {
		return d.cc
	}
	cc := &cowrapConfig{}
	*cc = *parent
	if f != nil {
		for _, err := range cc.directives(c, rel, f) {
			l.report(policyError, "%v", err)
		}
	}
	cc.templateAttr = relLabel(cc.template, rel)
	if l.configs == nil {
		l.configs = map[string]dirConfig{}
	}
	l.configs[rel] = dirConfig{parent, f, cc}
	return cc
}

// directives applies the directives of build file f, and returns an error
// for each bad value, which it leaves out (the value before it stays).
func (cc *cowrapConfig) directives(c *config.Config, rel string, f *rule.File) []error {
	var errs []error
	where := f.Path
	if r, err := filepath.Rel(c.RepoRoot, f.Path); err == nil {
		where = filepath.ToSlash(r)
	}
	// cowrap_include and cowrap_visibility add up within one file.
	var includes, visibility []string
	includesSet, visibilitySet := false, false
	for _, d := range f.Directives {
		var err error
		switch d.Key {
		case cowrapDirective:
			cc.enabled, err = parseEnabled(d.Value, cc.enabled)
		case dialectDirective:
			cc.dialect, err = parseDialect(d.Value, cc.dialect)
		case marksDirective:
			cc.marks, err = parseMarks(d.Value, cc.marks)
		case templateDirective:
			cc.template, err = parseTemplate(d.Value, rel, cc.template)
		case namingDirective:
			cc.naming, err = parseNaming(d.Value, cc.naming)
		case includeDirective:
			var inc []string
			if inc, err = parseIncludes(d.Value); err == nil {
				includes, includesSet = append(includes, inc...), true
				if d.Value == "" {
					includes = nil
				}
			}
		case visibilityDirective:
			var vis []string
			if vis, err = parseVisibility(d.Value); err == nil {
				visibility, visibilitySet = append(visibility, vis...), true
				if d.Value == "" {
					visibility = nil
				}
			}
		case collectDirective:
			switch d.Value {
			case "":
				cc.collect = &collectRoot{rel: rel}
			case "off":
				cc.collect = nil
			default:
				err = fmt.Errorf("want no value (collect here) or off")
			}
		case errorsDirective:
			cc.errors, err = parsePolicy(d.Value, cc.errors)
		default:
			continue
		}
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: # gazelle:%s %s: %v", where, d.Key, d.Value, err))
		}
	}
	if includesSet {
		cc.includes = includes
	}
	if visibilitySet {
		cc.visibility = visibility
	}
	cc.derive()
	if cc.collect != nil && cc.collect.rel == rel {
		cc.collect.cfg = cc
	}
	return errs
}

// The parsers below return the new value, or the old one and an error.

func parseEnabled(v string, old bool) (bool, error) {
	switch v {
	case "", "enabled":
		return true, nil
	case "disabled":
		return false, nil
	}
	return old, fmt.Errorf("want enabled or disabled")
}

func parseDialect(v, old string) (string, error) {
	if v == "" {
		return "", nil
	}
	if _, err := dialect.Lookup(v); err != nil {
		return old, err
	}
	return v, nil
}

// parseMarks splits a mark list on commas and spaces and checks it with the
// generator's own parser, so Gazelle accepts exactly what `cowrap -marks` does.
func parseMarks(v string, old []string) ([]string, error) {
	items := splitList(v)
	if len(items) == 0 {
		return nil, nil
	}
	if _, err := marks.Parse(strings.Join(items, ",")); err != nil {
		return old, err
	}
	return items, nil
}

// parseTemplate reads a label written in package rel; relative labels
// (rt.tmpl, :rt.tmpl) are made absolute, so that the directories below
// inherit the same file.
func parseTemplate(v, rel string, old label.Label) (label.Label, error) {
	if v == "" {
		return label.NoLabel, nil
	}
	l, err := label.Parse(v)
	if err != nil || strings.ContainsAny(v, " \t,") {
		return old, fmt.Errorf("want one label of a template file, such as //tools:rt.tmpl or rt.tmpl")
	}
	return l.Abs("", rel), nil
}

// relLabel writes l as seen from package rel: a file of rel by its name
// (as Gazelle writes srcs), else the absolute label; "" for NoLabel.
func relLabel(l label.Label, rel string) string {
	if l == label.NoLabel {
		return ""
	}
	r := l.Rel("", rel)
	if r.Relative {
		return r.Name
	}
	return r.String()
}

func parseNaming(v, old string) (string, error) {
	if v == "" {
		return defaultNaming, nil
	}
	name := strings.ReplaceAll(v, "{package}", "p")
	if strings.ContainsAny(name, "{}") {
		return old, fmt.Errorf("the only placeholder is {package}")
	}
	if !validName(name) {
		return old, fmt.Errorf("not a valid target name")
	}
	return v, nil
}

// validName accepts a conservative subset of Bazel target names: no
// slashes, so that each package's target lives in its own package.
func validName(s string) bool {
	if s == "" || s == "." || s == ".." {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("_-.+=,@~", c)) {
			return false
		}
	}
	return true
}

// parseIncludes checks headers with the validator the generator and the rule
// share: a header name such as block/foo.h or <stdio.h>.
func parseIncludes(v string) ([]string, error) {
	items := splitList(v)
	for _, h := range items {
		if err := include.Check(h); err != nil {
			return nil, err
		}
	}
	return items, nil
}

// parseVisibility checks each item is a label (//pkg:__pkg__,
// //visibility:public, @repo//x:__subpackages__, ...).
func parseVisibility(v string) ([]string, error) {
	items := splitList(v)
	if len(items) == 0 {
		return nil, nil
	}
	for _, s := range items {
		if _, err := label.Parse(s); err != nil || !strings.HasPrefix(s, "//") && !strings.HasPrefix(s, "@") {
			return nil, fmt.Errorf("bad label %q: want a label such as //visibility:public or //pkg:__subpackages__", s)
		}
	}
	return items, nil
}

func parsePolicy(v string, old policy) (policy, error) {
	if v == "" {
		return policyWarn, nil
	}
	if p, ok := policyNames[v]; ok {
		return p, nil
	}
	return old, fmt.Errorf("want ignore, warn or error")
}

func splitList(v string) []string {
	return strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' })
}

// targetName applies the naming pattern to the package rel.
func targetName(pattern, rel, repoName string) string {
	pkg := rel
	if i := strings.LastIndexByte(rel, '/'); i >= 0 {
		pkg = rel[i+1:]
	}
	if pkg == "" {
		pkg = repoName
	}
	if pkg == "" {
		pkg = "root"
	}
	return strings.ReplaceAll(pattern, "{package}", pkg)
}
