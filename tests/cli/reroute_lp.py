"""reroute_lp.py — an independent reference for 'omvei reroute', used by the rerouting tests.

It shares no code or model with omvei:
- read_topology reads a CSV topology folder (nodes.csv, links.csv, demands.csv); any other format
  is first written as a CSV folder by 'omvei convert'.
- min_unserved writes its own LP in CPLEX LP format, a path-free arc-flow model with one commodity
  per demand (omvei aggregates commodities; this model does not), and solves it with 'glpsol --lp'.
  min_max_utilisation solves a second LP: the largest utilisation with the unserved total fixed.
- ecmp routes every demand over its shortest paths with networkx (Dijkstra towards the destination)
  and splits the flow equally over the equal-cost next-hop links at every node.

Semantics (issue 7): every link carries capacity_gbps in each direction (full duplex; empty =
unlimited); demands are directed; only links with status existing carry traffic. Border policy:
allow opens every link to every demand; under deny a demand whose two ends lie in one country (a
non-empty, equal code) may use only links whose two ends lie in that country, where an end without
a country counts as inside every country; transit:CC,... also opens to such demands every link with
an end whose country is listed (within or into a listed country). A failed node removes the node and its links; demand that starts or
ends there is lost with the node and is left out of the model.
"""
import csv
import math
import os
import subprocess
import tempfile

ROUTE_FACTOR = {"fiber": 1.4, "aerial": 1.4, "leased": 1.4, "subsea": 1.2}


class Topology:
    """nodes: ids in file order; country, lat, lon: per node id; links: dicts with id, a, b,
    cap (None = unlimited), metric, srlg (list of group names) of the existing links only;
    demands: (src, dst, gbps) in file order."""

    def __init__(self):
        self.nodes = []
        self.country = {}
        self.lat = {}
        self.lon = {}
        self.links = []
        self.demands = []

    def srlg_groups(self):
        groups = {}
        for i, l in enumerate(self.links):
            for g in l["srlg"]:
                groups.setdefault(g, []).append(i)
        return groups


def _num(text):
    text = (text or "").strip()
    return float(text) if text else None


def _geodesic_km(lat1, lon1, lat2, lon2):
    # The WGS84 ellipsoid through PROJ's geodesic routines, as omvei computes missing lengths.
    from pyproj import Geod
    _, _, s12 = Geod(a=6378137.0, f=1.0 / 298.257223563).inv(lon1, lat1, lon2, lat2)
    return s12 / 1000.0


