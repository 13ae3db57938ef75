#!/usr/bin/env bash
# test_empty_region_top.sh OMVEI SOURCE_DIR — a region that holds no site is a warning in spof and
# plan, never a clean bill of health; --top caps every list of the spof summary, the risk groups
# ranked lower included.
set -u
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
cd "$src" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "FAIL - $1"; fi; }

"$omvei" spof tests/data/overlay --region 'lat>85' > "$work/out" 2> "$work/err"
check "spof, empty region: exit 0" "[ $? -eq 0 ]"
check "spof, empty region: a warning on stderr" "grep -qF 'warning: the region lat>85 holds no site' '$work/err'"
check "spof, empty region: the summary says so" "grep -qF 'There is no site north of latitude 85' '$work/out'"
check "spof, empty region: no clean bill of health" "! grep -q 'No single failure' '$work/out'"
"$omvei" plan tests/data/overlay --region 'lat>85' > "$work/out" 2> "$work/err"
check "plan, empty region: a warning on stderr" "grep -qF 'warning: no target site (region lat>85' '$work/err'"

"$omvei" spof data/nordic --top 2 > "$work/out" 2> "$work/err"
n=$(sed -n '/^Ranked lower/,/^$/p' "$work/out" | grep -c '^[0-9]*\. ')
check "--top 2 lists at most 2 risk groups ranked lower (listed $n)" "[ $n -le 2 ]"
check "--top 2 says how many more groups there are" "grep -q '^  \.\.\. and [0-9]* more (all of them in spof_items.csv' '$work/out'"
"$omvei" spof data/nordic --top 0 > "$work/all" 2> "$work/err"
check "--top 0 lists every item and no '... more' line" "! grep -q '\.\.\. and [0-9]* more' '$work/all'"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
