"""networkx peer of the planner benchmark: k_edge_augmentation with k=2.

Reads an omvei CSV topology folder (nodes.csv, links.csv, candidates.csv), builds the graph of the
existing links and offers every candidate link between two nodes as an available edge weighted by
its cost_nok. networkx then looks for a cheap set of available edges that makes the graph
2-edge-connected (an approximation in the weighted case; partial=True when no set of candidates can
do it). That is a neighbouring problem, not the planner's: the whole graph instead of target sites
to the core, single links only, no shared-risk groups, no satellite terminals or power upgrades. The
result is the cost of the edges it picks, for comparison.

Prints one JSON line: tool, nodes, links, candidates, cost_nok, edges, load_s, compute_s, total_s.
"""
import csv
import json
import os
import sys
import time

import networkx as nx


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f)
        header = [h.strip() for h in next(reader)]
        for row in reader:
            if row:
                yield dict(zip(header, row))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: plan_networkx.py TOPOLOGY_FOLDER")
    folder = sys.argv[1]
    t0 = time.perf_counter()
    g = nx.Graph()
    for r in rows(os.path.join(folder, "nodes.csv")):
        g.add_node(r["id"].strip())
    links = 0
    for r in rows(os.path.join(folder, "links.csv")):
        if r.get("status", "").strip() == "candidate":
            continue
        g.add_edge(r["a"].strip(), r["b"].strip())
        links += 1
    avail = {}
    path = os.path.join(folder, "candidates.csv")
    if os.path.exists(path):
        for r in rows(path):
            a, b = r["a"].strip(), r.get("b", "").strip()
            medium = r.get("medium", "").strip()
            if not b or medium in ("power", "satellite") or a == b or g.has_edge(a, b):
                continue
            cost = float(r["cost_nok"])
            key = (a, b) if a < b else (b, a)
            if key not in avail or cost < avail[key]:
                avail[key] = cost
    t1 = time.perf_counter()
    # A dict of (u, v): weight: networkx 2.8 mishandles 3-tuples once partial=True takes over.
    picked = list(nx.k_edge_augmentation(g, k=2, avail=dict(avail),
                                         partial=True))
    t2 = time.perf_counter()
    cost = 0.0
    for a, b in picked:
        key = (a, b) if a < b else (b, a)
        cost += avail.get(key, 0.0)
    print(json.dumps({"tool": "networkx", "nodes": g.number_of_nodes(), "links": links, "candidates": len(avail),
                      "edges": len(picked), "cost_nok": round(cost), "load_s": round(t1 - t0, 3),
                      "compute_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3)}, sort_keys=True))


if __name__ == "__main__":
    main()
