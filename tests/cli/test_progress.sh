#!/usr/bin/env bash
# test_progress.sh OMVEI SOURCE_DIR — a run over a second shows its progress on a terminal (stderr,
# one line rewritten in place and wiped at the end), and nothing when stderr is not a terminal or
# with --quiet. The terminal comes from script(1).
set -u
omvei=$1
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
gen=$(dirname "$omvei")/bench/omvei_gen
command -v script > /dev/null || { echo "script(1) not found (skipped)"; exit 77; }
[ -x "$gen" ] || { echo "generator not built: $gen (skipped)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" --nodes 600 --seed 3 --out "$work/net" --candidates-per-site 3 > /dev/null || exit 1
# A budget plan of a few seconds: long enough for the line to appear.
# OMVEI_PROGRESS_DELAY=0 shows the line at once, so the test does not depend on the machine's speed.
export OMVEI_PROGRESS_DELAY=0
cmd="'$omvei' plan '$work/net' --against links,srlg --no-analysis --budget 150M --threads 1"
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "FAIL - $1"; fi; }

script -qec "$cmd > '$work/tty.out'" "$work/tty.log" > /dev/null 2>&1
check "on a terminal the plan shows its branch-and-cut progress" "grep -q 'omvei plan: branch-and-cut' '$work/tty.log'"
check "and wipes the line before it ends" "grep -q \$'\\r\\033\\[K\$' '$work/tty.log' || tail -c 20 '$work/tty.log' | grep -q \$'\\033\\[K'"
check "the summary on stdout is untouched" "head -n 1 '$work/tty.out' | grep -q '^Investment plan (budget'"
script -qec "$cmd --quiet > /dev/null" "$work/quiet.log" > /dev/null 2>&1
check "--quiet shows no progress" "! grep -q 'branch-and-cut' '$work/quiet.log'"
eval "$cmd" > /dev/null 2> "$work/pipe.err"
check "stderr that is not a terminal gets no progress" "! grep -q 'branch-and-cut' '$work/pipe.err'"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
