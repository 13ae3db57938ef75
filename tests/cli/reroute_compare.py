"""reroute_compare.py — runs 'omvei reroute --json' and checks its reroute.json against the independent
reference of reroute_lp.py. Used by test_reroute_exact.sh, test_reroute_random.sh and
shared_reroute.sh.

Checked, for the optimal routing: the scenario list (every single link, node and shared-risk-group
failure asked for, once, with omvei's kind and failed names), demand_total_gbps, the number of
demands and of unlimited links, lost_with_node_gbps, unserved_gbps of the intact network and of every
scenario against the arc-flow LP, the per-demand unserved list adding up to unserved_gbps, and
max_utilisation at least the smallest largest utilisation of a second LP (unserved fixed).
For the shortest routing: every link's gbps_intact and utilisation_intact against the networkx ECMP,
and per scenario unserved_gbps, the unserved demands, max_utilisation, overloaded_links; per link the
worst utilisation over the scenarios and that the failure named for it reaches that value.
"""
import json
import multiprocessing
import os
import subprocess

import reroute_lp as R

_T = None  # the topology the pool workers solve on (set before the pool forks)


def _solve(job):
    border, failure = job
    return R.min_unserved(_T, border, failure)


def _solve_idle(job):
    border, failure = job
    return R.min_unserved_idle(_T, border, failure)


def _certified_solve(t, border, failures, processes):
    """Minimum unserved of every failure; (values, glpsol solves, certified count). A failure of links
    (no node) takes the intact minimum U without a solve when its links are idle in a routing of
    unserved U: the minimum-flow intact optimum, or the optimum of an earlier failure whose minimum
    was U (that routing avoids both, so it stays feasible; and no failure lowers the minimum).
    Solves run in rounds of 'processes' so that each round's routings certify later failures."""
    intact_u, idle = R.intact_certificate(t, border)
    witnesses = [idle]
    values = [None] * len(failures)
    solves = 2  # the intact minimum and its minimum-flow routing
    todo = list(range(len(failures)))
    pool = multiprocessing.Pool(processes) if processes > 1 else None
    try:
        while todo:
            rest = []
            for j in todo:
                f = failures[j]
                if not f.nodes and any(f.links <= w for w in witnesses):
                    values[j] = intact_u
                else:
                    rest.append(j)
            todo = rest
            if not todo:
                break
            batch, todo = todo[:max(1, processes)], todo[max(1, processes):]
            jobs = [(border, failures[j]) for j in batch]
            out = pool.map(_solve_idle, jobs) if pool else [_solve_idle(x) for x in jobs]
            solves += len(batch)
            for j, (v, w) in zip(batch, out):
                values[j] = v
                if v <= intact_u + 1e-9 * max(1.0, intact_u):
                    witnesses.append(w)
    finally:
        if pool:
            pool.close()
            pool.join()
    return intact_u, values, solves, len(failures) - (solves - 2)


def _minmax(job):
    border, failure, unserved = job
    return R.min_max_utilisation(_T, border, failure, unserved)


class Result:
    def __init__(self, label):
        self.label = label
        self.compared = 0
        self.equal = 0
        self.errors = []

    def check(self, ok, what):
        self.compared += 1
        if ok:
            self.equal += 1
        elif len(self.errors) < 30:
            self.errors.append(what)
        else:
            self.errors.append(None)

    def fail(self, what):
        self.errors.append(what)

    def report(self):
        lines = ["%s: compared %d values: %d equal" % (self.label, self.compared, self.equal)]
        shown = [e for e in self.errors if e is not None]
        lines += ["  MISMATCH " + e for e in shown]
        if len(shown) < len(self.errors):
            lines.append("  ... and %d more mismatches" % (len(self.errors) - len(shown)))
        return "\n".join(lines)

    def ok(self):
        return not self.errors


