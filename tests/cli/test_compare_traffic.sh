#!/usr/bin/env bash
# test_compare_traffic.sh OMVEI SOURCE_DIR — the traffic figures of omvei compare on the Nordic sample
# network (it has demands), checked against an independent computation: omvei reroute on a copy of the
# topology in which the proposal's items are existing links (rows appended to links.csv with the
# candidate rows' columns). The worst unserved Gbps before and after must agree to 1e-6 under both
# border policies, and the worst failure named by compare must be one that reaches that figure. One
# proposal is the sample satellite-first; the other a new long-haul fibre without capacity_gbps
# (unlimited, as in rerouting) and a reserve-power upgrade (no link to route over). The failures are
# the shared-risk groups, whose worst (the Trondheim area) both proposals change; single links would
# multiply the routing runs by ten for the same check. Without demands the figures are absent from
# compare.json, compare.csv, the summary and report.html.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_compare_traffic.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || exit 1
py=/usr/bin/python3

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fails=0
ok() { echo "ok: $*"; }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

net=data/nordic
pdir=$net/proposals
classes=srlg

# The network with a proposal's link items built as existing links (reserve-power rows have no link).
built() { # NAME FILE
    mkdir -p "$work/$1"
    cp $net/nodes.csv $net/demands.csv "$work/$1/"
    $py - $net/links.csv "$2" "$work/$1/links.csv" <<'PY'
import csv, sys
links, prop, out = sys.argv[1:]
with open(links, newline="") as f:
    r = csv.DictReader(f)
    cols, rows = r.fieldnames, list(r)
with open(prop, newline="") as f:
    for row in csv.DictReader(f):
        if row.get("medium") == "power":
            continue
        rows.append({c: ("existing" if c == "status" else row.get(c, "") or "") for c in cols})
with open(out, "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
PY
}

# 1. compare with two proposals under both policies, and the independent reroute runs.
{
    echo "id,a,b,medium,capacity_gbps,length_km,operator,srlg,status,cost_nok,power_h"
    echo "BYPASS-1,BOD,OSL,fiber,,1200,test,,candidate,900000000,"
    grep '^C048,' $pdir/little-effect.csv
} >"$work/bypass.csv"
if "$omvei" compare $net --region north-of-trondheim --against $classes --border allow --border deny --no-optimal \
    --proposal bypass="$work/bypass.csv" --proposal satellite=$pdir/satellite-first.csv -o "$work/out" \
    >"$work/text" 2>"$work/err"; then
    built bypass "$work/bypass.csv"
    built satellite $pdir/satellite-first.csv
    for b in allow deny; do
        "$omvei" reroute $net --failures $classes --border $b --json >"$work/rr-base-$b.json" 2>>"$work/err" ||
            bad "reroute base $b: $(cat "$work/err")"
        for p in bypass satellite; do
            "$omvei" reroute "$work/$p" --failures $classes --border $b --json >"$work/rr-$p-$b.json" 2>>"$work/err" ||
                bad "reroute $p $b: $(cat "$work/err")"
        done
    done
    $py - "$work" <<'PY' && ok "worst unserved Gbps before and after equal reroute on the built networks (both policies, to 1e-6)" || bad "traffic figures differ from reroute"
import csv, json, sys
work = sys.argv[1]
c = json.load(open(f"{work}/out/compare.json"))
views = {v["border"]: v for v in c["by_border"]}
assert set(views) == {"allow", "deny"}
def worst(path):
    d = json.load(open(path))
    m = max([s["unserved_gbps"] for s in d["scenarios"]] + [0.0])
    at = [(s["kind"], s["failed"]) for s in d["scenarios"] if s["unserved_gbps"] > 0 and abs(s["unserved_gbps"] - m) <= 1e-6]
    return m, at, d["demand_total_gbps"]
def failure_ok(f, at, m):
    if m == 0:
        return f is None
    return f is not None and (f["kind"], f["failed"]) in at
for b, v in views.items():
    m, at, total = worst(f"{work}/rr-base-{b}.json")
    base = v["baseline"]
    assert abs(base["unserved_gbps_worst"] - m) <= 1e-6, (b, base, m)
    assert abs(base["demand_gbps"] - total) <= 1e-6, (b, base, total)
    assert failure_ok(base["worst_failure"], at, m), (b, base["worst_failure"], at)
    for p in v["proposals"]:
        pm, pat, _ = worst(f"{work}/rr-{p['name']}-{b}.json")
        assert abs(p["unserved_gbps_worst_before"] - m) <= 1e-6, (b, p["name"], p, m)
        assert abs(p["unserved_gbps_worst_after"] - pm) <= 1e-6, (b, p["name"], p, pm)
        assert failure_ok(p["worst_failure"], pat, pm), (b, p["name"], p["worst_failure"], pat)
        print(f"{b} {p['name']}: worst unserved {p['unserved_gbps_worst_before']} -> {p['unserved_gbps_worst_after']} Gbps, reroute {m} -> {pm}")
# The top-level view is the first policy's.
assert c["baseline"] == views["allow"]["baseline"] and c["proposals"] == views["allow"]["proposals"]
# Both proposals carry some of the demand cut off by the worst failure: the figure drops, the bypass
# (unlimited) by at least the 20 Gbps from Bodø to Oslo.
for b, v in views.items():
    d = {p["name"]: p for p in v["proposals"]}
    assert d["satellite"]["unserved_gbps_worst_after"] < d["satellite"]["unserved_gbps_worst_before"] - 1e-3, (b, d)
    assert d["bypass"]["unserved_gbps_worst_after"] <= d["bypass"]["unserved_gbps_worst_before"] - 20 + 1e-6, (b, d)
# compare.csv carries the same figures.
rows = list(csv.DictReader(open(f"{work}/out/compare.csv")))
assert len(rows) == 4
for r in rows:
    p = {q["name"]: q for q in views[r["border"]]["proposals"]}[r["name"]]
    assert abs(float(r["unserved_gbps_worst_before"]) - p["unserved_gbps_worst_before"]) <= 1e-6, r
    assert abs(float(r["unserved_gbps_worst_after"]) - p["unserved_gbps_worst_after"]) <= 1e-6, r
    f = p["worst_failure"]
    assert r["worst_failure"] == (f"{f['kind']}:{'+'.join(f['failed'])}" if f else ""), r
PY
    # The summary: one line per proposal and policy, with the figures of compare.json.
    $py - "$work/out/compare.json" "$work/text" <<'PY' && ok "the summary says 'worst failure leaves X Gbps unserved (was Y)' for every proposal and policy" || bad "summary traffic lines: $(grep -i gbps "$work/text")"
import json, re, sys
c = json.load(open(sys.argv[1]))
lines = re.findall(r"Worst failure leaves ([0-9.]+) Gbps unserved \(was ([0-9.]+)\)", open(sys.argv[2]).read())
want = [(p["unserved_gbps_worst_after"], p["unserved_gbps_worst_before"]) for v in c["by_border"] for p in v["proposals"]]
assert len(lines) == len(want) == 4, (lines, want)
for (a, b), (wa, wb) in zip(lines, want):
    assert abs(float(a) - wa) <= 0.005 and abs(float(b) - wb) <= 0.005, (a, b, wa, wb)
PY
    grep -q "unserved Gbps under the worst failure" "$work/out/report.html" &&
        ok "report.html's proposals table has the traffic rows" || bad "report.html lacks the traffic rows"
else
    bad "compare failed: $(cat "$work/err")"
fi

# 2. Without demands: the figures are absent, not zero, and nothing speaks of traffic.
mkdir -p "$work/nodemand"
cp $net/nodes.csv $net/links.csv $net/candidates.csv "$work/nodemand/"
if "$omvei" compare "$work/nodemand" --region north-of-trondheim --against $classes --no-optimal \
    --proposal satellite=$pdir/satellite-first.csv -o "$work/out2" >"$work/text2" 2>"$work/err"; then
    $py - "$work/out2/compare.json" "$work/out2/compare.csv" <<'PY' && ok "without demands: no traffic member in compare.json, empty traffic cells in compare.csv" || bad "traffic figures without demands"
import csv, json, sys
c = json.load(open(sys.argv[1]))
for k in ("unserved_gbps_worst", "demand_gbps", "worst_failure"):
    assert k not in c["baseline"], c["baseline"]
for k in ("unserved_gbps_worst_before", "unserved_gbps_worst_after", "worst_failure"):
    assert k not in c["proposals"][0], c["proposals"][0]
rows = list(csv.DictReader(open(sys.argv[2])))
assert rows and all(r["unserved_gbps_worst_before"] == r["unserved_gbps_worst_after"] == r["worst_failure"] == "" for r in rows), rows
PY
    ! grep -qi "gbps\|traffic" "$work/text2" && ! grep -qi "unserved" "$work/out2/report.html" &&
        ok "without demands the summary and report.html say nothing about traffic" ||
        bad "traffic words without demands: $(grep -i 'gbps\|traffic' "$work/text2")"
else
    bad "compare without demands: $(cat "$work/err")"
fi

[ $fails -eq 0 ] && echo "all compare traffic checks passed" || echo "$fails compare traffic checks failed"
[ $fails -eq 0 ]
