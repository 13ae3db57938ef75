#!/usr/bin/env bash
# test_reroute_gen.sh OMVEI SOURCE_DIR — the demands of the benchmark generator (omvei_gen --demands,
# used by bench/reroute_bench.sh): the same seed gives the same demands.csv, the network files do not
# change when demands are asked for, exactly D distinct directed pairs between existing nodes with
# positive Gbps, no demands.csv without --demands (a stale one is removed), omvei loads the folder
# and counts the demands, and too many pairs is a usage error. Exit 77 when the generator is not built.
set -u
OMVEI=$1
GEN=$(dirname "$OMVEI")/bench/omvei_gen
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

"$GEN" --nodes 300 --seed 5 --out "$T/a" --demands 2000 >"$T/a.out" || fail "generator exited with $?"
"$GEN" --nodes 300 --seed 5 --out "$T/b" --demands 2000 >/dev/null || fail "second run exited with $?"
"$GEN" --nodes 300 --seed 5 --out "$T/c" >/dev/null || fail "run without demands exited with $?"
cmp -s "$T/a/demands.csv" "$T/b/demands.csv" || fail "seed 5 twice: demands.csv differs"
for f in nodes.csv links.csv candidates.csv; do
    cmp -s "$T/a/$f" "$T/c/$f" || fail "$f depends on --demands"
done
[ -e "$T/c/demands.csv" ] && fail "demands.csv written without --demands"
head -n 1 "$T/a/demands.csv" | grep -qx 'src,dst,gbps' || fail "header: $(head -n 1 "$T/a/demands.csv")"
[ "$(tail -n +2 "$T/a/demands.csv" | wc -l)" -eq 2000 ] || fail "expected 2000 demands"
[ -z "$(tail -n +2 "$T/a/demands.csv" | cut -d, -f1,2 | sort | uniq -d)" ] || fail "a pair listed twice"
cut -d, -f1 "$T/a/nodes.csv" | tail -n +2 | sort >"$T/ids"
tail -n +2 "$T/a/demands.csv" | awk -F, '$1 == $2 || !($3 > 0) { print }' | grep -q . &&
    fail "a demand from a node to itself or without positive Gbps"
tail -n +2 "$T/a/demands.csv" | tr ',' '\n' | grep '^n' | sort -u | comm -23 - "$T/ids" | grep -q . &&
    fail "a demand names an unknown node"
total=$(awk -F, 'NR > 1 { s += $3 } END { printf "%.3f", s }' "$T/a/demands.csv")
grep -q "^omvei_gen: 2000 demands, $total Gbps in total" "$T/a.out" || fail "summary: $(tail -n 1 "$T/a.out"), files: $total"
# The default total is 5 Gbps per node before the caps: 1,500 here, somewhat less after them.
awk -v t="$total" 'BEGIN { exit !(t > 500 && t <= 1500) }' || fail "total $total Gbps outside (500, 1500]"
"$GEN" --nodes 300 --seed 5 --out "$T/a" >/dev/null
[ -e "$T/a/demands.csv" ] && fail "a stale demands.csv was left in place"
"$GEN" --nodes 300 --seed 5 --out "$T/b" --demands 2000 --demand-gbps 300 >/dev/null || fail "--demand-gbps run failed"
awk -F, 'NR > 1 { s += $3 } END { exit !(s <= 300.5 + 2000 * 0.001) }' "$T/b/demands.csv" || fail "--demand-gbps 300 not respected"

"$OMVEI" check "$T/b" >"$T/check.out" 2>"$T/check.err" || fail "omvei check: $(cat "$T/check.err")"
grep -q "2000 demands" "$T/check.out" || fail "omvei check does not count 2000 demands: $(head -n 1 "$T/check.out")"

"$GEN" --nodes 100 --seed 1 --out "$T/e" --demands 3000 >/dev/null 2>"$T/err"
[ $? -eq 2 ] || fail "--demands 3000 at 100 nodes: expected exit 2"
grep -q "at most N(N-1)/4" "$T/err" || fail "--demands too many: message: $(cat "$T/err")"
"$GEN" --nodes 100 --seed 1 --out "$T/e" --demands 10 --demand-gbps -1 >/dev/null 2>&1
[ $? -eq 2 ] || fail "--demand-gbps -1: expected exit 2"

[ $fails -eq 0 ] && echo "ok: 2000 demands, $total Gbps, deterministic, network unchanged"
exit $((fails > 0))
