// Package parallel runs independent jobs on every core.
package parallel

import (
	"runtime"
	"sync"
)

// Workers calls work on min(GOMAXPROCS, n) goroutines, which share the job
// indexes 0 to n-1, sent in order on jobs, and returns once every call has.
// Each call keeps what it needs across its jobs (a buffer, an open
// directory, a goroutine setting).
func Workers(n int, work func(jobs <-chan int)) {
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			work(jobs)
		}()
	}
	for i := range n {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
}
