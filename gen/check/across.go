package check

import (
	"fmt"
	"hash/maphash"
	"path/filepath"
	"strings"

	"github.com/cowrap/rules_cowrap/gen/marks"
	"github.com/cowrap/rules_cowrap/gen/model"
	"github.com/cowrap/rules_cowrap/gen/scan"
)

// Across reports wrappers of different inputs (files[i] is the verdict on
// inputs[i]) whose generated definitions would collide: the same wrapper
// twice (two inputs, one file given twice, #if/#else variants, which cowrap
// does not evaluate), or two names giving the same struct or entry
// function, or a wrapper calling another wrapper instead of its target.
// Each finding is at the later wrapper and names the earlier one's place.
func (c *Checker) Across(inputs []Input, files []File) []model.Diag {
	lenient := c.opts.Lenient
	total := 0
	for _, f := range files {
		total += len(f.Wrappers)
	}
	var (
		defined = make([]site, 0, total) // in input order
		names   = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Name, false })
		structs = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Struct, false })
		// Target_bh of a no_co wrapper, else Target_entry.
		helpers = newSiteIndex(total, &defined, func(w *model.Wrapper) (string, bool) { return w.Target, w.Kind == marks.NoCo })
		diags   []model.Diag
		seq     int
	)
	report := func(w *model.Wrapper, format string, args ...any) {
		diags = append(diags, model.Diag{Warning: lenient, Err: &scan.Error{File: w.File, Pos: w.Pos, Msg: w.Name + ": " + fmt.Sprintf(format, args...)}})
	}
	helperName := func(target string, bh bool) string {
		if bh {
			return target + "_bh"
		}
		return target + "_entry"
	}
	given := map[string]int{}
	for i, f := range files {
		ws := f.Wrappers
		p := filepath.Clean(inputs[i].Path)
		if first, twice := given[p]; twice {
			if len(ws) > 0 {
				diags = append(diags, model.Diag{Warning: lenient, Err: &scan.Error{File: inputs[i].Path, Pos: ws[0].Pos,
					Msg: fmt.Sprintf("this input is given twice (arguments %d and %d), so each of its wrappers would be defined twice", first+1, i+1)}})
			}
			continue
		}
		given[p] = i
		for _, w := range ws {
			seq++
			bh := w.Kind == marks.NoCo
			first, dup, nameSlot := names.lookup(w.Name, false)
			if dup {
				report(w, "wrapper declared twice; first declared at %s:%s", first.w.File, first.w.Pos)
				continue
			}
			first, dup, structSlot := structs.lookup(w.Struct, false)
			if dup {
				report(w, "its generated struct %s collides with the one generated for %s at %s:%s", w.Struct, first.w.Name, first.w.File, first.w.Pos)
				continue
			}
			first, dup, helperSlot := helpers.lookup(w.Target, bh)
			if dup {
				report(w, "its generated function %s collides with the one generated for %s at %s:%s", helperName(w.Target, bh), first.w.Name, first.w.File, first.w.Pos)
				continue
			}
			defined = append(defined, site{w, seq})
			names.set(nameSlot)
			structs.set(structSlot)
			helpers.set(helperSlot)
		}
	}
	// Rare cross-namespace clashes: a wrapper named like another's helper
	// function, or a wrapper whose target is another wrapper.
	for _, s := range defined {
		w := s.w
		for _, suffix := range []string{"_entry", "_bh"} {
			if t, ok := strings.CutSuffix(w.Name, suffix); ok {
				if o, dup, _ := helpers.lookup(t, suffix == "_bh"); dup {
					report(w, "the wrapper's name is also the function generated for %s at %s:%s", o.w.Name, o.w.File, o.w.Pos)
				}
			}
		}
		if o, ok, _ := names.lookup(w.Target, false); ok && o.seq < s.seq {
			report(w, "it calls %s, which is itself a wrapper (declared at %s:%s), not the function it wraps", w.Target, o.w.File, o.w.Pos)
		}
	}
	return diags
}

// site is a defined wrapper and its number in input order.
type site struct {
	w   *model.Wrapper
	seq int
}

// siteIndex finds a defined wrapper by a key of it (its name, struct, or
// target and kind). It does a map's job with a table of 4-byte entries,
// open addressing, at most half full: at tens of thousands of wrappers,
// setting up three maps took longer than all their lookups, mostly in page
// faults on the new memory.
type siteIndex struct {
	seed  maphash.Seed
	slots []int32 // 1 + an index into *sites; 0 is free
	sites *[]site
	key   func(*model.Wrapper) (string, bool)
}

func newSiteIndex(n int, sites *[]site, key func(*model.Wrapper) (string, bool)) *siteIndex {
	size := 16
	for size < 2*n {
		size *= 2
	}
	return &siteIndex{seed: maphash.MakeSeed(), slots: make([]int32, size), sites: sites, key: key}
}

// lookup returns the site whose key is (k, tag), or the free slot where
// set puts the next defined site with that key.
func (x *siteIndex) lookup(k string, tag bool) (s site, ok bool, slot int) {
	h := maphash.String(x.seed, k)
	if tag {
		h = ^h
	}
	mask := len(x.slots) - 1
	for i := int(h) & mask; ; i = (i + 1) & mask {
		e := x.slots[i]
		if e == 0 {
			return site{}, false, i
		}
		s := (*x.sites)[e-1]
		if sk, st := x.key(s.w); sk == k && st == tag {
			return s, true, i
		}
	}
}

// set puts the last of *sites into slot, which lookup returned for its key.
func (x *siteIndex) set(slot int) { x.slots[slot] = int32(len(*x.sites)) }
