#!/usr/bin/env bash
# test_shard.sh OMVEI SOURCE_DIR — runs split with --shard K/N and joined by omvei merge give the
# files and the summary one process gives (manifest.json and report.html aside: they name the run),
# for reroute (links and risk groups, border deny), plan --sweep and compare, N = 1, 2, 3 and 7; a
# merge with a part missing fails (exit 3), names the missing shards and writes nothing; parts of
# different options or of changed inputs are refused.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_shard.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || exit 1

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# same_dirs A B: every file of A but manifest.json and report.html is in B with the same bytes.
same_dirs() {
    local f b n=0
    for f in "$1"/*; do
        b=$(basename "$f")
        case "$b" in manifest.json | report.html) continue ;; esac
        n=$((n + 1))
        cmp -s "$f" "$2/$b" || { echo "  $b differs"; return 1; }
    done
    [ "$n" -gt 0 ] || { echo "  no result file in $1"; return 1; }
}

# check NAME COMMAND ARGS...: one process, then N shards and a merge for N in 1 2 3 7.
check() {
    local name=$1
    shift
    local one=$work/$name-one
    "$omvei" "$@" -o "$one" -q >"$one.txt" 2>"$one.err" || { bad "$name: one process failed: $(cat "$one.err")"; return; }
    local n k parts
    for n in 1 2 3 7; do
        parts=()
        for k in $(seq 1 "$n"); do
            "$omvei" "$@" --shard "$k/$n" -o "$work/$name-$n-$k" -q 2>"$work/err" ||
                { bad "$name: shard $k/$n failed: $(cat "$work/err")"; continue 2; }
            [ -s "$work/$name-$n-$k/part.json" ] || { bad "$name: shard $k/$n wrote no part.json"; continue 2; }
            parts+=("$work/$name-$n-$k")
        done
        # Parts in any order.
        local merged=$work/$name-$n-merged
        "$omvei" merge $(printf '%s\n' "${parts[@]}" | sort -r) -o "$merged" -q >"$merged.txt" 2>"$work/err" ||
            { bad "$name: merge of $n failed: $(cat "$work/err")"; continue; }
        if same_dirs "$one" "$merged" && cmp -s "$one.txt" "$merged.txt"; then
            ok "$name: $n shard(s) merged = one process ($(ls "$one" | wc -l) files and the summary)"
        else
            bad "$name: $n shard(s) merged differ from one process"
        fi
    done
}

check reroute reroute data/nordic --failures links,srlg --border deny
check sweep plan data/nordic --against links,srlg --sweep 0,50M,100M,200M,400M,800M,1.2bn,1.6bn,2.4bn
check compare compare data/nordic --against links,srlg \
    --proposal coastal-fibre=data/nordic/proposals/fibre-coast.csv \
    --proposal satellite-first=data/nordic/proposals/satellite-first.csv \
    --proposal little-effect=data/nordic/proposals/little-effect.csv

# A sweep point is what plan --budget gives alone (no state carried between budgets).
"$omvei" plan data/nordic --against links,srlg --budget 100M --json -q >"$work/b100.json" 2>/dev/null
python3 - "$work/b100.json" "$work/sweep-one/plan_sweep.json" <<'PY' && ok "sweep point 100M = plan --budget 100M (every field)" || bad "sweep point 100M differs from plan --budget 100M"
import json, sys
one = json.load(open(sys.argv[1]))
sweep = json.load(open(sys.argv[2]))
pt = [p for p in sweep["points"] if p["budget_nok"] == 1e8][0]
drop = lambda d: {k: v for k, v in d.items() if k not in ("schema", "pareto", "solve_time_s")}
sys.exit(0 if drop(pt) == drop(one) and one["investments"] else 1)
PY

# A missing part: exit 3, the shard named for sbatch --array, nothing written.
p3=$work/reroute-3
"$omvei" merge "$p3-1" "$p3-3" -o "$work/missing" >/dev/null 2>"$work/err"
rc=$?
if [ $rc -eq 3 ] && grep -q "missing shards: 2$" "$work/err" && grep -q "sbatch --array=2" "$work/err" &&
    [ ! -e "$work/missing" ]; then
    ok "a missing part: exit 3, shard 2 named, nothing written"
else
    bad "a missing part: exit $rc, $(cat "$work/err")"
fi
p7=$work/sweep-7
"$omvei" merge "$p7-1" "$p7-4" "$p7-7" -o "$work/missing7" >/dev/null 2>"$work/err"
grep -q "missing shards: 2,3,5,6$" "$work/err" && ok "four missing of seven listed" || bad "missing of seven: $(cat "$work/err")"

# A part given twice.
"$omvei" merge "$p3-1" "$p3-1" "$p3-2" "$p3-3" -o "$work/twice" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 3 ] && grep -q "given twice" "$work/err" && [ ! -e "$work/twice" ] && ok "a part twice refused" ||
    bad "a part twice: exit $rc, $(cat "$work/err")"

# Parts of different options (border allow against deny), of different commands, of different splits.
"$omvei" reroute data/nordic --failures links,srlg --border allow --shard 2/3 -o "$work/allow-2" -q 2>/dev/null
"$omvei" merge "$p3-1" "$work/allow-2" "$p3-3" -o "$work/mixed" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 3 ] && grep -q "different inputs or options" "$work/err" && [ ! -e "$work/mixed" ] &&
    ok "parts of different options refused" || bad "different options: exit $rc, $(cat "$work/err")"
"$omvei" merge "$p3-1" "$work/sweep-3-2" "$p3-3" -o "$work/mixed2" >/dev/null 2>"$work/err"
[ $? -eq 3 ] && grep -q "parts of different runs" "$work/err" && ok "parts of different commands refused" ||
    bad "different commands: $(cat "$work/err")"
"$omvei" merge "$p3-1" "$work/reroute-2-2" -o "$work/mixed3" >/dev/null 2>"$work/err"
[ $? -eq 3 ] && grep -q "different splits" "$work/err" && ok "parts of different splits refused" ||
    bad "different splits: $(cat "$work/err")"

# Inputs changed between the shards and the merge: the merge reads them again and refuses.
cp -r data/nordic "$work/nordic"
for k in 1 2; do
    "$omvei" reroute "$work/nordic" --failures links --shard "$k/2" -o "$work/ch-$k" -q 2>/dev/null
done
sed -i '2s/,/ ,/' "$work/nordic/nodes.csv"
"$omvei" merge "$work/ch-1" "$work/ch-2" -o "$work/changed" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 3 ] && grep -q "inputs changed" "$work/err" && [ ! -e "$work/changed/reroute.json" ] &&
    ok "changed inputs refused" || bad "changed inputs: exit $rc, $(cat "$work/err")"

# Usage: a bad K/N, --shard without -o, --shard on a single plan; a folder without a part.
for a in 0/3 4/3 3 1/0 a/b 1/3x -1/3; do
    "$omvei" reroute data/nordic --shard "$a" -o "$work/u" >/dev/null 2>&1
    [ $? -eq 2 ] || bad "--shard $a not a usage error"
done
"$omvei" reroute data/nordic --shard 1/2 >/dev/null 2>&1
[ $? -eq 2 ] || bad "--shard without -o not a usage error"
"$omvei" plan data/nordic --budget 1M --shard 1/2 -o "$work/u" >/dev/null 2>&1
[ $? -eq 2 ] || bad "--shard on a single plan not a usage error"
"$omvei" merge "$work/reroute-one" -o "$work/u2" >/dev/null 2>"$work/err"
[ $? -eq 3 ] && grep -q "no part.json" "$work/err" || bad "a folder without part.json: $(cat "$work/err")"
echo '{"schema": "omvei/part/1", "command": "reroute"' >"$work/broken.json"
mkdir -p "$work/broken" && cp "$work/broken.json" "$work/broken/part.json"
"$omvei" merge "$work/broken" -o "$work/u3" >/dev/null 2>"$work/err"
[ $? -eq 3 ] && grep -q "part.json:" "$work/err" || bad "a broken part.json: $(cat "$work/err")"
[ $fails -eq 0 ] && ok "usage and malformed parts"

# More shards than scenarios: empty shards are parts too.
for k in 1 2 3 4 5 6 7 8 9 10 11 12; do
    "$omvei" plan data/nordic --against links --sweep 0,100M,1bn --shard "$k/12" -o "$work/many-$k" -q 2>/dev/null
done
"$omvei" plan data/nordic --against links --sweep 0,100M,1bn -o "$work/few-one" -q >/dev/null 2>&1
"$omvei" merge "$work"/many-* -o "$work/few-merged" -q >/dev/null 2>"$work/err" ||
    bad "merge of 12 shards of 3 budgets: $(cat "$work/err")"
same_dirs "$work/few-one" "$work/few-merged" && ok "12 shards of 3 budgets merged" || bad "12 shards of 3 budgets"

[ $fails -eq 0 ] || { echo "$fails check(s) failed"; exit 1; }
echo "all shard checks passed"
