#!/usr/bin/env bash
# shared_zoo_join.sh JOIN_SPOF DATA_DIR JOIN_CSV — three Internet Topology Zoo backbones that number
# their nodes alike (NORDUnet 2010, SUNET, Funet) load together in their own id namespaces, tied by a
# join table at the points of presence they share (Stockholm, Helsinki, Espoo). The failure analysis
# of the merged network (join_spof, through the library) must find the bridges, articulation points
# and cut pairs that networkx finds on the same merged graph built independently here from the
# GraphML files (a MultiGraph: parallel links stay separate; joined nodes contracted; a link between
# two joined nodes dropped). Skipped (exit 77) when DATA_DIR is absent, as in a fresh clone.
set -u
if [ $# -ne 3 ]; then
    echo "usage: shared_zoo_join.sh JOIN_SPOF DATA_DIR JOIN_CSV" >&2
    exit 2
fi
tool=$1
data=$2
join=$3
if [ ! -d "$data" ]; then
    echo "skipped: no shared data folder at $data"
    exit 77
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
zoo=$data/topologyzoo

got=$("$tool" "$join" "nordu=$zoo/Nordu2010.graphml" "sunet=$zoo/Sunet.graphml" "funet=$zoo/Funet.graphml") || {
    echo "FAIL: join_spof failed"
    exit 1
}
want=$("$python" - "$join" "nordu=$zoo/Nordu2010.graphml" "sunet=$zoo/Sunet.graphml" "funet=$zoo/Funet.graphml" <<'PY'
import csv, sys
import networkx as nx

g = nx.MultiGraph()
for arg in sys.argv[2:]:
    ns, path = arg.split("=", 1)
    h = nx.read_graphml(path, force_multigraph=True)
    g.add_nodes_from("%s:%s" % (ns, v) for v in h.nodes)
    g.add_edges_from(("%s:%s" % (ns, a), "%s:%s" % (ns, b)) for a, b, _ in h.edges(keys=True))
root = {}
def find(v):
    while root.get(v, v) != v:
        v = root[v]
    return v
with open(sys.argv[1], newline="") as f:
    for row in csv.DictReader(f):
        a, b = find(row["a"]), find(row["b"])
        if a != b:
            root[b] = a
m = nx.MultiGraph()
m.add_nodes_from(find(v) for v in g.nodes)
for a, b, _ in g.edges(keys=True):
    if find(a) != find(b):
        m.add_edge(find(a), find(b))
edges = list(m.edges(keys=True))
base = nx.number_connected_components(m)
def cut(removed):
    h = m.copy()
    h.remove_edges_from(removed)
    return nx.number_connected_components(h) > base
bridge = [cut([e]) for e in edges]
pairs = sum(1 for i in range(len(edges)) for j in range(i + 1, len(edges))
            if not bridge[i] and not bridge[j] and cut([edges[i], edges[j]]))
aps = len(list(nx.articulation_points(nx.Graph(m))))
print("nodes=%d links=%d bridges=%d articulation_points=%d cut_pairs=%d" % (
    m.number_of_nodes(), m.number_of_edges(), sum(bridge), aps, pairs))
PY
) || { echo "FAIL: networkx failed"; exit 1; }
echo "omvei:    $got"
echo "networkx: $want"
[ "$got" = "$want" ] || { echo "FAIL: the merged network's counts differ"; exit 1; }
echo "ok"