def run_omvei(omvei, topo_args, border, routing, failures, extra=()):
    cmd = [omvei, "reroute"] + list(topo_args) + ["--failures", failures, "--border", border,
                                                  "--routing", routing, "--json"] + list(extra)
    # REROUTE_SOLVER=glpk|clp: the LP solver of optimal routing (omvei's default when unset).
    if os.environ.get("REROUTE_SOLVER") and "--solver" not in extra:
        cmd += ["--solver", os.environ["REROUTE_SOLVER"]]
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, universal_newlines=True)
    if r.returncode != 0:
        raise RuntimeError("%s exited with %d: %s" % (" ".join(cmd), r.returncode, r.stderr.strip()[-1500:]))
    return json.loads(r.stdout)


def _scenario_key(s):
    failed = s["failed"]
    if not isinstance(failed, list):
        failed = [failed]
    return (s["kind"], tuple(sorted(str(x) for x in failed)))


def _util(t, i, gbps):
    cap = t.links[i]["cap"]
    if cap is None or cap <= 0:
        return None
    return gbps / cap


def _max_util(t, loads):
    vals = [_util(t, i, R.link_gbps(loads, i)) for i in range(len(t.links))]
    vals = [v for v in vals if v is not None]
    return max(vals) if vals else 0.0


def _overloaded(t, loads):
    """Ids of the links loaded above their capacity."""
    return [l["id"] for i, l in enumerate(t.links)
            if l["cap"] is not None and R.link_gbps(loads, i) > l["cap"] * (1 + 1e-9) + 1e-9]


def _same_overloaded(got, want_ids):
    """overloaded_links is a count or a list of link ids."""
    if isinstance(got, list):
        return sorted(str(x) for x in got) == sorted(want_ids)
    return got == len(want_ids)


def _num_or_none_equal(a, b):
    if a is None or b is None:
        return a is None and b is None
    return R.close(a, b)


