#!/usr/bin/python3
"""Peer: networkx. Bridges and articulation points of the existing links of a CSV topology.

Usage: networkx_spof.py TOPOLOGY_FOLDER. A MultiGraph keeps parallel links apart, so that a doubled
link is not reported as a bridge (the same answer as igraph and omvei).
"""
import networkx as nx

import topo_csv


def build(n, edges):
    g = nx.MultiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(edges)
    return g


def compute(g):
    return {"bridges": sum(1 for _ in nx.bridges(g)),
            "articulation_points": sum(1 for _ in nx.articulation_points(g)), "version": nx.__version__}


if __name__ == "__main__":
    topo_csv.main("networkx", build, compute)
