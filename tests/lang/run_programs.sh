#!/bin/sh
# run_programs.sh "RUNNER" DIR — runs every DIR/programs/NAME.go with RUNNER (e.g. "build/interleave run") and
# compares exit status, stdout and stderr (normalized by normalize.sh) with NAME.out, which real Go
# printed (make_expected.sh). Then checks every DIR/bad/NAME.go fails to compile with exactly the
# diagnostics in NAME.err. Prints a diff for each mismatch; exits 1 if any.
runner="$1"
dir="$2"
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for f in "$dir"/programs/*.go; do
  n=$(basename "$f" .go)
  $runner "$f" >"$tmp/out" 2>"$tmp/err"
  code=$?
  { echo "exit=$code"; echo "--- stdout"; cat "$tmp/out"; echo "--- stderr"; cat "$tmp/err"; } |
    sh "$dir/normalize.sh" "$dir/programs" >"$tmp/got"
  if ! diff -u "$dir/programs/$n.out" "$tmp/got" >"$tmp/diff"; then
    echo "FAIL programs/$n"
    cat "$tmp/diff"
    fail=1
  fi
done
for f in "$dir"/bad/*.go; do
  [ -e "$f" ] || continue
  n=$(basename "$f" .go)
  (cd "$dir/bad" && $runner "$n.go") >"$tmp/out" 2>"$tmp/err"
  code=$?
  if [ $code -ne 1 ] || ! diff -u "$dir/bad/$n.err" "$tmp/err" >"$tmp/diff"; then
    echo "FAIL bad/$n (exit $code)"
    cat "$tmp/diff"
    fail=1
  fi
done
[ $fail -eq 0 ] && echo "all Go programs match"
exit $fail