def compare(omvei, topo_args, t, border_text, routing, kinds, label, processes=2, minmax="intact",
            scenario_filter=None, certify=False):
    """Runs omvei and compares; returns a Result. kinds: list of 'links', 'nodes', 'srlg'.
    minmax: 'intact', 'all' or 'none' (which scenarios get the second LP, optimal routing only).
    scenario_filter: a function of a Failure deciding which scenarios the LP checks (None: all).
    certify: a scenario that fails only links idle in a reference routing of the intact minimum (see
    _certified_solve) takes the intact minimum instead of a glpsol solve of its own."""
    global _T
    res = Result(label)
    border = R.parse_border(border_text)
    try:
        js = run_omvei(omvei, topo_args, border_text, routing, ",".join(kinds))
    except (RuntimeError, ValueError) as e:
        res.fail(str(e))
        return res

    res.check(js.get("schema") == "omvei/reroute/1", "schema %r" % js.get("schema"))
    res.check(js.get("routing") == routing, "routing %r" % js.get("routing"))
    total = sum(g for _, _, g in t.demands)
    res.check(R.close(js["demand_total_gbps"], total), "demand_total_gbps %r, expected %r" % (js["demand_total_gbps"], total))
    res.check(js["demands"] == len(t.demands), "demands %r, expected %d" % (js["demands"], len(t.demands)))
    unlimited = sum(1 for l in t.links if l["cap"] is None)
    res.check(js["unlimited_links"] == unlimited, "unlimited_links %r, expected %d" % (js["unlimited_links"], unlimited))

    # The scenario list: each expected failure once, and nothing else.
    mine = R.single_failures(t, kinds)
    by_key = {}
    for s in js["scenarios"]:
        by_key.setdefault(_scenario_key(s), []).append(s)
    for i, s in enumerate(js["scenarios"]):
        if s.get("index") != i:
            res.fail("scenario at position %d has index %r" % (i, s.get("index")))
            break
    expected_keys = {f.key() for f in mine}
    for k, lst in by_key.items():
        if k not in expected_keys:
            res.fail("unexpected scenario %r" % (k,))
        elif len(lst) > 1:
            res.fail("scenario %r listed %d times" % (k, len(lst)))
    pairs = []
    for f in mine:
        lst = by_key.get(f.key())
        if not lst:
            res.fail("scenario %r missing" % (f.key(),))
            continue
        pairs.append((f, lst[0]))
    res.check(len(pairs) == len(mine), "%d of %d scenarios found" % (len(pairs), len(mine)))

    for f, s in pairs:
        _, lost = R.split_demands(t, f)
        res.check(R.close(s["lost_with_node_gbps"], lost),
                  "%s %s: lost_with_node_gbps %r, expected %r" % (label, f.key(), s["lost_with_node_gbps"], lost))
        listed = sum(u["gbps"] for u in s["unserved"])
        res.check(R.close(listed, s["unserved_gbps"]),
                  "%s %s: unserved list adds up to %r, unserved_gbps %r" % (label, f.key(), listed, s["unserved_gbps"]))

    _T = t
    if routing == "optimal":
        checked = [(f, s) for f, s in pairs if scenario_filter is None or scenario_filter(f)]
        if certify:
            intact_u, vals, solves, certified = _certified_solve(t, border, [f for f, _ in checked], processes)
            values = [intact_u] + vals
            res.lp_solved = solves
            res.certified = certified
        else:
            jobs = [(border, f) for f in [R.INTACT] + [f for f, _ in checked]]
            if processes > 1 and len(jobs) > 1:
                with multiprocessing.Pool(processes) as pool:
                    values = pool.map(_solve, jobs, chunksize=2)
            else:
                # One glpsol run: every scenario an independent block of one LP (small networks).
                values = R.solve_batch(t, border, [f for _, f in jobs])
            res.lp_solved = len(jobs)
            res.certified = 0
        res.scenarios_compared = 0
        res.scenarios_equal = 0
        entries = [(R.INTACT, js["intact"])] + checked
        for (f, s), want in zip(entries, values):
            ok = R.close(s["unserved_gbps"], want)
            res.check(ok, "%s %s: unserved_gbps %r, independent LP %r" % (label, f.key(), s["unserved_gbps"], want))
            res.scenarios_compared += 1
            res.scenarios_equal += ok
        n_mm = {"intact": 1, "all": len(entries), "none": 0}[minmax]
        mm_entries = entries[:n_mm]
        mm_jobs = [(border, f, want) for (f, _), want in zip(mm_entries, values)]
        if mm_jobs:
            if processes > 1 and len(mm_jobs) > 1:
                with multiprocessing.Pool(processes) as pool:
                    mm = pool.map(_minmax, mm_jobs, chunksize=4)
            else:
                mm = R.solve_batch(t, border, [f for _, f, _ in mm_jobs], "minmax", [u for _, _, u in mm_jobs])
            for (f, s), z in zip(mm_entries, mm):
                got = s["max_utilisation"]
                # omvei prints 6 decimals, and its second phase keeps the unserved total only up to a
                # small relative slack, which can buy about 1e-6 of utilisation where capacity binds
                # (0.999998 against a minimum of 1): 1e-5 absolute here.
                res.check(got is not None and got >= z - 1e-5,
                          "%s %s: max_utilisation %r below the smallest possible %r" % (label, f.key(), got, z))
                res.minmax_equal = getattr(res, "minmax_equal", 0) + (got is not None and R.close(got, z, 1e-5, 1e-6))
            res.minmax_checked = len(mm_jobs)
        return res

    # Shortest-path routing.
    loads, unserved = R.ecmp(t, border, R.INTACT)
    links_js = {l["id"]: l for l in js["links"]}
    res.check(len(js["links"]) == len(t.links), "%d links listed, %d existing" % (len(js["links"]), len(t.links)))
    res.links_compared = 0
    res.links_equal = 0
    for i, l in enumerate(t.links):
        lj = links_js.get(l["id"])
        if lj is None:
            res.fail("link %s not listed" % l["id"])
            continue
        want = R.link_gbps(loads, i)
        ok = R.close(lj["gbps_intact"], want)
        res.check(ok, "%s link %s: gbps_intact %r, networkx ECMP %r (a->b %r, b->a %r)"
                  % (label, l["id"], lj["gbps_intact"], want, loads[2 * i], loads[2 * i + 1]))
        res.links_compared += 1
        res.links_equal += ok
        res.check(_num_or_none_equal(lj["utilisation_intact"], _util(t, i, want)),
                  "%s link %s: utilisation_intact %r, expected %r" % (label, l["id"], lj["utilisation_intact"], _util(t, i, want)))
        cap = lj["capacity_gbps"]
        res.check(_num_or_none_equal(cap, l["cap"]), "%s link %s: capacity_gbps %r, expected %r" % (label, l["id"], cap, l["cap"]))
    intact = js["intact"]
    res.check(R.close(intact["unserved_gbps"], sum(g for _, _, g in unserved)),
              "%s intact: unserved_gbps %r, ECMP %r" % (label, intact["unserved_gbps"], sum(g for _, _, g in unserved)))
    res.check(R.close(intact["max_utilisation"], _max_util(t, loads)),
              "%s intact: max_utilisation %r, ECMP %r" % (label, intact["max_utilisation"], _max_util(t, loads)))
    res.check(_same_overloaded(intact["overloaded_links"], _overloaded(t, loads)),
              "%s intact: overloaded_links %r, ECMP %r" % (label, intact["overloaded_links"], _overloaded(t, loads)))

    # Worst case per link: the largest gbps over the intact network and every scenario that leaves
    # the link up (worst_failure names the scenario, or nothing when the intact load is the largest).
    worst = [(R.link_gbps(loads, i), None) for i in range(len(t.links))]
    gbps_by_scenario = {}
    for f, s in pairs:
        fl, fu = R.ecmp(t, border, f)
        want_u = sum(g for _, _, g in fu)
        res.check(R.close(s["unserved_gbps"], want_u),
                  "%s %s: unserved_gbps %r, ECMP %r" % (label, f.key(), s["unserved_gbps"], want_u))
        got_pairs = {}
        for u in s["unserved"]:
            got_pairs[(u["src"], u["dst"])] = got_pairs.get((u["src"], u["dst"]), 0.0) + u["gbps"]
        want_pairs = {}
        for a, b, g in fu:
            want_pairs[(a, b)] = want_pairs.get((a, b), 0.0) + g
        res.check(set(got_pairs) == set(want_pairs) and all(R.close(got_pairs[k], want_pairs[k]) for k in got_pairs),
                  "%s %s: unserved demands %r, ECMP %r" % (label, f.key(), sorted(got_pairs.items()), sorted(want_pairs.items())))
        res.check(R.close(s["max_utilisation"], _max_util(t, fl)),
                  "%s %s: max_utilisation %r, ECMP %r" % (label, f.key(), s["max_utilisation"], _max_util(t, fl)))
        res.check(_same_overloaded(s["overloaded_links"], _overloaded(t, fl)),
                  "%s %s: overloaded_links %r, ECMP %r" % (label, f.key(), s["overloaded_links"], _overloaded(t, fl)))
        per = {}
        for i in range(len(t.links)):
            if i in f.links:
                continue
            per[i] = R.link_gbps(fl, i)
            if per[i] > worst[i][0] + 1e-9:
                worst[i] = (per[i], s["index"])
        gbps_by_scenario[s["index"]] = per
    for i, l in enumerate(t.links):
        lj = links_js.get(l["id"])
        if lj is None:
            continue
        want = worst[i][0]
        res.check(R.close(lj["gbps_worst"], want),
                  "%s link %s: gbps_worst %r, ECMP over intact and scenarios %r (scenario %r)"
                  % (label, l["id"], lj["gbps_worst"], want, worst[i][1]))
        res.check(_num_or_none_equal(lj["utilisation_worst"], _util(t, i, want)),
                  "%s link %s: utilisation_worst %r, expected %r" % (label, l["id"], lj["utilisation_worst"], _util(t, i, want)))
        wf = lj.get("worst_failure")
        if wf is None or wf == -1:
            reached = R.link_gbps(loads, i)
        else:
            reached = gbps_by_scenario.get(wf, {}).get(i) if isinstance(wf, int) else None
        res.check(reached is not None and R.close(reached, want),
                  "%s link %s: worst_failure %r carries %r, the worst is %r" % (label, l["id"], wf, reached, want))
    return res
