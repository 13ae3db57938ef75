#!/usr/bin/env bash
# test_plan_gap.sh OMVEI SOURCE_DIR — plan --gap: a budget plan stops once the best plan found is
# proven within the requested relative gap of the optimum, says so (status gap_limit, or optimal when
# the search closes first), and its plan and bound bracket the optimum the full search proves.
set -u
omvei=$1
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
gen=$(dirname "$omvei")/bench/omvei_gen
[ -x "$gen" ] || { echo "generator not built: $gen (skipped)"; exit 77; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$gen" --nodes 600 --seed 3 --out "$work/net" --candidates-per-site 3 > /dev/null || exit 1
args=("$work/net" --against links,srlg --no-analysis --json --budget 150M --threads 2)
"$omvei" plan "${args[@]}" > "$work/full.json" || { echo "FAIL: plan without --gap"; exit 1; }
"$omvei" plan "${args[@]}" --gap 20% > "$work/gap.json" || { echo "FAIL: plan --gap 20%"; exit 1; }
/usr/bin/python3 - "$work/full.json" "$work/gap.json" <<'PY'
import json, sys
full, gap = (json.load(open(p)) for p in sys.argv[1:3])
passed = failed = 0
def check(what, ok):
    global passed, failed
    print(("ok - " if ok else "FAIL - ") + what)
    passed += ok
    failed += not ok
opt = full["objective"]
check("the full search proves the optimum", full["status"] == "optimal")
check("--gap 20%% ends with gap_limit or optimal (%s)" % gap["status"], gap["status"] in ("gap_limit", "optimal"))
check("its reported gap is at most 20%% (%s)" % gap["gap"], gap["gap"] <= 0.2 + 1e-9)
check("its plan protects at most the optimum and at least 80%% of it (%s of %s)" % (gap["objective"], opt),
      0.8 * opt - 1e-6 <= gap["objective"] <= opt + 1e-6)
check("its bound is at least the optimum (%s)" % gap["bound"], gap["bound"] >= opt - 1e-6)
print("%d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
PY
