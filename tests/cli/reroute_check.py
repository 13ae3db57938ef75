"""reroute_check.py OMVEI TOPOLOGY BORDER ROUTING FAILURES [--processes N] [--minmax intact|all|none]
[--certify]
— one comparison of 'omvei reroute TOPOLOGY --border BORDER --routing ROUTING --failures FAILURES
--json' with the independent reference (reroute_compare.py). TOPOLOGY is a CSV folder or any file
omvei reads (converted with 'omvei convert' for the reference). Prints the counts and every
mismatch; exits 1 on a mismatch, 0 otherwise.
"""
import argparse
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import reroute_compare as C  # noqa: E402
import reroute_lp as R  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("omvei")
    p.add_argument("topology")
    p.add_argument("border")
    p.add_argument("routing")
    p.add_argument("failures")
    p.add_argument("--processes", type=int, default=2)
    p.add_argument("--minmax", default="intact")
    p.add_argument("--certify", action="store_true",
                   help="scenarios that fail only links idle in the intact reference optimum take its value")
    a = p.parse_args()
    t0 = time.time()
    t = R.read_topology(a.topology, a.omvei)
    label = "%s --border %s --routing %s" % (os.path.basename(os.path.normpath(a.topology)), a.border, a.routing)
    res = C.compare(a.omvei, [a.topology], t, a.border, a.routing, a.failures.split(","), label,
                    processes=a.processes, minmax=a.minmax, certify=a.certify)
    if a.routing == "optimal" and hasattr(res, "scenarios_compared"):
        print("%s: compared %d scenarios (intact + %s) with the independent LP: %d equal "
              "(%d LPs solved by glpsol, %d scenarios failing only links idle in a routing of the intact minimum)"
              % (label, res.scenarios_compared, a.failures, res.scenarios_equal, res.lp_solved, res.certified))
        if getattr(res, "minmax_checked", 0):
            print("%s: max_utilisation at or above the min-max LP in %d scenarios (%d at its value)"
                  % (label, res.minmax_checked, getattr(res, "minmax_equal", 0)))
    if a.routing == "shortest" and hasattr(res, "links_compared"):
        print("%s: compared %d link loads (gbps_intact) with networkx ECMP: %d equal"
              % (label, res.links_compared, res.links_equal))
    print(res.report())
    print("%s: %.1f s" % (label, time.time() - t0))
    return 0 if res.ok() else 1


if __name__ == "__main__":
    sys.exit(main())
