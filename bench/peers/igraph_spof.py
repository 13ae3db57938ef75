#!/usr/bin/python3
"""Peer: python-igraph. Bridges and articulation points of the existing links of a CSV topology.

Usage: igraph_spof.py TOPOLOGY_FOLDER. Prints one JSON line: load_s covers reading the CSV files and
building the graph with igraph.Graph(n, edges), compute_s the two structural calls.
"""
import igraph

import topo_csv


def build(n, edges):
    return igraph.Graph(n, edges)


def compute(g):
    return {"bridges": len(g.bridges()), "articulation_points": len(g.articulation_points()),
            "version": igraph.__version__}


if __name__ == "__main__":
    topo_csv.main("python-igraph", build, compute)
