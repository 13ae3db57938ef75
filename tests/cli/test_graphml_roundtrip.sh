#!/usr/bin/env bash
# test_graphml_roundtrip.sh OMVEI SOURCE_DIR — CSV -> GraphML -> CSV loses nothing: the CSV folder
# written from the GraphML equals, file for file, the one written straight from the CSV input, and
# 'omvei check --json' reads the same from the CSV folder and from the GraphML. Writing GraphML again
# from GraphML gives the same bytes; a network with demands is refused.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_graphml_roundtrip.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
data="$src/tests/data"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

passed=0
failed=0
ok() {
    echo "ok   $*"
    passed=$((passed + 1))
}
bad() {
    echo "FAIL $*"
    failed=$((failed + 1))
}
run() {
    if ! "$@" > "$work/out.txt" 2> "$work/err.txt"; then
        bad "command failed: $*"
        sed 's/^/  | /' "$work/err.txt"
        return 1
    fi
}

# A CSV folder with every contract column, extra columns, markup and UTF-8 in values, parallel
# links, candidates and a reserve-power upgrade.
input="$data/graphml/roundtrip"
if run "$omvei" convert "$input" "$work/direct" && run "$omvei" convert "$input" "$work/net.graphml" &&
    run "$omvei" convert "$work/net.graphml" "$work/back"; then
    for f in nodes.csv links.csv candidates.csv; do
        if cmp -s "$work/direct/$f" "$work/back/$f"; then
            ok "CSV -> GraphML -> CSV: $f identical ($(wc -l < "$work/back/$f") lines)"
        else
            bad "CSV -> GraphML -> CSV: $f differs"
            diff "$work/direct/$f" "$work/back/$f" | head -n 20 | sed 's/^/  | /'
        fi
    done
    if [ -e "$work/back/demands.csv" ]; then
        bad "a demands.csv appeared from nowhere"
    fi
fi

if run "$omvei" check --json "$input" && cp "$work/out.txt" "$work/check_csv.json" &&
    run "$omvei" check --json "$work/net.graphml" && cp "$work/out.txt" "$work/check_graphml.json"; then
    if cmp -s "$work/check_csv.json" "$work/check_graphml.json"; then
        ok "check --json: CSV folder and GraphML give the same summary"
    else
        bad "check --json differs between the CSV folder and the GraphML"
        diff "$work/check_csv.json" "$work/check_graphml.json" | head -n 20 | sed 's/^/  | /'
    fi
fi

# GraphML written from GraphML is byte for byte the same, for our own file and a Zoo-style one.
for g in "$work/net.graphml" "$data/graphml/zoo_nordic.graphml"; do
    name=$(basename "$g")
    if run "$omvei" convert "$g" "$work/once_$name" && run "$omvei" convert "$work/once_$name" "$work/twice_$name"; then
        if cmp -s "$work/once_$name" "$work/twice_$name"; then
            ok "GraphML -> GraphML is stable for $name"
        else
            bad "GraphML -> GraphML changes $name"
            diff "$work/once_$name" "$work/twice_$name" | head -n 20 | sed 's/^/  | /'
        fi
    fi
done

# Demands have no place in GraphML: refused as a usage error (exit 2), and no file is left.
"$omvei" convert "$data/sndlib/nordic.txt" "$work/demands.graphml" > /dev/null 2> "$work/err.txt"
rc=$?
if [ $rc -eq 2 ] && grep -q "GraphML cannot hold demands" "$work/err.txt" && [ ! -e "$work/demands.graphml" ]; then
    ok "a network with demands is not written to GraphML (exit 2)"
else
    bad "writing demands to GraphML: exit $rc, $(head -n 1 "$work/err.txt")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
