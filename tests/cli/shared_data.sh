#!/usr/bin/env bash
# shared_data.sh OMVEI DATA_DIR — loads the real public topologies kept beside the project (four
# Internet Topology Zoo GraphML files, SNDlib polska and abilene in native and XML form) with
# 'omvei check --json' and compares the counts with the ones checked by hand: nodes, links,
# demands, components and nodes without a position. Skipped (exit 77) when DATA_DIR is absent, as in
# a fresh clone.
set -u

if [ $# -ne 2 ]; then
    echo "usage: shared_data.sh OMVEI DATA_DIR" >&2
    exit 2
fi
omvei=$1
data=$2
if [ ! -d "$data" ]; then
    echo "skipped: no shared data folder at $data"
    exit 77
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3

passed=0
failed=0

# expect FILE NODES LINKS DEMANDS COMPONENTS WITHOUT_POSITION
expect() {
    local rel=$1
    local want="nodes=$2 links=$3 demands=$4 components=$5 without_position=$6"
    local path="$data/$rel"
    local out rc got
    if [ ! -f "$path" ]; then
        echo "FAIL $rel: file missing"
        failed=$((failed + 1))
        return
    fi
    out=$("$omvei" check --json "$path" 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL $rel: omvei check exited with $rc"
        echo "$out" | sed 's/^/  | /'
        failed=$((failed + 1))
        return
    fi
    got=$(printf '%s' "$out" | "$python" -c '
import json, sys
d = json.load(sys.stdin)
print("nodes=%d links=%d demands=%d components=%d without_position=%d" % (
    d["nodes"], d["links"], d["demands"], d["components"]["count"], len(d["nodes_without_position"])))
')
    if [ "$got" = "$want" ]; then
        echo "ok   $rel: $got"
        passed=$((passed + 1))
    else
        echo "FAIL $rel: expected $want"
        echo "     $rel: got      $got"
        failed=$((failed + 1))
    fi
}

# Topology Zoo: counts from the data README (undirected, parallel links kept); Nordu2010 has two
# components. Nodes without a position are the ones without Latitude/Longitude in the files.
expect topologyzoo/Sunet.graphml 26 49 0 1 1
expect topologyzoo/Funet.graphml 26 31 0 1 2
expect topologyzoo/UniC.graphml 25 29 0 1 10
expect topologyzoo/Nordu2010.graphml 18 17 0 2 11
# SNDlib: counts read from the files (NODES, LINKS and DEMANDS sections; the XML holds the same).
expect sndlib/polska/native/polska.txt 12 18 66 1 0
expect sndlib/polska/xml/polska.xml 12 18 66 1 0
expect sndlib/abilene/native/abilene.txt 12 15 132 1 0
expect sndlib/abilene/xml/abilene.xml 12 15 132 1 0

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
