#!/usr/bin/env bash
# run.sh — the single-points-of-failure benchmark: omvei and its peers, side by side in one run, on
# the same generated topologies. Prints a markdown table of wall time and peak memory and writes it
# to bench/results/spof-<date>.md; then runs bench/plan_bench.sh when that exists and is executable.
#
# Usage: bench/run.sh BUILD_DIR        (BUILD_DIR holds the omvei binary and bench/omvei_gen)
#
# Environment:
#   BENCH_SIZES       comma-separated node counts            (default 10000,100000,1000000)
#   BENCH_SEED        generator seed                         (default 1)
#   BENCH_CANDIDATES  candidates per single-homed site       (default 0: the peers read no candidates)
#   BENCH_NX_MAX      largest size networkx is run at        (default 100000)
#   BENCH_NAIVE_MAX   largest size the naive method runs at  (default 10000)
#   BENCH_RESULTS     result file                            (default bench/results/spof-<date>.md)
#   BENCH_REPEAT      runs of each timed command: the median wall time and the largest peak are
#                     reported                               (default 3; the naive method runs once)
#   PYTHON            interpreter for the peers              (default /usr/bin/python3)
# Generated topologies are cached in BUILD_DIR/bench-data/, keyed by size, seed, candidates and the
# generator binary; a changed generator regenerates them.
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: bench/run.sh BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OMVEI=$BUILD/omvei
GEN=$BUILD/bench/omvei_gen
PY=${PYTHON:-/usr/bin/python3}
SIZES=${BENCH_SIZES:-10000,100000,1000000}
SEED=${BENCH_SEED:-1}
CANDS=${BENCH_CANDIDATES:-0}
NX_MAX=${BENCH_NX_MAX:-100000}
NAIVE_MAX=${BENCH_NAIVE_MAX:-10000}
REPEAT=${BENCH_REPEAT:-3}
case $REPEAT in '' | *[!0-9]* | 0) echo "run.sh: BENCH_REPEAT must be a whole number >= 1" >&2; exit 2 ;; esac
DATE=$(date +%F)
RESULTS=${BENCH_RESULTS:-$HERE/results/spof-$DATE.md}
DATA=$BUILD/bench-data

for f in "$OMVEI" "$GEN"; do
    [ -x "$f" ] || { echo "run.sh: $f not found: build first (make build)" >&2; exit 1; }
done
[ -x /usr/bin/time ] || { echo "run.sh: /usr/bin/time not found (Debian package 'time')" >&2; exit 1; }

# omvei's task: the full inventory once 'omvei spof' exists, the load-and-validate cost until then.
if "$OMVEI" spof --help >/dev/null 2>&1; then
    OMV_SPOF=1
    OMV_TASK="spof links,nodes,pairs"
else
    OMV_SPOF=0
    OMV_TASK="check (spof not built yet)"
fi

