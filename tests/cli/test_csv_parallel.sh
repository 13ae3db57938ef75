#!/usr/bin/env bash
# test_csv_parallel.sh OMVEI SOURCE_DIR — a large nodes.csv or links.csv is read in parts on the
# threads omvei is given; the result must be the one-thread result, byte for byte, and so must every
# error: the same message, at the same file:line:col, with the same exit code.
#
# 1. A generated network of 10^5 nodes: omvei check --json, omvei convert (CSV and GeoJSON) and
#    omvei spof --json give identical bytes with --threads 1 and --threads 2.
# 2. Hand-built folders (csv_parallel_cases.py) of more than 4 MB per table, with errors before, at
#    and after the point where the second part starts, duplicates across parts, unknown nodes, quoted
#    fields with line ends and commas straddling the split, CRLF, lone CR, a byte order mark, blank
#    rows, wrong field counts and bad numbers. Each gives exactly the stderr the case expects, with 1
#    and with 2 threads; the folders that load give identical check --json and convert (CSV) output.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_csv_parallel.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$(cd "$2" && pwd) || exit 1
case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
gen=$(dirname "$omvei")/bench/omvei_gen
py=/usr/bin/python3
[ -x "$py" ] || py=python3

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

passed=0
failed=0
ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }

# Runs omvei with the given arguments and --threads T; stdout, stderr and exit code go to NAME.T.*.
run() { # name threads args...
    local name=$1 t=$2
    shift 2
    "$omvei" "$@" --threads "$t" > "$name.$t.out" 2> "$name.$t.err"
    echo $? > "$name.$t.rc"
}

same() { # name: outputs of 1 and 2 threads
    local name=$1
    if cmp -s "$name.1.out" "$name.2.out" && cmp -s "$name.1.err" "$name.2.err" &&
        cmp -s "$name.1.rc" "$name.2.rc"; then
        ok
    else
        fail "$name: 1 and 2 threads differ (exit $(cat "$name.1.rc") / $(cat "$name.2.rc"))"
        diff "$name.1.err" "$name.2.err" | head -5 >&2
    fi
}

# Conversions of a folder (to CSV; with "geojson", to GeoJSON too), with 1 and 2 threads, must be the
# same files.
convert_same() { # name folder [geojson]
    local name=$1 dir=$2 t
    for t in 1 2; do
        "$omvei" convert "$dir" "conv.$name.$t" --threads "$t" -q > /dev/null 2>&1 || fail "$name: convert with $t threads"
        touch "conv.$name.$t.geojson"
        if [ "${3:-}" = geojson ]; then
            "$omvei" convert "$dir" "conv.$name.$t.geojson" --threads "$t" -q > /dev/null 2>&1 ||
                fail "$name: convert to GeoJSON with $t threads"
        fi
    done
    if diff -r "conv.$name.1" "conv.$name.2" > /dev/null && cmp -s "conv.$name.1.geojson" "conv.$name.2.geojson"; then
        ok
    else
        fail "$name: convert output differs between 1 and 2 threads"
    fi
    rm -rf "conv.$name".*
}

# 1. Generated network.
if [ -x "$gen" ]; then
    "$gen" --nodes 100000 --seed 3 --out gen > /dev/null || fail "generator exited with $?"
    [ "$(wc -c < gen/nodes.csv)" -gt 4500000 ] && [ "$(wc -c < gen/links.csv)" -gt 4500000 ] ||
        fail "generated tables are too small to be split"
    run gen.check 1 check gen --json
    run gen.check 2 check gen --json
    same gen.check
    grep -q '"nodes": 100000' gen.check.1.out && ok || fail "gen: check --json does not count 100000 nodes"
    [ "$(cat gen.check.1.rc)" = 0 ] && ok || fail "gen: check exited with $(cat gen.check.1.rc)"
    run gen.spof 1 spof gen --failures links,nodes,srlg --json
    run gen.spof 2 spof gen --failures links,nodes,srlg --json
    same gen.spof
    convert_same gen gen geojson
else
    echo "note: $gen not built; the generated network is left out"
fi

# 2. Hand-built folders.
"$py" "$src/tests/cli/csv_parallel_cases.py" cases || { fail "case generator failed"; exit 1; }
cd cases || exit 1
while read -r c; do
    [ -n "$c" ] || continue
    run "$c" 1 check "$c" --json
    run "$c" 2 check "$c" --json
    same "$c"
    if [ "$(cat "$c.expect")" = ok ]; then
        [ "$(cat "$c.1.rc")" = 0 ] && ok || fail "$c: expected to load, exit $(cat "$c.1.rc"): $(head -1 "$c.1.err")"
        convert_same "$c" "$c"
    else
        [ "$(cat "$c.1.rc")" = 3 ] && ok || fail "$c: expected exit 3, got $(cat "$c.1.rc")"
        for t in 1 2; do
            if cmp -s "$c.expect" "$c.$t.err"; then
                ok
            else
                fail "$c with $t threads: expected $(cat "$c.expect"), got $(cat "$c.$t.err")"
            fi
        done
    fi
    rm -rf "$c"
done < cases

echo "test_csv_parallel: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
