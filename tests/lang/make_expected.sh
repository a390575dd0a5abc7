#!/bin/sh
# make_expected.sh [NAME...] — regenerates tests/lang/programs/NAME.out with the real Go toolchain
# (Debian's golang-go, Go 1.19): exit status, stdout and stderr of the built program, normalized by
# normalize.sh. Needs `go` and python3; the tests themselves need neither.
#
# Programs run as on Go's playground: built with `-tags faketime` (virtual time from 2009-11-10 23:00:00 UTC
# that jumps to the next timer when every goroutine is blocked) and GOMAXPROCS=1 (one processor: the order
# is deterministic). Their stdout and stderr then carry playback frames, which playback.py decodes to plain
# text. Programs whose first line is `// expected: hand-written` (semantics that Go 1.19 cannot show: Go
# 1.22 loop variables, Go 1.23 timers) are skipped; a comment in them says how their .out was reasoned.
# Programs whose first line is `// expected: one of Go's outputs` make a random choice that Go's runtime
# takes differently from run to run (a select with two ready cases): they are run up to 200 times until Go
# prints the committed .out (Interleave's `go` policy takes the first ready case), which shows that the
# committed output is one Go really prints; if it never does, the last output is written.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/programs"
names="$*"
[ -n "$names" ] || names=$(ls *.go | sed 's/\.go$//')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in $names; do
  if head -1 "$n.go" | grep -q 'expected: hand-written'; then continue; fi
  go build -tags faketime -o "$tmp/$n" "$n.go"
  tries=1
  if head -1 "$n.go" | grep -q "expected: one of Go's outputs" && [ -f "$n.out" ]; then tries=200; fi
  while [ $tries -gt 0 ]; do
    tries=$((tries - 1))
    set +e
    GOMAXPROCS=1 "$tmp/$n" >"$tmp/raw.out" 2>"$tmp/raw.err"
    code=$?
    set -e
    python3 "$here/playback.py" <"$tmp/raw.out" >"$tmp/out"
    python3 "$here/playback.py" <"$tmp/raw.err" >"$tmp/err"
    { echo "exit=$code"; echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; } |
      sh "$here/normalize.sh" "$here/programs" >"$tmp/got"
    if [ -f "$n.out" ] && cmp -s "$tmp/got" "$n.out"; then break; fi
  done
  cp "$tmp/got" "$n.out"
  echo "$n: exit $code"
done
