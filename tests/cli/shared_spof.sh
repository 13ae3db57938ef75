#!/usr/bin/env bash
# shared_spof.sh OMVEI DATA_DIR — runs 'omvei spof --json' on every network kept beside the project
# (the four Internet Topology Zoo backbones and the SNDlib networks, native and XML) and compares
# summary.bridges, summary.articulation_points and summary.cut_pairs with a brute force in networkx
# (a MultiGraph, so parallel links stay separate: a link is a bridge when removing it adds a
# component; a cut pair is two non-bridge links whose joint removal adds one), and for the Zoo also
# with the counts of the data README. SNDlib files reach networkx as the CSV folder 'omvei convert'
# writes. Skipped (exit 77) when DATA_DIR is absent, as in a fresh clone.
set -u

if [ $# -ne 2 ]; then
    echo "usage: shared_spof.sh OMVEI DATA_DIR" >&2
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

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Brute force over a GraphML file or a CSV folder: "bridges=B articulation_points=A cut_pairs=C".
brute() {
    "$python" - "$1" <<'EOF'
import csv, os, sys
import networkx as nx

path = sys.argv[1]
if os.path.isdir(path):
    g = nx.MultiGraph()
    with open(os.path.join(path, "nodes.csv"), newline="", encoding="utf-8") as f:
        g.add_nodes_from(row["id"] for row in csv.DictReader(f))
    with open(os.path.join(path, "links.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            g.add_edge(row["a"], row["b"])
else:
    g = nx.MultiGraph(nx.read_graphml(path, force_multigraph=True))
edges = list(g.edges(keys=True))
base = nx.number_connected_components(g)

def components_without(removed):
    h = g.copy()
    h.remove_edges_from(removed)
    return nx.number_connected_components(h)

bridge = [components_without([e]) > base for e in edges]
pairs = 0
for i in range(len(edges)):
    for j in range(i + 1, len(edges)):
        if not bridge[i] and not bridge[j] and components_without([edges[i], edges[j]]) > base:
            pairs += 1
aps = len(list(nx.articulation_points(nx.Graph(g))))
print("bridges=%d articulation_points=%d cut_pairs=%d" % (sum(bridge), aps, pairs))
EOF
}

# expect FILE BRIDGES ARTICULATION_POINTS (README counts); cut pairs come from the brute force.
expect() {
    local rel=$1
    local path="$data/$rel"
    local out rc got want
    if [ ! -f "$path" ]; then
        echo "FAIL $rel: file missing"
        failed=$((failed + 1))
        return
    fi
    want=$(brute "$path")
    if [ $? -ne 0 ] || [ -z "$want" ]; then
        echo "FAIL $rel: networkx brute force failed"
        failed=$((failed + 1))
        return
    fi
    case "$want" in
    "bridges=$2 articulation_points=$3 "*) ;;
    *)
        echo "FAIL $rel: networkx finds $want, the README says bridges=$2 articulation_points=$3"
        failed=$((failed + 1))
        return
        ;;
    esac
    out=$("$omvei" spof --json --quiet "$path" 2>&1)
    rc=$?
    if [ $rc -ne 0 ]; then
        echo "FAIL $rel: omvei spof exited with $rc"
        echo "$out" | sed 's/^/  | /'
        failed=$((failed + 1))
        return
    fi
    got=$(printf '%s' "$out" | "$python" -c '
import json, sys
s = json.load(sys.stdin)["summary"]
print("bridges=%d articulation_points=%d cut_pairs=%d" % (s["bridges"], s["articulation_points"], s["cut_pairs"]))
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

# Counts of the data README (undirected, parallel links kept, so a doubled link is no bridge).
expect topologyzoo/Sunet.graphml 0 4
expect topologyzoo/Funet.graphml 3 3
expect topologyzoo/UniC.graphml 10 9
expect topologyzoo/Nordu2010.graphml 14 5

# expect_converted FILE: SNDlib, where the data README gives no counts: omvei against networkx only.
expect_converted() {
    local rel=$1
    local dir="$tmp/$(echo "$rel" | tr '/.' '__')"
    local want got
    if ! "$omvei" convert -q "$data/$rel" "$dir" > /dev/null 2>&1; then
        echo "FAIL $rel: omvei convert failed"
        failed=$((failed + 1))
        return
    fi
    want=$(brute "$dir")
    got=$("$omvei" spof --json "$data/$rel" 2>/dev/null | "$python" -c '
import json, sys
s = json.load(sys.stdin)["summary"]
print("bridges=%d articulation_points=%d cut_pairs=%d" % (s["bridges"], s["articulation_points"], s["cut_pairs"]))
')
    if [ -n "$want" ] && [ "$got" = "$want" ]; then
        echo "ok   $rel: $got"
        passed=$((passed + 1))
    else
        echo "FAIL $rel: networkx finds '$want', omvei '$got'"
        failed=$((failed + 1))
    fi
}

for f in sndlib/polska/native/polska.txt sndlib/polska/xml/polska.xml sndlib/abilene/native/abilene.txt \
         sndlib/abilene/xml/abilene.xml; do
    expect_converted "$f"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
