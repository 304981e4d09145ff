//go:build arm64 || riscv64 || loong64 || mips64 || mips64le

package gazelle

import "syscall"

func init() {
	fstatat = func(dirfd int, name string, st *syscall.Stat_t) { syscall.Fstatat(dirfd, name, st, 0) }
}
