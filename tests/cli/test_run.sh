#!/usr/bin/env bash
# test_run.sh OMVEI SOURCE_DIR — omvei run: the main job's scenario file gives the same files as the
# equivalent commands byte for byte, the same bytes on a second run (manifest.json aside, which holds
# the timings), a manifest with every step's parameters and the hashes of the files read, and errors
# that name file:line:col.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_run.sh OMVEI SOURCE_DIR" >&2
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

# The same bytes: no field is ignored (timings live only in the manifest).
same() { cmp -s "$1" "$2"; }

# Both runs write to a folder of the same name (report.html names its folder), one after the other.
"$omvei" run data/main-job.yaml -o "$work/r" >"$work/a.txt" 2>"$work/err" || bad "run: $(cat "$work/err")"
mv "$work/r" "$work/a"
"$omvei" run data/main-job.yaml -o "$work/r" >"$work/b.txt" 2>/dev/null || bad "second run"
mv "$work/r" "$work/b"
n=0
for f in $(cd "$work/a" && find . -type f ! -name manifest.json | sort); do
    n=$((n + 1))
    same "$work/a/$f" "$work/b/$f" || bad "second run differs in $f"
done
[ $n -ge 15 ] && ok "$n report files, the same on a second run" || bad "only $n report files"
cmp -s "$work/a.txt" "$work/b.txt" && ok "the same summary on a second run" || bad "summaries differ"

# The equivalent commands, into their own folders.
net=data/nordic
nl=polygon:data/regions/nordland.geojson:2,4,8,24,72
pd=$net/proposals
c=$work/c
"$omvei" check $net -o $c >/dev/null 2>&1
"$omvei" spof $net --region north-of-trondheim --power-outage $nl --aftermath -o $c >/dev/null 2>&1
"$omvei" spof $net --region north-of-trondheim --power-outage $nl --border deny --aftermath -o $c/domestic >/dev/null 2>&1
"$omvei" plan $net --region north-of-trondheim --against links,srlg -o $c >/dev/null 2>&1
"$omvei" plan $net --region north-of-trondheim --against links,srlg --border deny -o $c/domestic >/dev/null 2>&1
"$omvei" plan $net --region north-of-trondheim --against links,srlg --sweep 0,50M,100M,200M,400M,800M,1.2bn,1.6bn,2.4bn \
    -o $c >/dev/null 2>&1
"$omvei" compare $net --region north-of-trondheim --against links,srlg --border allow --border deny \
    --proposal coastal-fibre=$pd/fibre-coast.csv --proposal satellite-first=$pd/satellite-first.csv \
    --proposal little-effect=$pd/little-effect.csv -o $c >/dev/null 2>&1
m=0
for f in check.json spof.json spof_items.csv spof_sites.csv map.geojson plan.json plan_investments.csv plan_sweep.json \
    plan_sweep.csv compare.json compare.csv domestic/spof.json domestic/plan.json; do
    m=$((m + 1))
    [ -f "$c/$f" ] && same "$work/a/$f" "$c/$f" || bad "$f differs from the command's"
done
ok "$m files compared with the equivalent commands"

# The manifest: every step with its parameters and the hashes of the files read.
$py - "$work/a/manifest.json" <<'PY' && ok "manifest: 9 steps, scenario parameters, hashes of the scenario file, the Nordland polygon and the proposals" || bad "manifest"
import hashlib, json, sys
m = json.load(open(sys.argv[1]))
steps = sorted(m["steps"], key=lambda s: s["index"])
assert [s["command"] for s in steps] == ["check", "spof", "spof", "plan", "plan", "plan", "compare", "reroute",
                                         "reroute"], steps
assert steps[1]["scenario"]["region"] == "north-of-trondheim"
assert steps[2]["scenario"]["border"] == "deny" and steps[2]["folder"] == "domestic"
def sha(p):
    return hashlib.sha256(open(p, "rb").read()).hexdigest()
for s in steps:
    ins = {i["path"]: i["sha256"] for i in s["inputs"]}
    assert ins["data/main-job.yaml"] == sha("data/main-job.yaml")
    for p, h in ins.items():
        assert h == sha(p), p
ins1 = {i["path"] for i in steps[1]["inputs"]}
assert "data/regions/nordland.geojson" in ins1, ins1
ins6 = {i["path"] for i in steps[6]["inputs"]}
assert "data/nordic/proposals/little-effect.csv" in ins6, ins6
PY
# Timings: in the manifest only (the plan's solve time), never in another file of the folder.
$py - "$work/a/manifest.json" <<'PY' && ok "the plan's solve time is in the manifest's timings" || bad "manifest timings"
import json, sys
runs = {r["command"]: r for r in json.load(open(sys.argv[1]))["runs"]}
assert isinstance(runs["plan"]["timings"]["solve_ms"], int), runs["plan"]
PY
if grep -rlE '"solve_time|_time_s"|wall_s|solve_ms' "$work/a" "$c" --exclude=manifest.json >"$work/timed"; then
    bad "timings outside the manifest: $(cat "$work/timed")"
else
    ok "no timing in any report file but the manifest"
fi

# Errors name file:line:col.
printf 'topology: data/nordic\nregion: nowhere\nsteps:\n  - spof\n' >"$work/bad1.yaml"
"$omvei" run "$work/bad1.yaml" -o "$work/x" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 3 ] && grep -q "bad1.yaml:2:9: .*unknown region 'nowhere'" "$work/err" && ok "a bad region: exit 3 at 2:9" ||
    bad "bad region: rc $rc $(cat "$work/err")"
printf 'topology: data/nordic\nsteps:\n  - spof:\n      budget: 1M\n' >"$work/bad2.yaml"
"$omvei" run "$work/bad2.yaml" -o "$work/x" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 2 ] && grep -q "bad2.yaml:4:15: step 'spof' takes no option 'budget'" "$work/err" && ok "an option the step does not take: exit 2 at 4:15" ||
    bad "unknown option: rc $rc $(cat "$work/err")"
printf 'topology: data/nordic\nsteps:\n  - floodgate\n' >"$work/bad3.yaml"
"$omvei" run "$work/bad3.yaml" -o "$work/x" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 2 ] && grep -q "bad3.yaml:3:5: unknown step 'floodgate'" "$work/err" && ok "an unknown step: exit 2 at its place" ||
    bad "unknown step: rc $rc $(cat "$work/err")"
printf 'topology: data/nordic\nsteps: [check\n' >"$work/bad4.yaml"
"$omvei" run "$work/bad4.yaml" -o "$work/x" >/dev/null 2>"$work/err"
rc=$?
[ $rc -eq 3 ] && grep -q "bad4.yaml:[0-9]*:[0-9]*: " "$work/err" && ok "a YAML syntax error: exit 3 with file:line:col" ||
    bad "syntax: rc $rc $(cat "$work/err")"

[ $fails -eq 0 ] && echo "all run checks passed" || echo "$fails run checks failed"
[ $fails -eq 0 ]
