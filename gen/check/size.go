package check

import "fmt"

// MaxInput is the most bytes an input may have. A header is kilobytes; a
// file this large is no C source anyone writes, and a device such as
// /dev/zero never ends. The CLI (so the build) and the Gazelle extension
// both refuse a larger input, so that Gazelle never lists a file the build
// then rejects, nor the reverse.
const MaxInput = 64 << 20

// ErrTooLarge is the error for a regular file larger than MaxInput.
var ErrTooLarge = fmt.Errorf("larger than %d MiB, the most an input may have", MaxInput>>20)