# Other work on the machine distorts the times: the load average is recorded with the results.
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# measure OUT ERR CMD...: runs CMD REPS times (default REPEAT) under /usr/bin/time with stdout to OUT
# and stderr to ERR; sets WALL (s, the median of the runs), PEAK_MB (the largest) and RC (the first
# failure stops the runs).
measure() {
    local out=$1 err=$2 reps=${REPS:-$REPEAT} i line
    shift 2
    RC=0
    : >"$WORK/times"
    for ((i = 0; i < reps; i++)); do
        /usr/bin/time -f '%e %M' -o "$WORK/time" "$@" >"$out" 2>"$err" || RC=$?
        tail -n 1 "$WORK/time" >>"$WORK/times"
        [ "$RC" -eq 0 ] || break
    done
    line=$(sort -n -k1,1 "$WORK/times" | awk '{ w[NR] = $1; if ($2 > kb) kb = $2 }
        END { printf "%s %d", w[int((NR + 1) / 2)], kb }')
    WALL=${line% *}
    PEAK_MB=$(awk -v kb="${line#* }" 'BEGIN { printf "%.0f", kb / 1024 }')
}

# field FILE KEY: a number from a peer's one-line JSON result ("" when absent).
field() { sed -n "s/.*\"$2\": \([0-9.]*\).*/\1/p" "$1" | head -n 1; }

# topology SIZE: echoes the cached folder for SIZE, generating it when missing or stale.
topology() {
    local n=$1 dir="$DATA/n$1-s$SEED-k$CANDS"
    local key
    key="$n $SEED $CANDS $(sha256sum "$GEN" | cut -d' ' -f1)"
    if [ ! -f "$dir/stamp" ] || [ "$(head -n 1 "$dir/stamp")" != "$key" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        echo "generating $n nodes (seed $SEED) ..." >&2
        REPS=1 measure "$WORK/gen.out" "$WORK/gen.err" "$GEN" --nodes "$n" --seed "$SEED" --out "$dir" --candidates-per-site "$CANDS"
        if [ "$RC" -ne 0 ]; then
            cat "$WORK/gen.err" >&2
            exit 1
        fi
        printf '%s\n%s %s\n' "$key" "$WALL" "$PEAK_MB" >"$dir/stamp"
    fi
    echo "$dir"
}

ROWS=$WORK/rows
INPUTS=$WORK/inputs
: >"$ROWS"
: >"$INPUTS"

# row SIZE NODES LINKS TOOL TASK WALL PEAK LOAD RESULT: appends one table row (ratio filled later).
row() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$@" >>"$ROWS"; }

peer() { # peer SIZE NODES LINKS NAME SCRIPT DIR (REPS=1 in the environment: one run)
    local size=$1 nodes=$2 links=$3 name=$4 script=$5 dir=$6
    echo "  $name ..." >&2
    measure "$WORK/peer.out" "$WORK/peer.err" "$PY" "$HERE/peers/$script" "$dir"
    if [ "$RC" -ne 0 ]; then
        row "$size" "$nodes" "$links" "$name" "bridges + APs" "failed ($RC)" "" "" "$(tail -n 1 "$WORK/peer.err")"
        return
    fi
    local f=$WORK/peer.out
    row "$size" "$nodes" "$links" "$name" "bridges + APs" "$WALL" "$PEAK_MB" "$(field "$f" load_s)" \
        "$(field "$f" bridges) / $(field "$f" articulation_points)"
}

IFS=',' read -r -a SIZE_LIST <<<"$SIZES"
for n in "${SIZE_LIST[@]}"; do
    dir=$(topology "$n")
    nodes=$(($(wc -l <"$dir/nodes.csv") - 1))
    links=$(($(wc -l <"$dir/links.csv") - 1))
    cands=0
    [ -f "$dir/candidates.csv" ] && cands=$(($(wc -l <"$dir/candidates.csv") - 1))
    mb=$(du -cm "$dir"/*.csv | tail -n 1 | cut -f1)
    read -r gwall gpeak < <(sed -n 2p "$dir/stamp")
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$n" "$nodes" "$links" "$cands" "$mb" "$gwall" "$gpeak" >>"$INPUTS"
    # Every tool reads the files from the page cache, not the first one from disk.
    cat "$dir"/*.csv >/dev/null

    echo "size $n: omvei ..." >&2
    if [ "$OMV_SPOF" = 1 ]; then
        # The inventory with its plain-words summary (what the peers do: compute, then print counts)...
        measure /dev/null "$WORK/omvei.err" "$OMVEI" spof "$dir" --failures links,nodes,pairs
    else
        measure /dev/null "$WORK/omvei.err" "$OMVEI" check "$dir"
    fi
    if [ "$RC" -ne 0 ]; then
        row "$n" "$nodes" "$links" omvei "$OMV_TASK" "failed ($RC)" "" "" "$(tail -n 1 "$WORK/omvei.err")"
    else
        row "$n" "$nodes" "$links" omvei "$OMV_TASK" "$WALL" "$PEAK_MB" "" ""
    fi
    if [ "$OMV_SPOF" = 1 ]; then
        # ... and with every item, its isolated sites and every site's lambda written out as spof.json.
        measure /dev/null "$WORK/omvei.err" "$OMVEI" spof "$dir" --failures links,nodes,pairs --json
        if [ "$RC" -ne 0 ]; then
            row "$n" "$nodes" "$links" "omvei --json" "$OMV_TASK, full listing" "failed ($RC)" "" "" ""
        else
            row "$n" "$nodes" "$links" "omvei --json" "$OMV_TASK, full listing" "$WALL" "$PEAK_MB" "" ""
        fi
    fi
    peer "$n" "$nodes" "$links" python-igraph igraph_spof.py "$dir"
    # The fastest way into igraph: a bare integer edge list, written once beforehand and not timed.
    if [ ! -f "$dir/edges.txt" ] || [ "$dir/edges.txt" -ot "$dir/links.csv" ]; then
        "$PY" "$HERE/peers/igraph_edgelist.py" --write "$dir"
    fi
    cat "$dir/edges.txt" >/dev/null
    peer "$n" "$nodes" "$links" "python-igraph (bare edge list)" igraph_edgelist.py "$dir"
    if [ "$n" -le "$NX_MAX" ]; then
        peer "$n" "$nodes" "$links" networkx networkx_spof.py "$dir"
    else
        row "$n" "$nodes" "$links" networkx "bridges + APs" "skipped" "" "" "above BENCH_NX_MAX=$NX_MAX"
    fi
    if [ "$n" -le "$NAIVE_MAX" ]; then
        REPS=1 peer "$n" "$nodes" "$links" "naive (igraph, remove each)" naive_spof.py "$dir"
    fi
done

# ---- the report ------------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
omv_version=$("$OMVEI" --version 2>/dev/null | head -n 1 || true)
igraph_version=$("$PY" -c 'import igraph; print(igraph.__version__)' 2>/dev/null || echo "not installed")
nx_version=$("$PY" -c 'import networkx; print(networkx.__version__)' 2>/dev/null || echo "not installed")
py_version=$("$PY" -c 'import platform; print(platform.python_version())' 2>/dev/null || echo "?")

{
    echo "# spof benchmark, $DATE"
    echo
    echo "Machine: $cpu, $(nproc) cores, ${mem} GB RAM, $os."
    echo "Versions: ${omv_version:-omvei ?}; Python $py_version, python-igraph $igraph_version, networkx $nx_version."
    echo "Threads: OMP_NUM_THREADS=${OMP_NUM_THREADS:-unset (OpenMP default: all cores)}."
    echo "Load average (1, 5, 15 min): $LOAD_BEFORE before the run, $(cut -d' ' -f1-3 /proc/loadavg) after."
    echo "Inputs: bench/omvei_gen --seed $SEED --candidates-per-site $CANDS; CSV files read from the page cache."
    echo
    echo "| size | nodes | links | tool | task | wall s | peak MB | ratio vs omvei | load s | bridges / APs |"
    echo "|---:|---:|---:|---|---|---:|---:|---:|---:|---|"
    awk -F'\t' '
        { size[NR] = $1; line[NR] = $0; if ($4 == "omvei" && $6 ~ /^[0-9.]+$/) ow[$1] = $6 }
        END {
            for (i = 1; i <= NR; i++) {
                split(line[i], f, "\t")
                ratio = ""
                if (f[6] ~ /^[0-9.]+$/ && (f[1] in ow) && ow[f[1]] > 0)
                    ratio = sprintf("%.2f", f[6] / ow[f[1]])
                printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n",
                       f[1], f[2], f[3], f[4], f[5], f[6], f[7], ratio, f[8], f[9]
            }
        }' "$ROWS"
    echo
    echo "ratio vs omvei: the tool's wall time divided by omvei's at the same size (above 1: omvei is faster)."
    echo "wall s and peak MB: /usr/bin/time %e and %M (maximum resident set) of the whole process, loading included;"
    echo "the median wall time and the largest peak of $REPEAT runs (BENCH_REPEAT), of one run for the naive method;"
    echo "load s: the peer's own time to read the CSV files and build its graph, part of its wall time."
    echo "python-igraph (bare edge list): igraph.Graph.Read_Edgelist on 'a b' lines of node numbers written"
    echo "from the CSV files beforehand (not timed): no ids, attributes or checks, the least a loader can do."
    echo
    echo "Generated inputs:"
    echo
    echo "| size | nodes | links | candidates | CSV MB | generate s | generate peak MB |"
    echo "|---:|---:|---:|---:|---:|---:|---:|"
    awk -F'\t' '{ printf "| %s | %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6, $7 }' "$INPUTS"
} >"$WORK/report.md"

cat "$WORK/report.md"
mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/report.md" "$RESULTS"
echo >&2
echo "written to $RESULTS" >&2

if [ -x "$HERE/plan_bench.sh" ]; then
    echo >&2
    "$HERE/plan_bench.sh" "$BUILD"
fi

if [ -x "$HERE/reroute_bench.sh" ]; then
    echo >&2
    "$HERE/reroute_bench.sh" "$BUILD"
fi
