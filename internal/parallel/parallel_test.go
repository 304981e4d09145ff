package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

// TestWorkers: every job runs once, on at most GOMAXPROCS goroutines, and
// Workers returns after the last.
func TestWorkers(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(3))
	for _, n := range []int{0, 1, 2, 3, 100} {
		runs := make([]int32, n)
		var calls, done atomic.Int32
		Workers(n, func(jobs <-chan int) {
			calls.Add(1)
			for i := range jobs {
				atomic.AddInt32(&runs[i], 1)
				done.Add(1)
			}
		})
		if got := done.Load(); got != int32(n) {
			t.Errorf("n=%d: %d jobs done when Workers returned", n, got)
		}
		for i, r := range runs {
			if r != 1 {
				t.Errorf("n=%d: job %d ran %d times", n, i, r)
			}
		}
		if got, want := calls.Load(), int32(min(3, n)); got != want {
			t.Errorf("n=%d: %d workers, want %d", n, got, want)
		}
	}
}
