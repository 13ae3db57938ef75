#!/usr/bin/env bash
# test_bench_gen.sh — the benchmark generator bench/omvei_gen: determinism (same seed, same bytes;
# another seed, other files), exact sizes, the structure the benchmarks rely on (kinds, islands,
# shared-risk groups, parallel links, heavy-tailed populations, a realistic share north of
# Trondheim, positions inside Norway), and that omvei loads the result without errors or warnings.
# Usage: bash test_bench_gen.sh OMVEI SOURCE_DIR. Exit 77 (skipped) when the generator is not built.
set -u
OMVEI=$1
GEN=$(dirname "$OMVEI")/bench/omvei_gen
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
rows() { echo $(($(wc -l <"$1") - 1)); }

N=2000
"$GEN" --nodes $N --seed 7 --out "$T/a" >"$T/a.out" || fail "generator exited with $?"
"$GEN" --nodes $N --seed 7 --out "$T/b" >/dev/null || fail "second run exited with $?"
"$GEN" --nodes $N --seed 8 --out "$T/c" >/dev/null || fail "seed 8 run exited with $?"
for f in nodes.csv links.csv candidates.csv; do
    cmp -s "$T/a/$f" "$T/b/$f" || fail "seed 7 twice: $f differs"
done
cmp -s "$T/a/links.csv" "$T/c/links.csv" && fail "seed 7 and seed 8 gave the same links.csv"
cmp -s "$T/a/nodes.csv" "$T/c/nodes.csv" && fail "seed 7 and seed 8 gave the same nodes.csv"
ls "$T/a" | grep -q '\.tmp$' && fail "temporary files left behind"

# Sizes: exactly N nodes, about 1.5 links per node, candidates for the single-homed sites.
nodes=$(rows "$T/a/nodes.csv")
links=$(rows "$T/a/links.csv")
cands=$(rows "$T/a/candidates.csv")
[ "$nodes" -eq $N ] || fail "expected $N nodes, got $nodes"
[ "$links" -ge $((N * 13 / 10)) ] && [ "$links" -le $((N * 17 / 10)) ] ||
    fail "expected 1.3 to 1.7 links per node, got $links links for $N nodes"
[ "$cands" -ge $((N / 4)) ] || fail "expected at least $((N / 4)) candidates, got $cands"
grep -q "^omvei_gen: $N nodes, $links links, $cands candidates" "$T/a.out" ||
    fail "summary line does not match the files: $(cat "$T/a.out")"

# Structure. Columns: nodes id,name,kind,lat,lon,country,population,island,power_h,municipality;
# links id,a,b,medium,capacity_gbps,srlg; candidates id,a,b,medium,length_km,capacity_gbps,power_h,cost_nok.
for k in core ixp exchange site landing border satellite_gateway; do
    grep -q "^[^,]*,[^,]*,$k," "$T/a/nodes.csv" || fail "no node of kind $k"
done
awk -F, 'NR > 1 {
        n++
        if ($4 < 57.9 || $4 > 71.2 || $5 < 4.5 || $5 > 31.1) out++
        if ($4 > 63.43) north++
        if ($8 == "true") isl++
        if ($3 == "site") { s++; if ($9 == 2 || $9 == 3 || $9 == 4) short++; if ($9 == 72) long++ }
    }
    END {
        if (out) print "FAIL: " out " nodes outside Norway'"'"'s bounding box"
        if (north / n < 0.10 || north / n > 0.45) print "FAIL: share north of Trondheim " north / n
        if (isl < 10) print "FAIL: only " isl " island nodes"
        if (short / s < 0.6) print "FAIL: only " short " of " s " sites with 2-4 h reserve power"
        if (long < 1) print "FAIL: no site with 72 h reserve power"
    }' "$T/a/nodes.csv" >"$T/nodes.fail"