def read_csv_folder(folder):
    t = Topology()
    with open(os.path.join(folder, "nodes.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            v = row["id"].strip()
            t.nodes.append(v)
            t.country[v] = (row.get("country") or "").strip()
            t.lat[v] = _num(row.get("lat"))
            t.lon[v] = _num(row.get("lon"))
    with open(os.path.join(folder, "links.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if (row.get("status") or "existing").strip() not in ("", "existing"):
                continue
            a, b = row["a"].strip(), row["b"].strip()
            metric = _num(row.get("metric"))
            if metric is None:
                metric = _num(row.get("length_km"))
                if metric is not None and metric <= 0:
                    metric = 1.0
            if metric is None:
                if None not in (t.lat[a], t.lon[a], t.lat[b], t.lon[b]):
                    medium = (row.get("medium") or "fiber").strip() or "fiber"
                    metric = _geodesic_km(t.lat[a], t.lon[a], t.lat[b], t.lon[b]) * ROUTE_FACTOR.get(medium, 1.0)
                if metric is None or metric <= 0:
                    metric = 1.0  # neither a metric nor a length: one per hop
            srlg = [g.strip() for g in (row.get("srlg") or "").split(";") if g.strip()]
            t.links.append({"id": row["id"].strip(), "a": a, "b": b, "cap": _num(row.get("capacity_gbps")),
                            "metric": metric, "srlg": srlg})
    path = os.path.join(folder, "demands.csv")
    if os.path.exists(path):
        with open(path, newline="", encoding="utf-8") as f:
            for row in csv.DictReader(f):
                t.demands.append((row["src"].strip(), row["dst"].strip(), float(row["gbps"])))
    return t


def read_topology(path, omvei=None):
    """A CSV folder directly; any other format through 'omvei convert PATH TMPDIR'."""
    if os.path.isdir(path):
        return read_csv_folder(path)
    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "csv")
        subprocess.run([omvei, "convert", "-q", path, out], check=True, stdout=subprocess.DEVNULL)
        return read_csv_folder(out)


# ---- border policy --------------------------------------------------------------------------------

def parse_border(text):
    """'allow' -> ('allow', set()); 'deny'; 'transit:SE,FI' -> ('transit', {'SE', 'FI'})."""
    if text.startswith("transit:"):
        return ("transit", set(text[len("transit:"):].split(",")))
    return (text, set())


def home_country(t, border, src, dst):
    """The country a demand is kept to, or None when it may use any link."""
    if border[0] == "allow":
        return None
    cs, cd = t.country.get(src, ""), t.country.get(dst, "")
    return cs if cs and cs == cd else None


def link_open(t, border, link, home):
    if home is None:
        return True
    ca, cb = t.country[link["a"]], t.country[link["b"]]
    inside = lambda c: c == "" or c == home
    if inside(ca) and inside(cb):
        return True
    if border[0] == "transit":
        # Within or into a listed country: an end that names a listed country. An end without a
        # country makes a link domestic everywhere (above) but does not open it as transit.
        return ca in border[1] or cb in border[1]
    return False


# ---- scenarios ------------------------------------------------------------------------------------

class Failure:
    """A scenario: failed link indices and failed node ids (kind and name as omvei reports them)."""

    def __init__(self, kind, failed, links=(), nodes=()):
        self.kind = kind
        self.failed = failed
        self.links = frozenset(links)
        self.nodes = frozenset(nodes)

    def key(self):
        return (self.kind, tuple(sorted(self.failed)))


INTACT = Failure("intact", [])


def single_failures(t, kinds):
    """Every single link, node and shared-risk-group failure of the classes asked for."""
    out = []
    if "links" in kinds:
        out += [Failure("link", [l["id"]], links=[i]) for i, l in enumerate(t.links)]
    if "nodes" in kinds:
        for v in t.nodes:
            out.append(Failure("node", [v], links=[i for i, l in enumerate(t.links) if v in (l["a"], l["b"])],
                               nodes=[v]))
    if "srlg" in kinds:
        for g, idx in sorted(t.srlg_groups().items()):
            out.append(Failure("srlg", [g], links=idx))
    return out


def split_demands(t, failure):
    """(demands routed, gbps lost with a failed node)."""
    routed, lost = [], 0.0
    for k, (s, d, g) in enumerate(t.demands):
        if s in failure.nodes or d in failure.nodes:
            lost += g
        elif s != d:
            routed.append(k)
    return routed, lost


def _open_arcs(t, border, failure, home):
    """Undirected adjacency of the links open to a demand kept to 'home' under the failure."""
    adj = {}
    for i, l in enumerate(t.links):
        if i in failure.links or l["a"] == l["b"] or not link_open(t, border, l, home):
            continue
        adj.setdefault(l["a"], []).append((i, l["b"]))
        adj.setdefault(l["b"], []).append((i, l["a"]))
    return adj


def _component(adj, s):
    seen, stack = {s}, [s]
    while stack:
        v = stack.pop()
        for _, w in adj.get(v, ()):
            if w not in seen:
                seen.add(w)
                stack.append(w)
    return seen


class _Blocks:
    """The block-cut tree of an open-link graph. Every simple s-t path stays inside the blocks on the
    tree path between s and t, so a commodity needs only the nodes of those blocks: an arc-flow
    optimum decomposes into simple paths (and cycles that can be dropped)."""

    def __init__(self, adj):
        import networkx as nx
        g = nx.Graph()
        for v, lst in adj.items():
            for _, w in lst:
                g.add_edge(v, w)
        self.blocks = [frozenset(b) for b in nx.biconnected_components(g)]
        self.tree = nx.Graph()
        self.where = {}
        for i, b in enumerate(self.blocks):
            self.tree.add_node(("b", i))
            for v in b:
                self.where.setdefault(v, []).append(i)
        for v, bs in self.where.items():
            if len(bs) > 1:
                for i in bs:
                    self.tree.add_edge(("c", v), ("b", i))

    def _rep(self, v):
        bs = self.where[v]
        return ("c", v) if len(bs) > 1 else ("b", bs[0])

    def useful(self, s, t):
        import networkx as nx
        path = nx.shortest_path(self.tree, self._rep(s), self._rep(t))
        nodes = set()
        for kind, x in path:
            if kind == "b":
                nodes |= self.blocks[x]
        return nodes


# ---- the LP ---------------------------------------------------------------------------------------

def _fmt(x):
    return repr(float(x))


def _lp_parts(t, border, failure, objective="unserved", bound=None, prefix=""):
    """The pieces of one scenario's arc-flow LP: (objective variables, constraint lines, bound lines,
    constant), or None for the first three when no demand is left for the LP. Every name starts
    with prefix, so that the LPs of several scenarios can share one file as independent blocks.
    Arc 2i runs a->b on link i, arc 2i+1 runs b->a. Variables f<k>_<arc> >= 0 for the arcs that demand
    k may use (open links among the nodes of the blocks between its ends), u<k> in [0, gbps] its
    unserved part; flow conservation per demand and node; capacity per arc.
    objective: "unserved" minimises the total unserved; "minmax" minimises the largest utilisation z
    over the capacitated arcs and "flow" the total flow over all arcs, both with the total unserved
    of the LP at most 'bound'. The constant is the gbps of the demands that no open path joins."""
    P = prefix
    routed, _ = split_demands(t, failure)
    adjs = {}
    blocks = {}
    const = 0.0
    arc_terms = {}  # arc -> list of variable names
    node_rows = []  # (name, terms [(coef, var)], rhs)
    uvars = []
    for k in routed:
        s, d, g = t.demands[k]
        home = home_country(t, border, s, d)
        if home not in adjs:
            adjs[home] = _open_arcs(t, border, failure, home)
        adj = adjs[home]
        comp = _component(adj, s)
        if d not in comp:
            const += g
            continue
        if home not in blocks:
            blocks[home] = _Blocks(adj)
        comp = blocks[home].useful(s, d)
        u = "%su%d" % (P, k)
        uvars.append((u, g))
        rows = {v: [] for v in comp}
        # Every open link between two nodes of comp is seen from both ends: one arc per direction.
        for v in comp:
            for i, w in adj.get(v, ()):
                if w not in comp:
                    continue
                arc = 2 * i if v == t.links[i]["a"] else 2 * i + 1
                name = "%sf%d_%d" % (P, k, arc)
                rows[v].append((1, name))   # leaves v
                rows[w].append((-1, name))  # enters w
                arc_terms.setdefault(arc, []).append(name)
        for v in sorted(comp):
            terms = rows[v]
            name = "%sn%d" % (P, len(node_rows))
            if v == s:
                node_rows.append((name, terms + [(1, u)], g))      # out - in + u = gbps
            elif v == d:
                node_rows.append((name, [(-c, x) for c, x in terms] + [(1, u)], g))  # in - out + u = gbps
            elif terms:
                node_rows.append((name, terms, 0.0))
    if not uvars:
        return None, None, None, const
    z = P + "z"
    if objective == "unserved":
        obj = [u for u, _ in uvars]
    elif objective == "minmax":
        obj = [z]
    else:
        obj = [x for arc in sorted(arc_terms) for x in arc_terms[arc]]
    body = []

    def line(name, terms, sense, rhs):
        parts = []
        for c, x in terms:
            parts.append(("+ " if c > 0 else "- ") + ("" if abs(c) == 1 else _fmt(abs(c)) + " ") + x)
        body.append(" " + name + ": " + " ".join(parts) + " " + sense + " " + _fmt(rhs))

    for name, terms, rhs in node_rows:
        line(name, terms, "=", rhs)
    for arc in sorted(arc_terms):
        cap = t.links[arc // 2]["cap"]
        if cap is None:
            continue
        terms = [(1, x) for x in arc_terms[arc]]
        line("%sc%d" % (P, arc), terms, "<=", cap)
        if objective == "minmax" and cap > 0:
            line("%sz%d" % (P, arc), terms + [(-cap, z)], "<=", 0.0)
    if objective != "unserved":
        line(P + "unserved", [(1, u) for u, _ in uvars], "<=", bound)
    bounds = [" 0 <= %s <= %s" % (u, _fmt(g)) for u, g in uvars]
    return obj, body, bounds, const


def _assemble(parts):
    """One LP text from blocks (objective variables, constraint lines, bound lines)."""
    obj = [x for o, _, _ in parts for x in o]
    out = ["Minimize", " obj: " + " + ".join(obj), "Subject To"]
    for _, body, _ in parts:
        out += body
    out.append("Bounds")
    for _, _, bounds in parts:
        out += bounds
    out.append("End")
    return "\n".join(out) + "\n"


def build_lp(t, border, failure, objective="unserved", bound=None):
    """The arc-flow LP of one scenario as text, and the constant (see _lp_parts); text None when no
    demand is left for the LP."""
    obj, body, bounds, const = _lp_parts(t, border, failure, objective, bound)
    if obj is None:
        return None, const
    return _assemble([(obj, body, bounds)]), const


def solve_batch(t, border, failures, objective="unserved", bounds=None, glpsol="glpsol"):
    """Solves the LPs of several scenarios as independent blocks of one LP file (one glpsol run):
    the blocks share no variable and no row, so the optimum of their sum is the sum of their optima
    and each block's part of the solution is optimal for its scenario. Returns per scenario the
    objective with the constant added ("unserved": minimum unserved gbps; "minmax": smallest
    largest utilisation, bounds[j] the unserved to keep)."""
    parts, where, consts = [], [], []
    for j, f in enumerate(failures):
        bnd = None
        if bounds is not None:
            const_j = _lp_parts(t, border, f)[3]
            bnd = _bound(bounds[j], const_j)
        obj, body, bnds, const = _lp_parts(t, border, f, objective, bnd, prefix="s%d_" % j)
        consts.append(const)
        if obj is None:
            where.append(None)
            continue
        where.append((sum(len(o) for o, _, _ in parts), len(obj)))
        parts.append((obj, body, bnds))
    values = []
    if parts:
        _, cols = solve_lp(_assemble(parts), columns=True, glpsol=glpsol)
    for j in range(len(failures)):
        if where[j] is None:
            values.append(consts[j] if objective == "unserved" else 0.0)
            continue
        first, n = where[j]
        # The objective's variables come first in the file, so glpsol numbers them first.
        v = sum(cols[first:first + n])
        values.append(v + consts[j] if objective == "unserved" else v)
    return values


def build_lp_by_destination(t, border, failure, objective="unserved", bound=None, zbound=None):
    """The same minimum-unserved LP with commodities aggregated by (border class, destination): the
    classic compact model, much smaller than build_lp's when demands share destinations. Used by
    the benchmark as the from-scratch peer; the tests use build_lp. Returns (text, constant).
    The later objectives give the rest of a rerouting answer, each LP solved from scratch:
    "minmax" minimises the largest utilisation z with the routed unserved total at most bound;
    "minflow" minimises the total flow with that bound and z at most zbound."""
    routed, _ = split_demands(t, failure)
    groups = {}
    for k in routed:
        s, d, g = t.demands[k]
        groups.setdefault((home_country(t, border, s, d), d), []).append(k)
    adjs = {}
    const = 0.0
    arc_terms = {}
    rows_out = []
    uvars = []
    for ci, ((home, d), ks) in enumerate(sorted(groups.items(), key=lambda x: (x[0][0] or "", x[0][1]))):
        if home not in adjs:
            adjs[home] = _open_arcs(t, border, failure, home)
        adj = adjs[home]
        comp = _component(adj, d)
        supply = {}
        for k in ks:
            s, _, g = t.demands[k]
            if s not in comp:
                const += g
                continue
            uvars.append(("u%d" % k, g))
            supply.setdefault(s, []).append(k)
        if not supply:
            continue
        rows = {v: [] for v in comp}
        for v in comp:
            for i, w in adj.get(v, ()):
                arc = 2 * i if v == t.links[i]["a"] else 2 * i + 1
                name = "f%d_%d" % (ci, arc)
                rows[v].append((1, name))
                rows[w].append((-1, name))
                arc_terms.setdefault(arc, []).append(name)
        for v in sorted(comp):
            if v == d:
                continue
            terms = rows[v] + [(1, "u%d" % k) for k in supply.get(v, ())]
            rhs = sum(t.demands[k][2] for k in supply.get(v, ()))
            if terms:
                rows_out.append(("n%d" % len(rows_out), terms, rhs))
    if not uvars:
        return None, const
    flows = [x for arc in sorted(arc_terms) for x in arc_terms[arc]]
    if objective == "unserved":
        goal = " + ".join(u for u, _ in uvars)
    elif objective == "minmax":
        goal = "z"
    else:
        goal = " + ".join(flows) if flows else "z"
    out = ["Minimize", " obj: " + goal, "Subject To"]

    def line(name, terms, sense, rhs):
        out.append(" " + name + ": " + " ".join(("+ " if c > 0 else "- ") + x for c, x in terms)
                   + " " + sense + " " + _fmt(rhs))

    for name, terms, rhs in rows_out:
        line(name, terms, "=", rhs)
    later = objective != "unserved"
    for arc in sorted(arc_terms):
        cap = t.links[arc // 2]["cap"]
        if cap is not None:
            if later:
                out.append(" c%d: " % arc + " ".join("+ " + x for x in arc_terms[arc]) + " - " + _fmt(cap)
                           + " z <= 0")
            else:
                line("c%d" % arc, [(1, x) for x in arc_terms[arc]], "<=", cap)
    if later:
        line("total", [(1, u) for u, _ in uvars], "<=", bound)
    out.append("Bounds")
    for u, g in uvars:
        out.append(" 0 <= %s <= %s" % (u, _fmt(g)))
    if later:
        out.append(" 0 <= z <= %s" % _fmt(1.0 if zbound is None else min(1.0, zbound)))
    out.append("End")
    return "\n".join(out) + "\n", const


def solve_lp(text, values=False, columns=False, glpsol="glpsol"):
    """Solves an LP text with glpsol (simplex, from scratch). Returns the objective, or with
    values=True (objective, {column name: activity}) (6 significant digits), or with columns=True
    (objective, [activity of column 1, 2, ...]) (full precision; glpsol numbers the columns in the
    order they first appear in the file). Raises on any status but optimal."""
    with tempfile.TemporaryDirectory() as tmp:
        lp = os.path.join(tmp, "m.lp")
        sol = os.path.join(tmp, "m.sol")
        txt = os.path.join(tmp, "m.txt")
        with open(lp, "w") as f:
            f.write(text)
        cmd = [glpsol, "--lp", lp, "-w", sol] + (["-o", txt] if values else [])
        r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, universal_newlines=True)
        if r.returncode != 0 or not os.path.exists(sol):
            raise RuntimeError("glpsol failed:\n" + r.stdout[-2000:])
        obj = None
        cols = []
        with open(sol) as f:
            for ln in f:
                p = ln.split()
                if p and p[0] == "s":
                    # s bas ROWS COLS PRIMAL DUAL OBJ
                    if p[4] != "f" or p[5] != "f":
                        raise RuntimeError("glpsol: not optimal: " + ln.strip())
                    obj = float(p[6])
                    if not columns:
                        break
                elif p and p[0] == "j":
                    # j COLUMN STATUS VALUE DUAL
                    if int(p[1]) != len(cols) + 1:
                        raise RuntimeError("glpsol: columns out of order: " + ln.strip())
                    cols.append(float(p[3]))
        if obj is None:
            raise RuntimeError("glpsol wrote no solution line")
        if columns:
            return obj, cols
        if not values:
            return obj
        vals = {}
        with open(txt) as f:
            in_cols = False
            for ln in f:
                if "Column name" in ln:
                    in_cols = True
                    continue
                if in_cols:
                    p = ln.split()
                    if not p:
                        if vals:
                            break
                        continue
                    if p[0].isdigit() and len(p) >= 4:
                        vals[p[1]] = float(p[3])
        return obj, vals


def write_lp(t, border, failure, path):
    """Writes the minimum-unserved LP of a scenario to path; returns the constant part (gbps that no
    path can carry), or None when the LP would be empty."""
    text, const = build_lp(t, border, failure)
    if text is None:
        return None
    with open(path, "w") as f:
        f.write(text)
    return const


def min_unserved(t, border, failure):
    """The minimum total unserved gbps of a scenario (demand lost with a failed node excluded)."""
    text, const = build_lp(t, border, failure)
    if text is None:
        return const
    return const + solve_lp(text)


def _bound(unserved, const):
    return unserved - const + 1e-9 * max(1.0, unserved)


def min_max_utilisation(t, border, failure, unserved):
    """The smallest possible largest utilisation over the capacitated links with the unserved total
    at most 'unserved' (the value min_unserved returned, constant included)."""
    _, const = build_lp(t, border, failure)
    text, _ = build_lp(t, border, failure, "minmax", _bound(unserved, const))
    if text is None:
        return 0.0
    return solve_lp(text)


def intact_certificate(t, border):
    """(U, idle): U the minimum unserved of the intact network; idle the set of link indices that
    carry no flow (below 1e-9 gbps each way) in a minimum-total-flow routing with unserved U.
    Removing idle links keeps that routing feasible and cannot lower the unserved demand, so a
    failure of idle links only (and of no node) has the minimum unserved U (within the 1e-9 slack
    of the bound and the flows below 1e-9 that are dropped)."""
    u = min_unserved(t, border, INTACT)
    text, const = build_lp(t, border, INTACT, "flow", _bound(u, const_part(t, border)))
    if text is None:
        return u, set(range(len(t.links)))
    _, vals = solve_lp(text, values=True)
    busy = set()
    for name, x in vals.items():
        if name.startswith("f") and abs(x) > 1e-9:
            busy.add(int(name.split("_")[1]) // 2)
    return u, set(range(len(t.links))) - busy


def _idle(t, vals, failure):
    busy = set(failure.links)
    for name, x in vals.items():
        if name.startswith("f") and abs(x) > 1e-9:
            busy.add(int(name.split("_")[1]) // 2)
    return frozenset(range(len(t.links))) - busy


def min_unserved_idle(t, border, failure):
    """(minimum unserved, links idle in the optimum glpsol found, failed links excluded). When the
    minimum equals the intact minimum, that routing also shows that failing any of the idle links
    alone leaves the intact minimum: it avoids them and stays feasible."""
    text, const = build_lp(t, border, failure)
    if text is None:
        return const, frozenset(range(len(t.links))) - failure.links
    obj, vals = solve_lp(text, values=True)
    return const + obj, _idle(t, vals, failure)


def const_part(t, border, failure=INTACT):
    return build_lp(t, border, failure)[1]


# ---- ECMP -----------------------------------------------------------------------------------------

def ecmp(t, border, failure, tie_rel=1e-9):
    """Shortest-path routing with equal split over equal-cost next-hop links.
    Returns (loads, unserved): loads[arc] in gbps (arc 2i a->b, 2i+1 b->a), unserved as a list of
    (src, dst, gbps) of the demands with no open path."""
    import networkx as nx

    routed, _ = split_demands(t, failure)
    loads = [0.0] * (2 * len(t.links))
    unserved = []
    graphs = {}
    dists = {}
    for k in routed:
        s, d, g = t.demands[k]
        home = home_country(t, border, s, d)
        if home not in graphs:
            adj = _open_arcs(t, border, failure, home)
            gr = nx.MultiGraph()
            gr.add_nodes_from(v for v in t.nodes if v not in failure.nodes)
            for v, lst in adj.items():
                for i, w in lst:
                    if v == t.links[i]["a"]:
                        gr.add_edge(v, w, key=i, weight=t.links[i]["metric"])
            graphs[home] = (gr, adj)
        gr, adj = graphs[home]
        if (home, d) not in dists:
            dists[(home, d)] = nx.single_source_dijkstra_path_length(gr, d, weight="weight")
        dist = dists[(home, d)]
        if s not in dist:
            unserved.append((s, d, g))
            continue
        flow = {s: g}
        # Nodes on the way carry flow; visit them farthest first so each node's inflow is complete.
        order = [s]
        seen = {s}
        i = 0
        while i < len(order):
            v = order[i]
            i += 1
            for _, w in adj.get(v, ()):
                if w in dist and w not in seen and dist[w] < dist[v]:
                    seen.add(w)
                    order.append(w)
        order.sort(key=lambda v: -dist[v])
        for v in order:
            x = flow.get(v, 0.0)
            if v == d or x == 0.0:
                continue
            hops = []
            for li, w in adj.get(v, ()):
                if w in dist and abs(dist[w] + t.links[li]["metric"] - dist[v]) <= tie_rel * max(1.0, dist[v]):
                    hops.append((li, w))
            share = x / len(hops)
            for li, w in hops:
                arc = 2 * li if v == t.links[li]["a"] else 2 * li + 1
                loads[arc] += share
                flow[w] = flow.get(w, 0.0) + share
    return loads, unserved


def link_gbps(loads, i):
    """A link's gbps as omvei reports it: the larger of its two directions."""
    return max(loads[2 * i], loads[2 * i + 1])


def close(a, b, abs_tol=1e-6, rel_tol=1e-7):
    return abs(a - b) <= abs_tol + rel_tol * max(abs(a), abs(b))
