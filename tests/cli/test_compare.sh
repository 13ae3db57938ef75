#!/usr/bin/env bash
# test_compare.sh OMVEI SOURCE_DIR — omvei compare on the Nordic sample network with the three sample
# proposals: every figure of compare.json checked against an independent computation with networkx
# (compare_check.py); proposal rows that name a candidate must be identical to it (file:line:col and
# the column); --candidates replaces the folder's candidates.csv; the report folder and the policies
# side by side.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_compare.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || exit 1
py=/usr/bin/python3
$py -c 'import networkx' 2>/dev/null || { echo "SKIP: $py has no networkx"; exit 77; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

net=data/nordic
pdir=$net/proposals
# The protection figures on a copy without demands.csv: routing the demands (test_compare_traffic.sh)
# would only slow these checks down.
nd=$work/nordic
mkdir -p "$nd"
cp $net/nodes.csv $net/links.csv $net/candidates.csv "$nd/"
props=(fibre=$pdir/fibre-coast.csv satellite=$pdir/satellite-first.csv little=$pdir/little-effect.csv)
args=()
for p in "${props[@]}"; do args+=(--proposal "$p"); done

# 1. Every figure against networkx.
if "$omvei" compare "$nd" --region north-of-trondheim --against links,srlg "${args[@]}" --json >"$work/c.json" \
    2>"$work/err"; then
    if $py tests/cli/compare_check.py "$nd" "$work/c.json" "${props[@]}" >"$work/check" 2>&1; then
        ok "$(tail -1 "$work/check")"
    else
        bad "figures differ from networkx:"; cat "$work/check"
    fi
    # The three proposals are what they claim: fibre and satellite protect people, little almost no one.
    $py - "$work/c.json" <<'PY' && ok "fibre and satellite add residents, little adds none and is all idle" || bad "proposal shapes"
import json, sys
d = {p["name"]: p for p in json.load(open(sys.argv[1]))["proposals"]}
assert d["fibre"]["added_residents"] > 10000, d["fibre"]
assert d["satellite"]["added_residents"] > 5000, d["satellite"]
assert d["little"]["added_residents"] == 0 and len(d["little"]["idle_investments"]) == len(d["little"]["items"])
assert d["satellite"]["nok_per_added_resident"] < d["fibre"]["nok_per_added_resident"]
PY
else
    bad "compare failed: $(cat "$work/err")"
fi

# 2. A proposal row with a candidate's id and another content: an input error at the cell.
{ head -1 $net/candidates.csv; grep '^C013,' $net/candidates.csv | sed 's/42510000/40000000/'; } >"$work/changed.csv"
"$omvei" compare "$nd" --proposal x="$work/changed.csv" --no-optimal >/dev/null 2>"$work/err"
rc=$?
if [ $rc -eq 3 ] && grep -q "changed.csv:2:[0-9]*: 'C013' differs in column 'cost_nok' from the item of the same id at $nd/candidates.csv:14" "$work/err"; then
    ok "a changed candidate row is an error naming the file, line, column and the first row"
else
    bad "changed row: rc $rc, $(cat "$work/err")"
fi
# Two proposals may share a new item only when identical. shared_differs NAME COLUMN HEADER ROW1 ROW2:
# proposals a (ROW1) and b (ROW2) under one new id are an input error at b's cell in COLUMN.
shared_differs() {
    printf '%s\n%s\n' "$3" "$4" >"$work/$1-1.csv"
    printf '%s\n%s\n' "$3" "$5" >"$work/$1-2.csv"
    "$omvei" compare "$nd" --proposal a="$work/$1-1.csv" --proposal b="$work/$1-2.csv" --no-optimal >/dev/null 2>"$work/err"
    local rc=$?
    if [ $rc -eq 3 ] && grep -q "$1-2.csv:2:[0-9]*: 'NEW-1' differs in column '$2'" "$work/err"; then
        ok "two proposals whose rows under one new id differ in column $2 are an error"
    else
        bad "shared new id differing in $2: rc $rc, $(cat "$work/err")"
    fi
}
shared_differs p b 'id,a,b,medium,cost_nok' 'NEW-1,BOD,FAU,fiber,1000000' 'NEW-1,BOD,MOR,fiber,1000000'
# The routing metric is part of an item too: a row that differs only there is not the same item.
shared_differs m metric 'id,a,b,medium,cost_nok,metric' 'NEW-1,BOD,FAU,fiber,1000000,10' \
    'NEW-1,BOD,FAU,fiber,1000000,20'
"$omvei" compare "$nd" --proposal a="$work/p-1.csv" --proposal b="$work/p-1.csv" --no-optimal --json >"$work/same.json" 2>"$work/err" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); p=d["proposals"]; assert p[0]["items"]==p[1]["items"]==["NEW-1"]' "$work/same.json" &&
    ok "two proposals may share an identical new item" || bad "identical shared item: $(cat "$work/err")"
