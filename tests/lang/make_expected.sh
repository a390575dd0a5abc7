#!/bin/sh
# make_expected.sh [NAME...] — regenerates tests/lang/programs/NAME.out with the real Go toolchain
# (Debian's golang-go, Go 1.19): exit status, stdout and stderr of the built program, normalized by
# normalize.sh. Needs `go`; the tests themselves do not. Programs whose first line is
# `// expected: hand-written` (Go 1.22+ semantics that Go 1.19 cannot show) are skipped.
set -e
here=$(cd "$(dirname "$0")" && pwd)
cd "$here/programs"
names="$*"
[ -n "$names" ] || names=$(ls *.go | sed 's/\.go$//')
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for n in $names; do
  if head -1 "$n.go" | grep -q 'expected: hand-written'; then continue; fi
  go build -o "$tmp/$n" "$n.go"
  set +e
  "$tmp/$n" >"$tmp/out" 2>"$tmp/err"
  code=$?
  set -e
  { echo "exit=$code"; echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; } |
    sh "$here/normalize.sh" "$here/programs" >"$n.out"
  echo "$n: exit $code"
done
