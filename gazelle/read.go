package gazelle

import (
	"bytes"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/bazelbuild/bazel-gazelle/config"
	"github.com/bazelbuild/bazel-gazelle/rule"
	"github.com/bazelbuild/bazel-gazelle/walk"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Every .h and .c file of the tree must be read to find the few that hold
// marks: with nothing else to do per file, that reading is most of what the
// extension costs. So it happens ahead of GenerateRules, on other cores: when
// Gazelle configures a directory, the files of the directories up to two
// levels below it are queued for background readers, and by the time Gazelle
// comes back up the tree to generate their rules (subdirectories first) the
// work is done. Readers keep only the files that contain a needle;
// GenerateRules reads anything they did not cover (a directory queued with
// other marks, or files of subdirectories without a BUILD file) itself.

// readAhead queues the C files of rel and of the directories one and two
// levels below it, with rel's marks. Subtrees whose BUILD file disables the
// extension are skipped; one that changes the marks is read again by
// GenerateRules.
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
		l.reader.queue(c.RepoRoot, rel, di.RegularFiles, cc.needles)
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

// dirRead is the background reading of one directory's C files.
type dirRead struct {
	dir     string   // absolute path
	files   []string // the C files to read, by name in the directory
	needles [][]byte
	done    chan struct{}
	read    map[string]bool   // files read, by name in the directory
	marked  map[string][]byte // the contents of those that contain a needle
	errs    map[string]error  // the files that could not be read
}

type reader struct {
	once sync.Once
	jobs chan *dirRead
	mu   sync.Mutex
	dirs map[string]*dirRead
}

// queue schedules the reading of directory rel's C files (unless it already
// is), looking for needles. It never blocks: when the queue is full, the
// directory is read by GenerateRules instead. The caller gives the files
// (from the walk, on Gazelle's goroutine), so that readers never touch
// Gazelle's state.
func (r *reader) queue(repoRoot, rel string, files []string, needles [][]byte) {
	r.once.Do(func() {
		r.jobs = make(chan *dirRead, 1<<14)
		r.dirs = map[string]*dirRead{}
		for i := 0; i < runtime.GOMAXPROCS(0); i++ {
			go func() {
				for j := range r.jobs {
					j.run()
				}
			}()
		}
	})
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, ok := r.dirs[rel]; ok {
		return
	}
	j := &dirRead{dir: filepath.Join(repoRoot, filepath.FromSlash(rel)), needles: needles, done: make(chan struct{})}
	for _, f := range files {
		if isC(f) {
			j.files = append(j.files, f)
		}
	}
	select {
	case r.jobs <- j:
		r.dirs[rel] = j
	default:
	}
}

// take returns the finished reading of rel, if it was queued with needles.
func (r *reader) take(rel string, needles [][]byte) *dirRead {
	r.mu.Lock()
	j := r.dirs[rel]
	delete(r.dirs, rel)
	r.mu.Unlock()
	if j == nil || !sameNeedles(j.needles, needles) {
		return nil
	}
	<-j.done
	return j
}

func (j *dirRead) run() {
	defer close(j.done)
	j.read = make(map[string]bool, len(j.files))
	j.marked = map[string][]byte{}
	j.errs = map[string]error{}
	buf := make([]byte, 32<<10)
	d := openDir(j.dir)
	defer d.close()
	for _, f := range j.files {
		var src []byte
		var err error
		src, buf, err = d.readFile(f, buf)
		j.read[f] = true
		if err != nil {
			j.errs[f] = err
		} else if scan.ContainsAny(src, j.needles) {
			j.marked[f] = bytes.Clone(src)
		}
	}
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
