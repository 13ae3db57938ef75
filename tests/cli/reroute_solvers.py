"""reroute_solvers.py OMVEI SOURCE_DIR [GRAPHS] [SEED] — omvei's two LP solvers agree: 'omvei reroute
--solver glpk' and '--solver clp' give the same demand total, the same scenarios, and per scenario
(intact included) the same unserved_gbps, lost_with_node_gbps and max_utilisation, to 1e-6 (relative
above 1). Runs data/nordic under allow and deny (links,srlg) and GRAPHS seeded random networks of
reroute_random.py under allow, deny and transit (links,nodes,srlg). Where several routings tie on
every objective, the solvers may pick different ones, so link loads and per-demand lists are not
compared. Prints the counts and exits 1 on any difference.
"""
import json
import os
import random
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reroute_random as RR  # noqa: E402


def run(omvei, topo, failures, border, solver):
    cmd = [omvei, "reroute", topo, "--failures", failures, "--border", border, "--solver", solver, "--json",
           "--quiet"]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("%s exited with %d: %s" % (" ".join(cmd), r.returncode, r.stderr.strip()[-800:]))
    return json.loads(r.stdout)


def close(a, b):
    return abs(a - b) <= 1e-6 * max(1.0, abs(a), abs(b)) + 1e-12


def compare(omvei, topo, failures, border, label, errors):
    g = run(omvei, topo, failures, border, "glpk")
    c = run(omvei, topo, failures, border, "clp")
    n = 0
    if not close(g["demand_total_gbps"], c["demand_total_gbps"]):
        errors.append("%s: demand_total_gbps %r (glpk) != %r (clp)" % (label, g["demand_total_gbps"],
                                                                        c["demand_total_gbps"]))
    pairs = [("intact", g["intact"], c["intact"])]
    if len(g["scenarios"]) != len(c["scenarios"]):
        errors.append("%s: %d scenarios (glpk), %d (clp)" % (label, len(g["scenarios"]), len(c["scenarios"])))
        return 0
    for sg, sc in zip(g["scenarios"], c["scenarios"]):
        if (sg["kind"], sg["failed"]) != (sc["kind"], sc["failed"]):
            errors.append("%s: scenario %d is %s %s (glpk), %s %s (clp)" % (label, sg["index"], sg["kind"],
                                                                          sg["failed"], sc["kind"], sc["failed"]))
            return 0
        pairs.append(("scenario %d (%s %s)" % (sg["index"], sg["kind"], ",".join(map(str, sg["failed"]))), sg, sc))
    for name, a, b in pairs:
        n += 1
        for key in ("unserved_gbps", "lost_with_node_gbps", "max_utilisation"):
            if key in a and not close(a[key], b[key]):
                errors.append("%s: %s: %s %r (glpk) != %r (clp)" % (label, name, key, a[key], b[key]))
    return n


def main():
    omvei, src = sys.argv[1], sys.argv[2]
    graphs = int(sys.argv[3]) if len(sys.argv) > 3 else 8
    seed = int(sys.argv[4]) if len(sys.argv) > 4 else 3
    errors = []
    runs = scen = 0
    nordic = os.path.join(src, "data", "nordic")
    for border in ("allow", "deny"):
        scen += compare(omvei, nordic, "links,srlg", border, "data/nordic " + border, errors)
        runs += 1
    rng = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp:
        for gi in range(graphs):
            folder = os.path.join(tmp, "g%d" % gi)
            for border in RR.make_graph(rng, folder):
                scen += compare(omvei, folder, "links,nodes,srlg", border,
                                "graph %d (seed %d) %s" % (gi, seed, border), errors)
                runs += 1
    for e in errors[:40]:
        print("FAIL " + e)
    if len(errors) > 40:
        print("... and %d more" % (len(errors) - 40))
    print("glpk and clp: %d runs, %d scenarios (intact included) compared, %d differences"
          % (runs, scen, len(errors)))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
