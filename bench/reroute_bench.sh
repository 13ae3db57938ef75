#!/usr/bin/env bash
# reroute_bench.sh — the rerouting benchmark: 'omvei reroute --failures links' (optimal routing) with
# 1 and 2 threads against glpsol solving each single-link failure from scratch, side by side in one
# run, on data/nordic and on generated instances. Prints a markdown table and writes it to
# bench/results/reroute-<date>.md.
#
# Usage: bench/reroute_bench.sh BUILD_DIR   (BUILD_DIR holds the omvei binary and bench/omvei_gen)
#
# The glpsol peer solves the classic compact model written by tests/cli/reroute_lp.py
# (build_lp_by_destination): one commodity per (border class, destination), arc flows, unserved per
# demand, capacity per direction; no warm start, no shared basis, one process per scenario. It
# solves a deterministic sample of the single-link failures (evenly spaced over the link list) and
# its optimum is compared with omvei's unserved_gbps of the same scenario.
#
# Environment:
#   BENCH_REROUTE_SIZES    instances: 'nordic' and NODES:DEMANDS of omvei_gen
#                          (default nordic,100:700,100:2000,200:5000)
#   BENCH_REROUTE_SAMPLES  scenarios glpsol solves per instance   (default 10)
#   BENCH_REROUTE_BUDGET   seconds of glpsol per instance: after that no new sample starts, with
#                          at least 2 solved                        (default 120)
#   BENCH_REROUTE_SEED     generator seed                          (default 1)
#   BENCH_REROUTE_RATE     throughput runs, NODES:DEMANDS:ROUTING:N each: the single-link failures of
#                          shard 1/N, 2 threads, scenarios per second of the whole job
#                          (default 1000:200:shortest:10,10000:200:shortest:100,1000:20:optimal:10)
#   BENCH_REROUTE_LIMIT    seconds for one omvei run, and for one glpsol solve (default 900)
#   BENCH_REROUTE_RESULTS  result file                   (default bench/results/reroute-<date>.md)
#   PYTHON                 interpreter for the LP writer            (default /usr/bin/python3)
set -euo pipefail

