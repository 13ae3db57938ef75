#!/usr/bin/env bash
# test_convert_roundtrip.sh OMVEI SOURCE_DIR — conversion loses nothing.
#
# For each CSV topology (the sample Nordic backbone data/nordic when it exists, and always the
# fixture tests/data/geojson/csv): CSV -> GeoJSON -> CSV must give
#   - the same `omvei check --json` summary for the original, the GeoJSON and the CSV copy;
#   - CSV files identical to a direct CSV -> CSV conversion.
# Warnings name the file and line they were raised at, which differ between formats by nature;
# their place is cut off before the summaries are compared, and their number and text must agree.
# For each GeoJSON (the one just written, and the fixture tests/data/geojson/small.geojson):
# converting it once more gives the same bytes, and a second GeoJSON -> GeoJSON step changes nothing.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_convert_roundtrip.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() {
    passed=$((passed + 1))
    echo "ok   $*"
}
bad() {
    failed=$((failed + 1))
    echo "FAIL $*"
}

# Runs omvei; on failure shows its stderr and returns non-zero.
run() {
    if ! "$omvei" "$@" > "$work/stdout" 2> "$work/stderr"; then
        echo "  omvei $* failed:" >&2
        sed 's/^/  | /' "$work/stderr" >&2
        return 1
    fi
}

# The check summary with the place of each warning ("file:line: warning: ...") cut off.
summary() {
    run check --json "$1" || return 1
    sed -E 's/^(    )"[^"]*:[0-9]+(:[0-9]+)?: warning: /\1"warning: /' "$work/stdout" > "$2"
}

same_files() { # label a b
    if cmp -s "$2" "$3"; then
        ok "$1"
    else
        bad "$1"
        diff "$2" "$3" | head -n 20 | sed 's/^/  | /'
    fi
}

csv_roundtrip() { # name folder
    local name=$1 dir=$2 t="$work/$1"
    mkdir -p "$t"
    if ! run convert "$dir" "$t/out.geojson" || ! run convert "$t/out.geojson" "$t/back" ||
        ! run convert "$dir" "$t/direct"; then
        bad "$name: conversions ran"
        return
    fi
    ok "$name: CSV -> GeoJSON -> CSV and CSV -> CSV ran"
    if summary "$dir" "$t/check.orig" && summary "$t/out.geojson" "$t/check.geojson" &&
        summary "$t/back" "$t/check.back"; then
        same_files "$name: check --json of the original and of the GeoJSON" "$t/check.orig" "$t/check.geojson"
        same_files "$name: check --json of the original and of the CSV copy" "$t/check.orig" "$t/check.back"
    else
        bad "$name: check --json ran on all three"
    fi
    local f n=0
    for f in nodes.csv links.csv candidates.csv demands.csv; do
        if [ -e "$t/direct/$f" ] || [ -e "$t/back/$f" ]; then
            same_files "$name: $f via GeoJSON equals CSV -> CSV" "$t/direct/$f" "$t/back/$f"
            n=$((n + 1))
        fi
    done
    [ "$n" -ge 2 ] || bad "$name: nodes.csv and links.csv were written"
    geojson_idempotent "$name: written GeoJSON" "$t/out.geojson"
}

geojson_idempotent() { # label file
    local label=$1 in=$2 t
    t=$(mktemp -d "$work/idem.XXXXXX")
    if ! run convert "$in" "$t/one.geojson" || ! run convert "$t/one.geojson" "$t/two.geojson"; then
        bad "$label: GeoJSON -> GeoJSON ran"
        return
    fi
    same_files "$label: GeoJSON -> GeoJSON -> GeoJSON is stable" "$t/one.geojson" "$t/two.geojson"
    if summary "$in" "$t/check.in" && summary "$t/one.geojson" "$t/check.one"; then
        same_files "$label: check --json unchanged by GeoJSON -> GeoJSON" "$t/check.in" "$t/check.one"
    else
        bad "$label: check --json ran"
    fi
}

if [ -f "$src/data/nordic/nodes.csv" ]; then
    csv_roundtrip nordic "$src/data/nordic"
else
    echo "note: $src/data/nordic does not exist yet; only the fixtures are converted"
fi
csv_roundtrip fixture "$src/tests/data/geojson/csv"
geojson_idempotent small.geojson "$src/tests/data/geojson/small.geojson"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
