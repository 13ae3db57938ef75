#!/usr/bin/python3
"""compare_check.py — an independent check of `omvei compare` on a CSV topology folder.

Usage: compare_check.py FOLDER COMPARE_JSON NAME=FILE...

Recomputes, with networkx and nothing of omvei, every figure of compare.json for the region north of
Trondheim against single link and shared-risk-group failures (border allow): build the proposal, fail
every link and every risk group, count who keeps a path to the core (a satellite terminal protects its
site). Prints one line per mismatch and exits 1 when there is any.
"""
import csv
import json
import math
import sys

import networkx as nx

CORE_KINDS = {"core", "ixp"}


def rows(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def main():
    folder, result_path, props = sys.argv[1], sys.argv[2], sys.argv[3:]
    nodes = {r["id"]: r for r in rows(folder + "/nodes.csv")}
    links = rows(folder + "/links.csv")
    cands = {r["id"]: r for r in rows(folder + "/candidates.csv")}
    proposals = []
    for p in props:
        name, path = p.split("=", 1)
        items = rows(path)
        for r in items:
            cands.setdefault(r["id"], r)
        proposals.append((name, sorted({r["id"] for r in items})))

    kind = {v: (r.get("kind") or "site") for v, r in nodes.items()}
    pop = {v: int(float(r.get("population") or 0)) for v, r in nodes.items()}
    core = {v for v in nodes if kind[v] in CORE_KINDS}

    def in_region(v):
        r = nodes[v]
        lat = float(r["lat"]) if r.get("lat") else None
        return lat is not None and lat > 63.43 and (r.get("country") or "NO").upper() == "NO"

    region_sites = [v for v in nodes if in_region(v) and v not in core and kind[v] != "waypoint"]
    targets = [v for v in region_sites if kind[v] != "satellite_gateway"]

    def groups_of(r):
        return [g for g in (r.get("srlg") or "").split(";") if g.strip()]

    def graph(built, with_terminals):
        """Multigraph of existing links and built links, the core contracted into one node."""
        g = nx.MultiGraph()
        g.add_node("@core")
        for v in nodes:
            if v not in core:
                g.add_node(v)
        edges = [r for r in links if (r.get("status") or "existing") == "existing"]
        for i in built:
            r = cands[i]
            if r["medium"] == "power":
                continue
            if r["medium"] == "satellite" and not with_terminals:
                continue
            edges.append(r)
        for r in edges:
            a = "@core" if r["a"] in core else r["a"]
            b = "@core" if r["b"] in core else r["b"]
            g.add_edge(a, b, key=r["id"], groups=groups_of(r))
        return g

    def failures(g):
        """Every single link and every shared-risk group: the edges each removes."""
        out = {}
        groups = {}
        for a, b, k, d in g.edges(keys=True, data=True):
            out[("link", k)] = [(a, b, k)]
            for s in d["groups"]:
                groups.setdefault(s, []).append((a, b, k))
        for s, es in groups.items():
            out[("srlg", s)] = es
        return out

    def reach(g, removed):
        return nx.node_connected_component(nx.restricted_view(g, [], removed), "@core")

    def protected(built):
        g = graph(built, with_terminals=False)
        ok = set(reach(g, []))
        for es in failures(g).values():
            ok &= reach(g, es)
        terms = {cands[i]["a"] for i in built if cands[i]["medium"] == "satellite"
                 and kind.get(cands[i]["b"]) == "satellite_gateway"}
        terms |= {cands[i]["b"] for i in built if cands[i]["medium"] == "satellite"
                  and kind.get(cands[i]["a"]) == "satellite_gateway"}
        return {t for t in targets if t in ok or t in terms}

    def cutting(built):
        """Failures that cut off a region site that had a path before (the network as built)."""
        g = graph(built, with_terminals=True)
        before = reach(g, [])
        sites = {v for v in region_sites if v in before}
        cut = set()
        for f, es in failures(g).items():
            if sites - reach(g, es):
                cut.add(f)
        return cut

    with open(result_path, encoding="utf-8") as f:
        res = json.load(f)
    bad = []

    def expect(what, got, want):
        if isinstance(want, float) or isinstance(got, float):
            same = (got is None and want is None) or (got is not None and want is not None and abs(got - want) <= 0.01)
        else:
            same = got == want
        if not same:
            bad.append("%s: omvei says %r, networkx %r" % (what, got, want))

    base = protected([])
    base_pop = sum(pop[t] for t in base)
    base_cut = cutting([])
    expect("baseline targets", res["baseline"]["targets"], len(targets))
    expect("baseline protected_sites", res["baseline"]["protected_sites"], len(base))
    expect("baseline protected_residents", res["baseline"]["protected_residents"], base_pop)
    expect("baseline failures", res["baseline"]["failures"], len(base_cut))
    by_name = {p["name"]: p for p in res["proposals"]}
    expect("proposal names", sorted(by_name), sorted(n for n, _ in proposals))
    for name, items in proposals:
        p = by_name.get(name)
        if p is None:
            continue
        prot = protected(items)
        ppop = sum(pop[t] for t in prot)
        cost = sum(float(cands[i]["cost_nok"]) for i in items)
        added = ppop - base_pop
        after = cutting(items)
        idle = sorted(i for i in items if protected([j for j in items if j != i]) == prot)
        expect(name + " items", p["items"], items)
        expect(name + " cost_nok", float(p["cost_nok"]), cost)
        expect(name + " protected_sites", p["protected_sites"], len(prot))
        expect(name + " protected_residents", p["protected_residents"], ppop)
        expect(name + " added_residents", p["added_residents"], added)
        expect(name + " nok_per_added_resident", p["nok_per_added_resident"],
               round(cost / added, 2) if added > 0 else None)
        expect(name + " failures_removed", p["failures_removed"], len(base_cut - after))
        expect(name + " failures_left", p["failures_left"], len(after))
        expect(name + " idle_investments", p["idle_investments"], idle)
        opt = p["optimal_at_same_cost"]
        if opt is not None:
            # The best plan over all candidates (the proposal's items among them) can do no worse.
            if opt["protected_residents"] < ppop:
                bad.append("%s: the best plan at the same cost protects %d < the proposal's %d"
                           % (name, opt["protected_residents"], ppop))
            if opt["cost_nok"] > cost + 0.5:
                bad.append("%s: the best plan at the same cost spends %s > %s" % (name, opt["cost_nok"], cost))
            expect(name + " optimal added", opt["added_residents"], opt["protected_residents"] - base_pop)
    for line in bad:
        print(line)
    print("compare_check: %d proposals, %d mismatches" % (len(proposals), len(bad)))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
