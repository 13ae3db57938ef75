"""Reads the existing links of an omvei CSV topology folder (DESIGN.md section 2) into an edge list.

Shared by the peer scripts so that every peer loads the same files the same way: node ids from
nodes.csv are numbered in file order; each row of links.csv whose status is not 'candidate' becomes
one edge (parallel links stay separate edges).
"""
import csv
import json
import os
import sys
import time


def load(folder):
    """Returns (number of nodes, list of (a, b) index pairs)."""
    index = {}
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        col = next(rows).index("id")
        for row in rows:
            if row:
                index[row[col].strip()] = len(index)
    edges = []
    with open(os.path.join(folder, "links.csv"), newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        header = next(rows)
        ca, cb = header.index("a"), header.index("b")
        cs = header.index("status") if "status" in header else -1
        for row in rows:
            if not row or (cs >= 0 and row[cs].strip() == "candidate"):
                continue
            edges.append((index[row[ca].strip()], index[row[cb].strip()]))
    return len(index), edges


def main(tool, build, compute):
    """Runs one peer on the folder argv[1] and prints one JSON line. load_s covers reading the CSV
    files and build(n, edges) -> graph; compute_s covers compute(graph) -> dict of counts."""
    if len(sys.argv) != 2:
        sys.exit("usage: %s TOPOLOGY_FOLDER" % os.path.basename(sys.argv[0]))
    t0 = time.perf_counter()
    n, edges = load(sys.argv[1])
    graph = build(n, edges)
    t1 = time.perf_counter()
    result = compute(graph)
    t2 = time.perf_counter()
    out = {"tool": tool, "nodes": n, "links": len(edges), "load_s": round(t1 - t0, 3),
           "compute_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3)}
    out.update(result)
    print(json.dumps(out, sort_keys=True))
