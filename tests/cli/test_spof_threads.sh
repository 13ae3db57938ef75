#!/usr/bin/env bash
# test_spof_threads.sh OMVEI SOURCE_DIR — omvei spof --json gives byte-identical output with 1 and 2
# threads, whether the count comes from OMP_NUM_THREADS or from --threads, and so does the report
# folder written with -o (manifest.json aside: it records the thread count and the time).
#
# Runs on the sample Nordic backbone data/nordic when it is there, else on the small fixture
# tests/data/spof_report; both with every failure class, a region and power outages.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_spof_threads.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || { echo "no source folder $src" >&2; exit 1; }

if [ -f data/nordic/nodes.csv ]; then
    topo=data/nordic
else
    topo=tests/data/spof_report
fi
# Nordland, where reserve power is short and the routes are few.
args=(spof "$topo" --region north-of-trondheim --failures links,nodes,srlg,pairs
      --power-outage "bbox:10.5,65.0,18.5,69.4:2,4,8,24,72" --quiet)

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

passed=0
failed=0
check() { # name, then a command that succeeds when the check holds
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name" >&2
    fi
}

run() { # label, env assignment or "", extra args...
    local label=$1 envset=$2
    shift 2
    if [ -n "$envset" ]; then
        env "$envset" "$omvei" "${args[@]}" "$@" > "$tmp/$label.out" 2> "$tmp/$label.err"
    else
        "$omvei" "${args[@]}" "$@" > "$tmp/$label.out" 2> "$tmp/$label.err"
    fi
    echo $? > "$tmp/$label.rc"
}

run omp1 OMP_NUM_THREADS=1 --json
run omp2 OMP_NUM_THREADS=2 --json
run thr1 "" --json --threads 1
run thr2 "" --json --threads 2
run dir1 "" --threads 1 -o "$tmp/dir1"
run dir2 "" --threads 2 -o "$tmp/dir2"

for label in omp1 omp2 thr1 thr2 dir1 dir2; do
    rc=$(cat "$tmp/$label.rc")
    check "$label exits 0 (got $rc: $(head -n 3 "$tmp/$label.err"))" [ "$rc" = 0 ]
done
check "the JSON names its schema" grep -q '"schema": "omvei/spof/1"' "$tmp/omp1.out"
check "the JSON holds items" grep -q '"rank": 1,' "$tmp/omp1.out"
check "OMP_NUM_THREADS=1 and =2 give identical JSON" cmp -s "$tmp/omp1.out" "$tmp/omp2.out"
check "--threads 1 and 2 give identical JSON" cmp -s "$tmp/thr1.out" "$tmp/thr2.out"
check "OMP_NUM_THREADS and --threads give identical JSON" cmp -s "$tmp/omp1.out" "$tmp/thr2.out"
check "the plain-words summary is identical with 1 and 2 threads" cmp -s "$tmp/dir1.out" "$tmp/dir2.out"
for f in spof.json spof_items.csv spof_sites.csv map.geojson; do
    check "$f written with 1 thread" [ -s "$tmp/dir1/$f" ]
    check "$f identical with 1 and 2 threads" cmp -s "$tmp/dir1/$f" "$tmp/dir2/$f"
done
check "spof.json in the folder equals the --json output" cmp -s "$tmp/dir1/spof.json" "$tmp/thr1.out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
