"""reroute_random.py OMVEI [GRAPHS] [SEED] — differential tests of 'omvei reroute' on small random
networks against reroute_lp.py (arc-flow LP with glpsol, networkx ECMP).

Each graph has 6 to 12 nodes in NO, SE, FI or no country, a spanning tree plus chords (sometimes
one piece short, so some demands have no path), parallel links, capacities with some unlimited
links, integer metrics (ties, so ECMP splits) or none (one per hop), shared-risk groups, and
domestic and cross-border demands. Every graph runs with both routings under allow, deny and
transit, against every single link, node and shared-risk-group failure. Prints the counts and exits
1 on any difference.
"""
import os
import random
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reroute_compare as C  # noqa: E402
import reroute_lp as R  # noqa: E402


def make_graph(rng, folder):
    n = rng.randint(6, 12)
    nodes = ["v%d" % i for i in range(n)]
    country = {v: rng.choice(["NO", "NO", "NO", "SE", "SE", "FI", ""]) for v in nodes}
    country[nodes[0]] = "NO"
    country[nodes[1]] = "NO"
    edges = []
    order = nodes[:]
    rng.shuffle(order)
    skip = rng.random() < 0.15  # a graph in two pieces
    for i in range(1, n):
        if skip and i == n // 2:
            continue
        edges.append((order[rng.randrange(i)], order[i]))
    for _ in range(rng.randint(1, n)):
        a, b = rng.sample(nodes, 2)
        edges.append((a, b))
    for _ in range(rng.randint(0, 2)):  # parallel links
        edges.append(rng.choice(edges))
    with_metric = rng.random() < 0.8
    links = []
    for i, (a, b) in enumerate(edges):
        cap = rng.choice(["", "2", "4.5", "5", "10", "10", "20"])
        metric = str(rng.randint(1, 3)) if with_metric and rng.random() < 0.9 else ""
        links.append(["e%d" % i, a, b, cap, metric, ""])
    groups = rng.randint(0, 3)
    for g in range(groups):
        for li in rng.sample(range(len(links)), min(len(links), rng.randint(2, 3))):
            links[li][5] = (links[li][5] + ";" if links[li][5] else "") + "g%d" % g
    demands = []
    for _ in range(rng.randint(4, 12)):
        if rng.random() < 0.4:
            pool = [v for v in nodes if country[v] == "NO"]
            s, d = rng.sample(pool, 2)
        else:
            s, d = rng.sample(nodes, 2)
        demands.append((s, d, rng.choice(["1", "2.5", "3", "5", "8", "12"])))
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, "nodes.csv"), "w") as f:
        f.write("id,country\n")
        for v in nodes:
            f.write("%s,%s\n" % (v, country[v]))
    with open(os.path.join(folder, "links.csv"), "w") as f:
        f.write("id,a,b,capacity_gbps,metric,srlg\n")
        for row in links:
            f.write(",".join(row) + "\n")
    with open(os.path.join(folder, "demands.csv"), "w") as f:
        f.write("src,dst,gbps\n")
        for s, d, g in demands:
            f.write("%s,%s,%s\n" % (s, d, g))
    present = sorted({c for c in country.values() if c})
    foreign = [c for c in present if c != "NO"]
    transit = "transit:" + ",".join(rng.sample(foreign, rng.randint(1, len(foreign)))) if foreign else "transit:NO"
    return ["allow", "deny", transit]


def main():
    omvei = sys.argv[1]
    graphs = int(sys.argv[2]) if len(sys.argv) > 2 else 40
    seed = int(sys.argv[3]) if len(sys.argv) > 3 else 7
    rng = random.Random(seed)
    totals = {"runs": 0, "values": 0, "equal": 0, "lp": 0, "lp_equal": 0, "links": 0, "links_equal": 0,
              "mm": 0, "mm_equal": 0}
    failed_runs = 0
    with tempfile.TemporaryDirectory() as tmp:
        for gi in range(graphs):
            folder = os.path.join(tmp, "g%d" % gi)
            borders = make_graph(rng, folder)
            t = R.read_topology(folder)
            for routing in ("optimal", "shortest"):
                for border in borders:
                    label = "graph %d (seed %d) %s %s" % (gi, seed, routing, border)
                    res = C.compare(omvei, [folder], t, border, routing, ["links", "nodes", "srlg"], label,
                                    processes=1, minmax="all")
                    totals["runs"] += 1
                    totals["values"] += res.compared
                    totals["equal"] += res.equal
                    totals["lp"] += getattr(res, "scenarios_compared", 0)
                    totals["lp_equal"] += getattr(res, "scenarios_equal", 0)
                    totals["links"] += getattr(res, "links_compared", 0)
                    totals["links_equal"] += getattr(res, "links_equal", 0)
                    totals["mm"] += getattr(res, "minmax_checked", 0)
                    totals["mm_equal"] += getattr(res, "minmax_equal", 0)
                    if not res.ok():
                        failed_runs += 1
                        print(res.report())
                        with open(os.path.join(folder, "links.csv")) as f:
                            print("  links.csv:\n    " + f.read().replace("\n", "\n    "))
                        with open(os.path.join(folder, "nodes.csv")) as f:
                            print("  nodes.csv:\n    " + f.read().replace("\n", "\n    "))
                        with open(os.path.join(folder, "demands.csv")) as f:
                            print("  demands.csv:\n    " + f.read().replace("\n", "\n    "))
    print("%d graphs (seed %d), %d omvei runs (2 routings x 3 border policies, links,nodes,srlg)"
          % (graphs, seed, totals["runs"]))
    print("optimal: compared %d scenarios (intact included) with the independent LP: %d equal"
          % (totals["lp"], totals["lp_equal"]))
    print("optimal: max_utilisation checked against the min-max LP in %d scenarios: %d at the minimum, "
          "none below it unless listed above" % (totals["mm"], totals["mm_equal"]))
    print("shortest: compared %d link loads with networkx ECMP: %d equal" % (totals["links"], totals["links_equal"]))
    print("all values compared: %d, equal: %d" % (totals["values"], totals["equal"]))
    print("%d passed, %d failed" % (totals["runs"] - failed_runs, failed_runs))
    return 1 if failed_runs else 0


if __name__ == "__main__":
    sys.exit(main())
