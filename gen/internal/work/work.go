// Package work counts the generator's steps over its input, so that tests
// can require linear growth without a clock: each loop that can walk the
// input again (relexing, look-ahead, position lookups, script matching,
// comparing parameters) adds the bytes or items it walked. Counting is off
// unless a test turns it on; then the count is deterministic for an input.
package work

import "sync/atomic"

var (
	on    atomic.Bool
	steps atomic.Int64
)

// Add counts n steps when counting is on.
func Add(n int) {
	if on.Load() {
		steps.Add(int64(n))
	}
}

// Count runs f with counting on and returns the steps it took. Calls must
// not overlap.
func Count(f func()) int64 {
	steps.Store(0)
	on.Store(true)
	defer on.Store(false)
	f()
	return steps.Load()
}
