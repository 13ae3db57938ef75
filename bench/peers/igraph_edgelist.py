#!/usr/bin/python3
"""Peer: python-igraph on a bare edge list. Bridges and articulation points of a graph read with
igraph.Graph.Read_Edgelist from a file of "a b" lines of integer node numbers, the fastest way
into igraph: no ids, no attributes, no checks.

Usage: igraph_edgelist.py TOPOLOGY_FOLDER. Reads TOPOLOGY_FOLDER/edges.txt (written beforehand, and
not timed, by write_edgelist below from the folder's CSV files). Prints one JSON line like the other
peers: load_s covers reading the edge list into igraph, compute_s the two structural calls.
"""
import json
import os
import sys
import time

import igraph


def write_edgelist(folder):
    """Writes folder/edges.txt: the existing links of the CSV topology as node numbers in file
    order (topo_csv.load), with the largest node number on a last line of its own so that isolated
    nodes at the end are counted."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import topo_csv

    n, edges = topo_csv.load(folder)
    tmp = os.path.join(folder, "edges.txt.part")
    with open(tmp, "w") as f:
        for a, b in edges:
            f.write("%d %d\n" % (a, b))
    os.replace(tmp, os.path.join(folder, "edges.txt"))
    with open(os.path.join(folder, "edges.n"), "w") as f:
        f.write("%d\n" % n)


def main():
    if len(sys.argv) == 3 and sys.argv[1] == "--write":
        write_edgelist(sys.argv[2])
        return
    if len(sys.argv) != 2:
        sys.exit("usage: igraph_edgelist.py [--write] TOPOLOGY_FOLDER")
    folder = sys.argv[1]
    with open(os.path.join(folder, "edges.n")) as f:
        n = int(f.read())
    t0 = time.perf_counter()
    g = igraph.Graph.Read_Edgelist(os.path.join(folder, "edges.txt"), directed=False)
    if g.vcount() < n:
        g.add_vertices(n - g.vcount())
    t1 = time.perf_counter()
    out = {"bridges": len(g.bridges()), "articulation_points": len(g.articulation_points())}
    t2 = time.perf_counter()
    out.update({"tool": "python-igraph (bare edge list)", "nodes": g.vcount(), "links": g.ecount(),
                "load_s": round(t1 - t0, 3), "compute_s": round(t2 - t1, 3), "total_s": round(t2 - t0, 3),
                "version": igraph.__version__})
    print(json.dumps(out, sort_keys=True))


if __name__ == "__main__":
    main()
