#!/usr/bin/env bash
# plan_bench.sh — the investment-planner benchmark: omvei plan (min-cost, against links and
# shared-risk groups) and its peers on the same generated topologies, in one run. Prints a markdown
# table and writes it to bench/results/plan-<date>.md.
#
# Usage: bench/plan_bench.sh BUILD_DIR   (BUILD_DIR holds the omvei binary and bench/omvei_gen)
#
# Peers, all on the same instance:
#   glpsol    models/protect.mod (the compact flow form) with the data section omvei writes
#             (omvei plan --write-data): the same model, solved by GLPK's own branch-and-bound;
#   cbc       the same model translated by GLPK and written as free MPS (omvei plan --write-mps);
#   networkx  k_edge_augmentation(k=2) with the candidate links as weighted available edges
#             (bench/peers/plan_networkx.py): a neighbouring problem, for the cost of its answer.
# The compact form has one flow per (target, failure) pair that matters and per link: beyond
# BENCH_PLAN_MAX_COLS columns glpsol and cbc are not started and the row says how large it would be.
#
# Environment:
#   BENCH_PLAN_SIZES       node counts of omvei_gen              (default 100,1000,10000: about 90,
#                                                                 10^3 and 10^4 target sites)
#   BENCH_PLAN_TIME_LIMIT  seconds per tool and instance         (default 600)
#   BENCH_PLAN_SEED        generator seed                        (default 1)
#   BENCH_PLAN_CANDIDATES  candidates per single-homed site      (default 3)
#   BENCH_PLAN_MAX_COLS    largest compact model given to peers  (default 3000000)
#   BENCH_PLAN_AGAINST     failure classes                       (default links,srlg)
#   BENCH_PLAN_RESULTS     result file                           (default bench/results/plan-<date>.md)
#   PYTHON                 interpreter for networkx              (default /usr/bin/python3)
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: bench/plan_bench.sh BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OMVEI=$BUILD/omvei
GEN=$BUILD/bench/omvei_gen
PY=${PYTHON:-/usr/bin/python3}
SIZES=${BENCH_PLAN_SIZES:-100,1000,10000}
LIMIT=${BENCH_PLAN_TIME_LIMIT:-600}
SEED=${BENCH_PLAN_SEED:-1}
CANDS=${BENCH_PLAN_CANDIDATES:-3}
MAX_COLS=${BENCH_PLAN_MAX_COLS:-3000000}
AGAINST=${BENCH_PLAN_AGAINST:-links,srlg}
DATE=$(date +%F)
RESULTS=${BENCH_PLAN_RESULTS:-$HERE/results/plan-$DATE.md}
DATA=$BUILD/bench-data

for f in "$OMVEI" "$GEN"; do
    [ -x "$f" ] || { echo "plan_bench.sh: $f not found: build first (make build)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "plan_bench.sh: /usr/bin/time not found (Debian package 'time')" >&2; exit 1; }
HAVE_GLPSOL=0; command -v glpsol >/dev/null 2>&1 && HAVE_GLPSOL=1
HAVE_CBC=0; command -v cbc >/dev/null 2>&1 && HAVE_CBC=1
HAVE_NX=0; "$PY" -c 'import networkx' >/dev/null 2>&1 && HAVE_NX=1

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure OUT ERR CMD...: runs CMD under /usr/bin/time (and a timeout a little past the limit, for
# peers without one of their own); sets WALL (s) and RC.
measure() {
    local out=$1 err=$2
    shift 2
    RC=0
    /usr/bin/time -f '%e' -o "$WORK/time" timeout --signal=INT --kill-after=30 "$((LIMIT + 60))" "$@" \
        >"$out" 2>"$err" || RC=$?
    WALL=$(tail -n 1 "$WORK/time")
    [[ "$WALL" =~ ^[0-9.]+$ ]] || WALL=""
}

# topology SIZE: the cached folder for SIZE, generated when missing or stale.
topology() {
    local n=$1 dir="$DATA/plan-n$1-s$SEED-k$CANDS"
    local key
    key="$n $SEED $CANDS $(sha256sum "$GEN" | cut -d' ' -f1)"
    if [ ! -f "$dir/stamp" ] || [ "$(head -n 1 "$dir/stamp")" != "$key" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        echo "generating $n nodes (seed $SEED, $CANDS candidates per site) ..." >&2
        "$GEN" --nodes "$n" --seed "$SEED" --out "$dir" --candidates-per-site "$CANDS" >&2
        echo "$key" >"$dir/stamp"
    fi
    echo "$dir"
}

# jget FILE KEY...: a value of a JSON file, by path ("" when absent or null).
jget() {
    "$PY" - "$@" <<'EOF'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
    for k in sys.argv[2:]:
        d = d[k]
    print("" if d is None else d)
except Exception:
    print("")
EOF
}

# solve_s MANIFEST: the plan's solve time in seconds (timings live only in the manifest).
solve_s() {
    "$PY" - "$1" <<'EOF'
import json, sys
try:
    runs = json.load(open(sys.argv[1]))["runs"]
    print([r for r in runs if r["command"] == "plan"][-1]["timings"]["solve_ms"] / 1000)
except Exception:
    print("")
EOF
}

# why RC ERRFILE: a note for a tool that did not finish.
why() {
    case "$1" in
    124 | 130) echo "stopped at the time limit ($((LIMIT + 60)) s)" ;;
    137) echo "killed (signal 9: out of memory, or past the time limit)" ;;
    *) tail -n 1 "$2" ;;
    esac
}