if [ $# -ne 1 ] || [ ! -d "$1" ]; then
    echo "usage: bench/reroute_bench.sh BUILD_DIR" >&2
    exit 2
fi
BUILD=$(cd "$1" && pwd)
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
OMVEI=$BUILD/omvei
GEN=$BUILD/bench/omvei_gen
PY=${PYTHON:-/usr/bin/python3}
SIZES=${BENCH_REROUTE_SIZES:-nordic,100:700,100:2000,200:5000}
SAMPLES=${BENCH_REROUTE_SAMPLES:-10}
SEED=${BENCH_REROUTE_SEED:-1}
RATE=${BENCH_REROUTE_RATE:-1000:200:shortest:10,10000:200:shortest:100,1000:20:optimal:10}
LIMIT=${BENCH_REROUTE_LIMIT:-900}
BUDGET=${BENCH_REROUTE_BUDGET:-120}
DATE=$(date +%F)
RESULTS=${BENCH_REROUTE_RESULTS:-$HERE/results/reroute-$DATE.md}
DATA=$BUILD/bench-data

for f in "$OMVEI" "$GEN"; do
    [ -x "$f" ] || { echo "reroute_bench.sh: $f not found: build first (make build)" >&2; exit 1; }
done
if ! "$OMVEI" reroute --help >/dev/null 2>&1; then
    echo "reroute_bench.sh: this omvei has no reroute command: nothing to measure" >&2
    exit 0
fi
command -v glpsol >/dev/null || { echo "reroute_bench.sh: glpsol not found (Debian package glpk-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "reroute_bench.sh: /usr/bin/time not found (Debian package 'time')" >&2; exit 1; }

LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# topology SPEC: the folder of an instance ('nordic' or NODES:DEMANDS), generated when missing or stale.
topology() {
    local spec=$1
    if [ "$spec" = nordic ]; then
        echo "$ROOT/data/nordic"
        return
    fi
    local n=${spec%%:*} d=${spec#*:}
    local dir="$DATA/reroute-n$n-d$d-s$SEED"
    local key
    key="$n $d $SEED $(sha256sum "$GEN" | cut -d' ' -f1)"
    if [ ! -f "$dir/stamp" ] || [ "$(cat "$dir/stamp")" != "$key" ]; then
        rm -rf "$dir"
        mkdir -p "$dir"
        echo "generating $n nodes, $d demands (seed $SEED) ..." >&2
        "$GEN" --nodes "$n" --seed "$SEED" --out "$dir" --candidates-per-site 0 --demands "$d" >/dev/null
        echo "$key" >"$dir/stamp"
    fi
    echo "$dir"
}

# omvei_run DIR THREADS OUT: sets WALL (s, empty on failure or timeout) and RC.
omvei_run() {
    RC=0
    /usr/bin/time -f '%e' -o "$WORK/time" timeout "$LIMIT" "$OMVEI" reroute "$1" --failures links --routing optimal \
        --threads "$2" -o "$3" >"$WORK/omvei.out" 2>"$WORK/omvei.err" || RC=$?
    WALL=$(tail -n 1 "$WORK/time")
    [[ "$WALL" =~ ^[0-9.]+$ ]] && [ "$RC" -eq 0 ] || WALL=""
}

ROWS=$WORK/rows
: >"$ROWS"
IFS=',' read -r -a SPECS <<<"$SIZES"
for spec in "${SPECS[@]}"; do
    dir=$(topology "$spec")
    cat "$dir"/*.csv >/dev/null
    echo "$spec: omvei, 1 thread ..." >&2
    omvei_run "$dir" 1 "$WORK/o1"
    w1=$WALL rc1=$RC
    echo "$spec: omvei, 2 threads ..." >&2
    omvei_run "$dir" 2 "$WORK/o2"
    w2=$WALL rc2=$RC
    same="-"
    if [ -n "$w1" ] && [ -n "$w2" ]; then
        same=no
        cmp -s "$WORK/o1/reroute.json" "$WORK/o2/reroute.json" && cmp -s "$WORK/o1/reroute_scenarios.csv" \
            "$WORK/o2/reroute_scenarios.csv" && cmp -s "$WORK/o1/reroute_links.csv" "$WORK/o2/reroute_links.csv" &&
            same=yes
    fi
    echo "$spec: glpsol from scratch on $SAMPLES scenarios ..." >&2
    json=""
    [ -n "$w1" ] && json="$WORK/o1/reroute.json"
    "$PY" - "$ROOT/tests/cli" "$dir" "$SAMPLES" "$LIMIT" "$BUDGET" "$json" "$spec" "${w1:-}" "${w2:-}" "$rc1" "$rc2" "$same" \
        >>"$ROWS" <<'EOF'
import json, os, statistics, subprocess, sys, tempfile, time
sys.path.insert(0, sys.argv[1])
import reroute_lp as R
import random
folder, samples, limit, budget, js, spec, w1, w2, rc1, rc2, same = sys.argv[2:13]
samples, limit, budget = int(samples), int(limit), float(budget)
t = R.read_topology(folder)
border = R.parse_border("allow")
fails = R.single_failures(t, ["links"])
n = len(fails)
pick = sorted({(i * n) // samples for i in range(min(samples, n))})
random.Random(1).shuffle(pick)  # any prefix of the sample is spread over the links
omv = {}
if js:
    with open(js) as f:
        for s in json.load(f)["scenarios"]:
            if s["kind"] == "link":
                omv[s["failed"][0]] = (s["unserved_gbps"], s["max_utilisation"])
def glpsol(tmp, text):
    """One glpsol process on an LP text: (wall seconds, objective or None)."""
    lp = os.path.join(tmp, "m.lp")
    sol = os.path.join(tmp, "m.sol")
    with open(lp, "w") as fh:
        fh.write(text)
    if os.path.exists(sol):
        os.unlink(sol)
    t0 = time.perf_counter()
    r = subprocess.run(["glpsol", "--lp", lp, "--tmlim", str(limit), "-w", sol],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    dt = time.perf_counter() - t0
    obj = None
    if r.returncode == 0 and os.path.exists(sol):
        with open(sol) as fh:
            for ln in fh:
                p = ln.split()
                if p and p[0] == "s" and p[4] == "f" and p[5] == "f":
                    obj = float(p[6])
                    break
    return dt, obj

tol = lambda v: v + 1e-7 * max(v, 1.0)
times, times3, agree, compared, over = [], [], 0, 0, 0
zagree, zcompared = 0, 0
with tempfile.TemporaryDirectory() as tmp:
    for i in pick:
        if len(times) >= 2 and sum(times3) > budget:
            break
        f = fails[i]
        text, const = R.build_lp_by_destination(t, border, f)
        if text is None:
            continue
        dt, obj = glpsol(tmp, text)
        times.append(dt)
        if obj is None:
            over += 1
            continue
        # The rest of the answer omvei gives: the smallest largest utilisation with the unserved held,
        # then the least total flow with both held; each a new glpsol process from scratch.
        text2, _ = R.build_lp_by_destination(t, border, f, "minmax", tol(obj))
        dt2, z = glpsol(tmp, text2)
        dt3 = 0.0
        if z is not None:
            text3, _ = R.build_lp_by_destination(t, border, f, "minflow", tol(obj), tol(z))
            dt3, _ = glpsol(tmp, text3)
        times3.append(dt + dt2 + dt3)
        obj += const
        if f.failed[0] in omv:
            compared += 1
            agree += R.close(omv[f.failed[0]][0], obj)
            if z is not None:
                zcompared += 1
                zagree += abs(omv[f.failed[0]][1] - z) <= 1e-6 + 1e-6 * z  # omvei prints 6 digits
mean = statistics.mean(times) if times else None
mean3 = statistics.mean(times3) if times3 else None
fmt = lambda x: "%.1f" % x
per1 = float(w1) / n * 1000 if w1 else None
per2 = float(w2) / n * 1000 if w2 else None
row = [spec, str(len(t.nodes)), str(len(t.links)), str(len(t.demands)), str(n),
       w1 or ("timeout" if rc1 == "124" else "failed (%s)" % rc1), fmt(per1) if per1 else "",
       w2 or ("timeout" if rc2 == "124" else "failed (%s)" % rc2), fmt(per2) if per2 else "", same,
       ("%s (%d%s)" % (fmt(mean * 1000), len(times), ", %d over the limit" % over if over else "")) if mean else "",
       ("%.0fx" % (mean * 1000 / per1)) if mean and per1 else "",
       ("%.0fx" % (mean * 1000 / per2)) if mean and per2 else "",
       ("%s (%d)" % (fmt(mean3 * 1000), len(times3))) if mean3 else "",
       ("%.0fx" % (mean3 * 1000 / per1)) if mean3 and per1 else "",
       ("%.0fx" % (mean3 * 1000 / per2)) if mean3 and per2 else "",
       "%d of %d" % (agree, compared) if compared else "",
       "%d of %d" % (zagree, zcompared) if zcompared else ""]
print("\t".join(row))
EOF
done

# Throughput at 10^3 and 10^4 nodes: a contiguous block of the single-link failures (shard 1 of N),
# the whole job timed (loading, the intact routing and writing the part included).
RATES=$WORK/rates
: >"$RATES"
IFS=',' read -r -a RSPECS <<<"$RATE"
for rs in "${RSPECS[@]}"; do
    IFS=':' read -r rn rd rrouting rshards <<<"$rs"
    dir=$(topology "$rn:$rd")
    cat "$dir"/*.csv >/dev/null
    echo "$rs: omvei reroute --routing $rrouting --shard 1/$rshards, 2 threads ..." >&2
    rc=0
    /usr/bin/time -f '%e %M' -o "$WORK/time" timeout "$LIMIT" "$OMVEI" reroute "$dir" --failures links \
        --routing "$rrouting" --threads 2 --shard "1/$rshards" -o "$WORK/rate" >"$WORK/omvei.out" 2>"$WORK/omvei.err" || rc=$?
    read -r wall peak < <(tail -n 1 "$WORK/time")
    count=$(sed -n 's/.*scenarios \([0-9]*\)-\([0-9]*\) of \([0-9]*\).*/\1 \2 \3/p' "$WORK/omvei.out" | head -n 1)
    read -r first last total <<<"$count"
    links=$(($(wc -l <"$dir/links.csv") - 1))
    if [ "$rc" -eq 0 ] && [ -n "$last" ]; then
        k=$((last - first + 1))
        printf '%s\t%s\t%s\t%s\t%s\t%s of %s\t%s\t%s\t%s\n' "$rn" "$links" "$rd" "$rrouting" "1/$rshards" "$k" "$total" \
            "$wall" "$(awk -v k="$k" -v w="$wall" 'BEGIN { printf "%.1f", k / w }')" "$((peak / 1024))" >>"$RATES"
    else
        printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t\t\n' "$rn" "$links" "$rd" "$rrouting" "1/$rshards" "-" \
            "$([ "$rc" -eq 124 ] && echo timeout || echo "failed ($rc)")" >>"$RATES"
    fi
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)
mem=$(awk '/MemTotal/ { printf "%.0f", $2 / 1048576 }' /proc/meminfo)
os=$(. /etc/os-release 2>/dev/null && echo "${PRETTY_NAME:-unknown}")
omv_version=$("$OMVEI" --version 2>/dev/null | head -n 1 || true)
glpsol_version=$(glpsol --version | head -n 1)
{
    echo "# reroute benchmark, $DATE"
    echo
    echo "Machine: $cpu, $(nproc) cores, ${mem} GB RAM, $os."
    echo "Versions: ${omv_version:-omvei ?}; $glpsol_version."
    echo "Load average (1, 5, 15 min): $LOAD_BEFORE before the run, $(cut -d' ' -f1-3 /proc/loadavg) after."
    echo "Inputs: data/nordic and bench/omvei_gen --nodes N --demands D --seed $SEED --candidates-per-site 0."
    echo "Task: every single-link failure, optimal routing, border allow."
    echo
    echo "| instance | nodes | links | demands | scenarios | omvei 1 thread s | per scenario ms | omvei 2 threads s | per scenario ms | same bytes 1/2 threads | glpsol phase 1 ms per scenario (solved) | ratio 1 thread | ratio 2 threads | glpsol 3 phases ms per scenario (solved) | ratio 1 thread | ratio 2 threads | unserved agrees | max utilisation agrees |"
    echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---:|---|---|"
    awk -F'\t' '{ printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n" }' "$ROWS"
    echo
    echo "omvei: wall time of 'omvei reroute DIR --failures links --routing optimal --threads T -o OUT', loading,"
    echo "the intact solve and the report included, divided by the number of scenarios."
    echo "glpsol: wall time of one 'glpsol --lp' process per scenario (reading the LP file included, writing it"
    echo "not), on the compact destination-aggregated model written by tests/cli/reroute_lp.py, for a sample"
    echo "of up to $SAMPLES single-link failures evenly spaced over the link list (no new scenario starts after"
    echo "${BUDGET} s of glpsol per instance; the count solved is in brackets); its optimum is compared with"
    echo "omvei's unserved_gbps of the same scenario (1e-6 absolute + 1e-7 relative). 'glpsol phase 1' is"
    echo "the minimum unserved alone; 'glpsol 3 phases' is the whole answer omvei gives for a scenario,"
    echo "each phase a glpsol process from scratch: minimum unserved, then the smallest largest utilisation"
    echo "with the unserved held, then the least total flow with both held (reroute's tie-breaking)."
    if [ -s "$RATES" ]; then
        echo
        echo "## Scenarios per second at 10^3 and 10^4 nodes"
        echo
        echo "| nodes | links | demands | routing | shard | scenarios | wall s | scenarios per s | peak MB |"
        echo "|---:|---:|---:|---|---|---:|---:|---:|---:|"
        awk -F'\t' '{ printf "|"; for (i = 1; i <= NF; i++) printf " %s |", $i; printf "\n" }' "$RATES"
        echo
        echo "'omvei reroute DIR --failures links --routing R --threads 2 --shard 1/N -o OUT': the first block of"
        echo "the single-link failures, in link order; scenarios per second is the block's scenarios over the"
        echo "wall time of the whole job, loading, the intact network's routing and writing the part included."
    fi
} >"$WORK/report.md"
cat "$WORK/report.md"
mkdir -p "$(dirname "$RESULTS")"
cp "$WORK/report.md" "$RESULTS"
echo >&2
echo "written to $RESULTS" >&2
