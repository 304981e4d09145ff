// Package gazelle is the Gazelle language extension "cowrap": it writes a
// cowrap_library for the C headers and sources of each package that hold
// mark-annotated declarations (co_wrapper, co_wrapper_mixed, ...).
//
// It decides with gen/check, the generator's own check, run on exactly the
// files of each target it writes, so Gazelle and the build agree on what is
// marked and report the same findings (TestAgreement). Directives are
// documented in config.go and in the README's Gazelle section.
//
// Add it to a gazelle_binary; list it before any C/C++ language that also
// claims cc_library (see Kinds), as the README says:
//
//	gazelle_binary(
//	    name = "gazelle_bin",
//	    languages = ["@gazelle//language/go", "@rules_cowrap//gazelle"],
//	)
package gazelle

import (
	"context"
	"fmt"
	"log"
	"os"
	"path"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/language"
	"github.com/cowrap/rules_cowrap/gen/model"
)

type cowrapLang struct {
	language.BaseLifecycleManager

	mu sync.Mutex
	// errs counts errors: bad directive values, and findings reported under
	// cowrap_errors=error. Gazelle gives a language no way to return an
	// error, so the run is failed from AfterResolvingDeps, after every
	// finding is printed and before any BUILD file is written.
	errs int
	// said holds every message printed, so that each is printed once.
	said map[string]bool

	// root is the repository root's configuration, defaults the
	// extension's defaults, configs each directory's configuration; see
	// configureDir.
	root     *config.Config
	defaults *cowrapConfig
	configs  map[string]dirConfig

	owners owners // files of the user's cowrap_library targets; see owned.go
	views  views  // directories reached again through followed links; see follow.go

	// collected holds, per cowrap_collect directory, the files its
	// subdirectories found (they are generated first); exports holds, per
	// package below one, the files it must export to the collected target.
	collected map[string][]collectedFile
	exports   map[string][]string

	// links finds the cc_library that defines a function (linkdeps.go).
	links linkIndex
}

// NewLanguage is what gazelle_binary calls.
func NewLanguage() language.Language { return &cowrapLang{} }

func (*cowrapLang) Name() string { return cowrapName }

// report prints a finding under policy p, once.
func (l *cowrapLang) report(p policy, format string, args ...any) {
	if p == policyIgnore {
		return
	}
	msg := fmt.Sprintf(format, args...)
	if !l.first(msg) {
		return
	}
	if p == policyError {
		l.mu.Lock()
		l.errs++
		l.mu.Unlock()
		log.Printf("cowrap: error: %s", msg)
	} else {
		log.Printf("cowrap: warning: %s", msg)
	}
}

// always reports a finding under policy p, even under ignore: what it says
// keeps a file out of every target, so ignoring it would drop the file
// silently.
func (l *cowrapLang) always(p policy, format string, args ...any) {
	if p == policyIgnore {
		p = policyWarn
	}
	l.report(p, format, args...)
}

// finding reports one of the generator's findings under policy p: an error
// as p says, a warning as a warning (unless ignored).
func (l *cowrapLang) finding(p policy, d model.Diag) {
	if d.Warning && p == policyError {
		p = policyWarn
	}
	l.report(p, "%v", d.Err)
}

// note prints what Gazelle does that the user must know about (a removed
// target, for one), once, whatever the policy.
func (l *cowrapLang) note(format string, args ...any) {
	if msg := fmt.Sprintf(format, args...); l.first(msg) {
		log.Printf("cowrap: %s", msg)
	}
}

// first reports whether msg is said for the first time in this run.
func (l *cowrapLang) first(msg string) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	if l.said[msg] {
		return false
	}
	if l.said == nil {
		l.said = map[string]bool{}
	}
	l.said[msg] = true
	return true
}

// exit is os.Exit; a test may replace it.
var exit = os.Exit

func (l *cowrapLang) AfterResolvingDeps(ctx context.Context) {
	if l.errs > 0 {
		log.Printf("cowrap: %d error(s); no BUILD file was written", l.errs)
		exit(1)
	}
}

// buildFile names the build file of directory rel in messages.
func buildFile(c *config.Config, rel string) string {
	return path.Join(rel, c.DefaultBuildFileName())
}
