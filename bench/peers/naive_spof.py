#!/usr/bin/python3
"""Peer: the naive method. Removes each link in turn, then each node in turn, and recounts the
connected components with python-igraph: O(m (n + m)) work, for the smallest size only.

A link is a bridge when its removal raises the number of components; a node is an articulation
point when removing it (with its links) raises the number of components.
"""
import igraph

import topo_csv


def build(n, edges):
    return igraph.Graph(n, edges)


def compute(g):
    base = len(g.connected_components())
    bridges = 0
    for e in range(g.ecount()):
        h = g.copy()
        h.delete_edges([e])
        bridges += len(h.connected_components()) > base
    aps = 0
    for v in range(g.vcount()):
        h = g.copy()
        h.delete_vertices([v])
        aps += len(h.connected_components()) > base
    return {"bridges": bridges, "articulation_points": aps}


if __name__ == "__main__":
    topo_csv.main("naive", build, compute)
