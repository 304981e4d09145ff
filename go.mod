module github.com/cowrap/rules_cowrap

go 1.26

require (
	github.com/bazelbuild/bazel-gazelle v0.45.0
	github.com/bazelbuild/buildtools v0.0.0-20240918101019-be1c24cc9a44
	github.com/bmatcuk/doublestar/v4 v4.7.1
)

require (
	golang.org/x/mod v0.20.0 // indirect
	golang.org/x/sys v0.28.0 // indirect
	golang.org/x/tools/go/vcs v0.1.0-deprecated // indirect
)
