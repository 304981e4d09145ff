//go:build amd64 || ppc64 || ppc64le || s390x

package gazelle

import (
	"syscall"
	"unsafe"
)

func init() {
	fstatat = func(dirfd int, name string, st *syscall.Stat_t) {
		p, _ := syscall.BytePtrFromString(name)
		syscall.Syscall6(syscall.SYS_NEWFSTATAT, uintptr(dirfd), uintptr(unsafe.Pointer(p)), uintptr(unsafe.Pointer(st)), 0, 0, 0)
	}
}