ROWS=$WORK/rows
: >"$ROWS"
# row INSTANCE TARGETS TOOL STATUS OBJECTIVE TIME NOTE
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"; }

IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
for n in "${SIZE_LIST[@]}"; do
    dir=$(topology "$n")
    inst="gen n=$n s=$SEED k=$CANDS"
    cat "$dir"/*.csv >/dev/null

    echo "size $n: omvei ..." >&2
    measure "$WORK/omvei.out" "$WORK/omvei.err" "$OMVEI" plan "$dir" --against "$AGAINST" --time-limit "$LIMIT" \
        --json -q -o "$WORK/rep-$n"
    targets=""
    if [ "$RC" -ne 0 ]; then
        row "$inst" "" omvei "failed ($RC)" "" "$WALL" "$(tail -n 1 "$WORK/omvei.err")"
    else
        j=$WORK/rep-$n/plan.json
        targets=$(jget "$j" targets count)
        infeasible=$(jget "$j" targets infeasible)
        row "$inst" "$targets" omvei "$(jget "$j" status)" "$(jget "$j" objective)" "$(solve_s "$WORK/rep-$n/manifest.json")" \
            "gap $(jget "$j" gap); bound $(jget "$j" bound); $(jget "$j" nodes) nodes, $(jget "$j" cuts_added) lazy rows; $infeasible infeasible targets; wall $WALL s with verification and reports"
    fi

    # The compact model: data section first, its size decides whether the MILP peers run.
    dat=$WORK/plan-$n.dat
    mps=$WORK/plan-$n.mps
    cols=""
    if "$OMVEI" plan "$dir" --against "$AGAINST" --write-data "$dat" -q 2>"$WORK/export.err"; then
        cols=$("$PY" - "$dat" <<'EOF'
import sys
text = open(sys.argv[1]).read()
links = text.split("param : L : a b :=", 1)[1].split(";", 1)[0].split()
pairs = text.split("set P :=", 1)[1].split(";", 1)[0].split()
print((len(pairs) // 2) * (len(links) // 3) * 2)
EOF
)
    fi
    for tool in glpsol cbc; do
        have=$HAVE_GLPSOL
        [ "$tool" = cbc ] && have=$HAVE_CBC
        if [ "$have" != 1 ]; then
            row "$inst" "$targets" "$tool" skipped "" "" "$tool not installed"
            continue
        fi
        if [ -z "$cols" ]; then
            row "$inst" "$targets" "$tool" skipped "" "" "export failed: $(tail -n 1 "$WORK/export.err")"
            continue
        fi
        if [ "$cols" -gt "$MAX_COLS" ]; then
            row "$inst" "$targets" "$tool" skipped "" "" "compact model: about $cols flow columns (> BENCH_PLAN_MAX_COLS=$MAX_COLS)"
            continue
        fi
        echo "size $n: $tool ..." >&2
        if [ "$tool" = glpsol ]; then
            measure "$WORK/glpsol.out" "$WORK/glpsol.err" glpsol -m "$ROOT/models/protect.mod" -d "$dat" \
                --tmlim "$LIMIT" -o "$WORK/glpsol.sol"
            status=$(sed -n 's/^Status: *//p' "$WORK/glpsol.sol" 2>/dev/null | head -n 1)
            obj=$(sed -n 's/^Objective: *total = \([-0-9.e+]*\).*/\1/p' "$WORK/glpsol.sol" 2>/dev/null | head -n 1)
            case "$status" in
            "INTEGER OPTIMAL") status=optimal ;;
            "INTEGER NON-OPTIMAL") status=time_limit ;;
            "") status="failed ($RC)" ;;
            esac
            note="same model ($cols flow columns), GLPK branch-and-bound"
            [ "$RC" -ne 0 ] && note="$note; $(why "$RC" "$WORK/glpsol.err")"
            row "$inst" "$targets" glpsol "$status" "$obj" "$WALL" "$note"
        else
            [ -f "$mps" ] || "$OMVEI" plan "$dir" --against "$AGAINST" --write-mps "$mps" -q 2>"$WORK/export.err" || true
            measure "$WORK/cbc.out" "$WORK/cbc.err" cbc "$mps" -sec "$LIMIT" -solve -quit
            res=$(sed -n 's/^Result - //p' "$WORK/cbc.out" | head -n 1)
            obj=$(sed -n 's/^Objective value: *\([-0-9.e+]*\).*/\1/p' "$WORK/cbc.out" | head -n 1)
            case "$res" in
            "Optimal solution found"*) status=optimal ;;
            "Stopped on time"*) status=time_limit ;;
            "") status="failed ($RC)" ;;
            *) status=$res ;;
            esac
            row "$inst" "$targets" cbc "$status" "$obj" "$WALL" "same model as free MPS"
        fi
    done
    if [ "$HAVE_NX" = 1 ]; then
        echo "size $n: networkx ..." >&2
        measure "$WORK/nx.out" "$WORK/nx.err" "$PY" "$HERE/peers/plan_networkx.py" "$dir"
        if [ "$RC" -eq 0 ]; then
            obj=$(sed -n 's/.*"cost_nok": \([0-9.]*\).*/\1/p' "$WORK/nx.out")
            edges=$(sed -n 's/.*"edges": \([0-9]*\).*/\1/p' "$WORK/nx.out")
            row "$inst" "$targets" networkx "heuristic" "$obj" "$WALL" \
                "k_edge_augmentation k=2, $edges edges: whole graph, links only, no groups/terminals/power"
        else
            row "$inst" "$targets" networkx "failed ($RC)" "" "$WALL" "$(why "$RC" "$WORK/nx.err")"
        fi
    else
        row "$inst" "$targets" networkx skipped "" "" "python3-networkx not installed"
    fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
{
    echo "# plan benchmark, $DATE"
    echo
    echo "Machine: $cpu, $(nproc) cores. $("$OMVEI" --version 2>/dev/null | tr '\n' ' ')"
    echo "Task: omvei plan --against $AGAINST (min-cost: protect every target that can be protected), time limit $LIMIT s per tool."
    echo "Inputs: bench/omvei_gen --seed $SEED --candidates-per-site $CANDS; every site is a target."
    echo "Threads: OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset (all cores)}. Load average: $LOAD_BEFORE before, $(cut -d' ' -f1-3 /proc/loadavg) after."
    echo
    echo "| instance | targets | tool | status | objective (NOK) | time s | ratio | notes |"
    echo "|---|---:|---|---|---:|---:|---:|---|"
    awk -F'\t' '
        { line[NR] = $0; if ($3 == "omvei" && $5 ~ /^[0-9.e+]+$/) ob[$1] = $5 }
        END {
            for (i = 1; i <= NR; i++) {
                split(line[i], f, "\t")
                ratio = ""
                if (f[5] ~ /^[0-9.e+]+$/ && (f[1] in ob) && ob[f[1]] > 0)
                    ratio = sprintf("%.3f", f[5] / ob[f[1]])
                obj = f[5] ~ /^[0-9.e+]+$/ ? sprintf("%.0f", f[5]) : f[5]
                printf "| %s | %s | %s | %s | %s | %s | %s | %s |\n", f[1], f[2], f[3], f[4], obj, f[6], ratio, f[7]
            }
        }' "$ROWS"
    echo
    echo "time s: omvei's solve time (manifest.json timings.solve_ms of the plan run: to proven optimum, or the limit); the peers' wall time."
    echo "ratio: objective divided by omvei's on the same instance (1.000: the same cost; networkx solves a"
    echo "different problem, so its ratio is a comparison of answers, not of solvers)."
} >"$WORK/report.md"

cat "$WORK/report.md"
mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/report.md" "$RESULTS"
echo >&2
echo "written to $RESULTS" >&2
