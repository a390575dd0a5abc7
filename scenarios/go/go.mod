// The Go programs here build and run with the real Go toolchain too (`go run worker_pool.go`); the
// replace directive points the import path "interleave" at the stub of Interleave's teaching package.
module scenarios

go 1.22

require interleave v0.0.0

replace interleave => ./interleave
