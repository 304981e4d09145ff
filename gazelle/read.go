package gazelle

import (
	"bytes"
	"errors"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/walk"
	"github.com/cowrap/rules_cowrap/gen/check"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Every .h and .c file of the tree must be read to find the few that hold
// marks: with nothing else to do per file, that reading is most of what the
// extension costs (bench/gazelle/README.md). A sourceReader does it;
// aheadReader does it ahead of GenerateRules, on other cores.

// sourceReader finds the C files of a directory that contain a mark's bytes.
// Gazelle's goroutine calls queue (from Configure, for the directories to
// come) and scan (from GenerateRules); an implementation may read on other
// goroutines, and must be safe for concurrent use.
type sourceReader interface {
	// queue announces that directory rel (absolute path dir) will be
	// scanned for needles, with these files. It never blocks.
	queue(dir, rel string, files []string, needles [][]byte)
	// scan reads the C files among files (names relative to dir, the
	// directory rel) and returns those that contain one of needles.
	scan(dir, rel string, files []string, needles [][]byte) scanned
	// close ends the background work, if any (Gazelle calls it once all
	// rules are generated); after it queue does nothing and scan still reads.
	close()
}

// maxFileSize bounds what is read of one file, so that no input (a link to
// /dev/zero, a huge generated file) can exhaust memory: a larger file is
// reported as unreadable. It is the generator's bound, so that Gazelle
// lists no file the build refuses.
const maxFileSize = check.MaxInput

var errNotRegular = errors.New("not a regular file")

// scanned is what a sourceReader found in one directory.
type scanned struct {
	marked map[string][]byte // the contents of the files that contain a needle
	errs   map[string]error  // the files that could not be read
}

// directReader reads each directory when GenerateRules asks for it.
type directReader struct{}

func (directReader) queue(dir, rel string, files []string, needles [][]byte) {}

func (directReader) scan(dir, rel string, files []string, needles [][]byte) scanned {
	s := scanned{marked: map[string][]byte{}, errs: map[string]error{}}
	s.read(dir, cFiles(files), needles)
	return s
}

func (directReader) close() {}

// read reads files (C files, relative to dir) into s: the contents of those
// that contain a needle, and the errors.
func (s scanned) read(dir string, files []string, needles [][]byte) {
	if len(files) == 0 {
		return
	}
	buf := make([]byte, 32<<10)
	d := openDir(dir)
	defer d.close()
	for _, f := range files {
		var src []byte
		var err error
		src, buf, err = d.readFile(f, buf)
		if err != nil {
			s.errs[f] = err
		} else if scan.ContainsAny(src, needles) {
			s.marked[f] = bytes.Clone(src)
		}
	}
}

// aheadReader reads queued directories on background goroutines (one per
// core), so that by the time Gazelle comes back up the tree to generate
// their rules (subdirectories first), the reading is done. scan reads what
// was not queued, or was queued with other needles, itself.
type aheadReader struct {
	workers  int // background readers; 0: GOMAXPROCS
	capacity int // queued directories at most; 0: 1<<14

	mu     sync.Mutex
	jobs   chan *dirRead       // nil until the first queue
	dirs   map[string]*dirRead // queued and not yet scanned, by rel
	closed bool
}

// dirRead is the background reading of one directory's C files.
type dirRead struct {
	dir     string   // absolute path
	files   []string // the C files to read, by name in the directory
	needles [][]byte
	done    chan struct{} // closed when res is complete
	res     scanned
}

// start starts the background readers, once; r.mu is held.
func (r *aheadReader) start() {
	if r.jobs != nil {
		return
	}
	n, c := r.workers, r.capacity
	if n <= 0 {
		n = runtime.GOMAXPROCS(0)
	}
	if c <= 0 {
		c = 1 << 14
	}
	r.jobs = make(chan *dirRead, c)
	r.dirs = map[string]*dirRead{}
	for i := 0; i < n; i++ {
		go func(jobs <-chan *dirRead) {
			for j := range jobs {
				j.res.read(j.dir, j.files, j.needles)
				close(j.done)
			}
		}(r.jobs)
	}
}

// queue schedules the reading of directory rel, unless it already is. When
// the queue is full, scan reads the directory instead. The caller gives the
// files, so that readers never touch Gazelle's state.
func (r *aheadReader) queue(dir, rel string, files []string, needles [][]byte) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.dirs[rel]; ok || r.closed {
		return
	}
	r.start()
	j := &dirRead{dir: dir, files: cFiles(files), needles: needles, done: make(chan struct{}),
		res: scanned{marked: map[string][]byte{}, errs: map[string]error{}}}
	select {
	case r.jobs <- j:
		r.dirs[rel] = j
	default:
	}
}

func (r *aheadReader) scan(dir, rel string, files []string, needles [][]byte) scanned {
	r.mu.Lock()
	j := r.dirs[rel]
	delete(r.dirs, rel)
	r.mu.Unlock()
	want := cFiles(files)
	if j == nil || !sameNeedles(j.needles, needles) {
		return directReader{}.scan(dir, rel, want, needles)
	}
	<-j.done
	// Files the walk did not list when rel was queued are read here.
	read := make(map[string]bool, len(j.files))
	for _, f := range j.files {
		read[f] = true
	}
	var rest []string
	for _, f := range want {
		if !read[f] {
			rest = append(rest, f)
		}
	}
	j.res.read(dir, rest, needles)
	return j.res
}

// close stops the background readers once the queue is drained.
func (r *aheadReader) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !r.closed && r.jobs != nil {
		close(r.jobs)
	}
	r.closed = true
}

// readAhead queues the C files of rel and of the directories one and two
// levels below it, with rel's marks. Subtrees whose BUILD file disables the
// extension are skipped; one that changes the marks is read again by scan.
func (l *cowrapLang) readAhead(c *config.Config, rel string, cc *cowrapConfig) {
	if !cc.enabled {
		return
	}
	var visit func(rel string, depth int)
	visit = func(rel string, depth int) {
		di, err := dirInfo(rel)
		if err != nil || disables(di.File) {
			return
		}
		l.reader.queue(filepath.Join(c.RepoRoot, filepath.FromSlash(rel)), rel, di.RegularFiles, cc.needles)
		if depth < 2 {
			for _, s := range di.Subdirs {
				visit(path.Join(rel, s), depth+1)
			}
		}
	}
	visit(rel, 0)
}

// disables reports whether build file f turns the extension off.
func disables(f *rule.File) bool {
	if f == nil {
		return false
	}
	off := false
	for _, d := range f.Directives {
		if d.Key == cowrapDirective {
			off = d.Value == "disabled"
		}
	}
	return off
}

// dirInfo is walk.GetDirInfo, which panics outside a walk (as when a
// command other than update or fix configures a directory).
func dirInfo(rel string) (di walk.DirInfo, err error) {
	defer func() {
		if recover() != nil {
			err = os.ErrNotExist
		}
	}()
	return walk.GetDirInfo(rel)
}

func isC(name string) bool { return strings.HasSuffix(name, ".h") || strings.HasSuffix(name, ".c") }

// cFiles returns the C files among files.
func cFiles(files []string) []string {
	var out []string
	for _, f := range files {
		if isC(f) {
			out = append(out, f)
		}
	}
	return out
}

func sameNeedles(a, b [][]byte) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !bytes.Equal(a[i], b[i]) {
			return false
		}
	}
	return true
}