[ -s "$T/nodes.fail" ] && { cat "$T/nodes.fail"; fails=$((fails + 1)); }
# Heavy tail: few towns, many small sites.
cut -d, -f7 "$T/a/nodes.csv" | tail -n +2 | sort -n >"$T/pop"
median=$(sed -n "$((N / 2))p" "$T/pop")
top=$(tail -n 1 "$T/pop")
[ "$top" -ge $((20 * (median + 1))) ] || fail "population not heavy-tailed: max $top, median $median"
for f in nodes links candidates; do tail -n +2 "$T/a/$f.csv"; done | cut -d, -f1 | sort | uniq -d | grep -q . &&
    fail "duplicate ids"
grep -q ',subsea,' "$T/a/links.csv" || fail "no subsea link"
grep -q ',microwave,' "$T/a/links.csv" || fail "no microwave link"
[ "$(awk -F, 'NR > 1 && $6 != ""' "$T/a/links.csv" | wc -l)" -ge 10 ] || fail "fewer than 10 links in shared-risk groups"
awk -F, 'NR > 1 { k = ($2 < $3) ? $2 "," $3 : $3 "," $2; if (seen[k]++) dup++ } END { exit !(dup > 0) }' \
    "$T/a/links.csv" || fail "no parallel links"
for m in fiber satellite power; do
    grep -q ",$m," "$T/a/candidates.csv" || fail "no $m candidate"
done
awk -F, 'NR > 1 && ($8 == "" || $8 + 0 <= 0)' "$T/a/candidates.csv" | grep -q . && fail "a candidate without a cost"
awk -F, 'NR > 1 && $4 == "power" && ($3 != "" || $7 != 72)' "$T/a/candidates.csv" | grep -q . &&
    fail "a power candidate with column b set or power_h other than 72"

# Candidates per site: 0 writes no candidates.csv (and removes an old one); 3 writes more than 2.
"$GEN" --nodes $N --seed 7 --out "$T/a" --candidates-per-site 0 >/dev/null || fail "K=0 run exited with $?"
[ -e "$T/a/candidates.csv" ] && fail "candidates.csv left with --candidates-per-site 0"
cmp -s "$T/a/links.csv" "$T/b/links.csv" || fail "links.csv depends on --candidates-per-site"
"$GEN" --nodes $N --seed 7 --out "$T/d" --candidates-per-site 3 >/dev/null || fail "K=3 run exited with $?"
[ "$(rows "$T/d/candidates.csv")" -gt "$cands" ] || fail "K=3 gave no more candidates than K=2"

# omvei loads the folder: no error, no warning, one component, the counts of the files.
"$OMVEI" check "$T/b" >"$T/check.out" 2>"$T/check.err"
rc=$?
[ $rc -eq 0 ] || fail "omvei check exited with $rc: $(cat "$T/check.err")"
grep -q "^Network: $N nodes, $links links, $cands candidates" "$T/check.out" ||
    fail "omvei check counts differ: $(head -n 1 "$T/check.out")"
grep -q '^Components: 1$' "$T/check.out" || fail "not one component: $(grep Components "$T/check.out")"
grep -q '^Warnings: 0$' "$T/check.out" || fail "warnings: $(sed -n '/^Warnings/,$p' "$T/check.out")"

# Usage errors exit 2 with a message.
"$GEN" --nodes 5 --out "$T/e" 2>"$T/err5" >/dev/null
rc=$?
[ $rc -eq 2 ] || fail "--nodes 5: expected exit 2, got $rc"
grep -q "expected a whole number from 100" "$T/err5" || fail "--nodes 5: message: $(cat "$T/err5")"
"$GEN" --seed 1 >/dev/null 2>"$T/errn"
[ $? -eq 2 ] || fail "missing --nodes: expected exit 2"
grep -q -- "--nodes and --out are required" "$T/errn" || fail "missing --nodes: message: $(cat "$T/errn")"

[ $fails -eq 0 ] && echo "ok: generator deterministic, $nodes nodes, $links links, $cands candidates"
exit $((fails > 0))