"$omvei" compare "$nd" --proposal a="$work/p-1.csv" --proposal a="$work/p-1.csv" >/dev/null 2>&1
[ $? -eq 2 ] && ok "two proposals of one name: usage error" || bad "duplicate proposal name accepted"

# 3. --candidates replaces the folder's candidates.csv (its own file again is not an error).
if "$omvei" plan $net --candidates $net/candidates.csv --region north-of-trondheim --against links,srlg --json \
    >"$work/p_same.json" 2>"$work/err" &&
    "$omvei" plan $net --region north-of-trondheim --against links,srlg --json >"$work/p_default.json"; then
    cmp -s "$work/p_same.json" "$work/p_default.json" && ok "plan --candidates with the folder's own file: the same plan.json bytes" ||
        bad "plan with the folder's own candidates differs"
else
    bad "plan --candidates with the folder's own file: $(cat "$work/err")"
fi
"$omvei" plan $net --candidates $pdir/little-effect.csv --region north-of-trondheim --against links,srlg --json \
    >"$work/p_little.json" 2>"$work/err" &&
    $py -c 'import json,sys; d=json.load(open(sys.argv[1])); ids={i["id"] for i in d["investments"]}; assert ids <= {"C017","C048","C049","C050","C051","LOW-01"}, ids' "$work/p_little.json" &&
    ok "plan --candidates FILE plans over that file only" || bad "plan --candidates replace: $(cat "$work/err")"

# 4. Report folder and policies side by side.
if "$omvei" compare "$nd" --region north-of-trondheim --against links,srlg "${args[@]}" --border allow --border deny \
    --no-optimal -o "$work/out" >"$work/text" 2>"$work/err"; then
    $py - "$work/out/compare.json" "$work/out/compare.csv" "$work/c.json" <<'PY' && ok "compare.json holds both policies; compare.csv one row per policy and proposal; the open block equals the single run" || bad "report folder"
import csv, json, sys
d = json.load(open(sys.argv[1]))
assert d["schema"] == "omvei/compare/1" and d["border"] == "allow"
assert [v["border"] for v in d["by_border"]] == ["allow", "deny"]
single = json.load(open(sys.argv[3]))
assert d["baseline"] == single["baseline"]
for a, b in zip(d["proposals"], single["proposals"]):
    b = dict(b); b["optimal_at_same_cost"] = None
    assert a == b, (a, b)
rows = list(csv.DictReader(open(sys.argv[2])))
assert len(rows) == 6 and {r["border"] for r in rows} == {"allow", "deny"}
PY
    grep -q "== Border policy deny" "$work/text" && grep -q "per added resident" "$work/text" &&
        ok "the summary has one block per policy" || bad "summary: $(head -5 "$work/text")"
    $py -c 'import json,sys; m=json.load(open(sys.argv[1])); s=json.dumps(m); assert "little-effect.csv" in s and "fibre-coast.csv" in s' \
        "$work/out/manifest.json" && ok "the manifest lists the proposal files" || bad "manifest misses the proposal files"
else
    bad "compare -o: $(cat "$work/err")"
fi

[ $fails -eq 0 ] && echo "all compare checks passed" || echo "$fails compare checks failed"
[ $fails -eq 0 ]
