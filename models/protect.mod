/* protect.mod -- omvei investment planner, compact flow form (DESIGN.md section 5).

   The same model that omvei solves by branch-and-cut with lazy cut rows (src/plan/), written with
   one flow per (target, failure) pair instead of the exponentially many cut rows. By max-flow /
   min-cut its projection on (x, y) is the set of cut rows, so both forms have the same optimum.
   It is readable and solves small instances; omvei writes the data section (omv_plan_export,
   `omvei plan --write-data`) and translates this file once with glp_mpl_*.

   Sets
     N        nodes of the network
     CORE     core nodes (within N): every flow may start at any of them; they never fail
     L        links of the planner graph: existing links and candidate links (not satellite
              terminals, not power upgrades); undirected, ends a[e] and b[e]
     K        candidate investments: links (KL), satellite terminals (KS), reserve-power upgrades (KP)
     KL       candidate links, within K and within L
     KS       satellite terminals: site[k] is the site they protect against every failure, except
              an outage that leaves the site itself without power (a terminal needs power too)
     KP       power upgrades: pnode[k] keeps power for ph[k] hours
     T        targets that some plan can protect (omvei reports the others as infeasible)
     F        failures of the chosen classes: a link, a node (with its links), a shared-risk group,
              a power outage
     FL[f]    links that fail with f (for a node failure: the node's links)
     FN[f]    nodes that lose power in outage f unless upgraded by a KP lasting fh[f] hours
     P        (target, failure) pairs to protect (a node's own failure is not counted against it)

   Parameters (units)
     cost[k]  investment cost, NOK
     pop[t]   residents served by target t, persons
     must[t]  1: t must be protected (min-cost mode)
     budget   most that may be spent, NOK
     popmin   protected residents required, persons (second phase of budget mode)
     wcost, wpop   objective weights: minimise wcost * cost - wpop * protected residents
     fh[f]    outage duration, hours (0 for other failures)

   Variables
     x[k]     1 when candidate k is built
     y[t]     1 when target t is protected
     g[t,f,e,d]  flow towards t on link e under failure f; d = 0 from a[e] to b[e], d = 1 back
*/

set N;
set CORE within N;
set L;
param a{L} symbolic in N;
param b{L} symbolic in N;
set K;
param cost{K} >= 0;
set KL within K;
set KS within K;
set KP within K;
param site{KS} symbolic in N;
param pnode{KP} symbolic in N;
param ph{KP} >= 0;
param lvar{KL} symbolic in L;
set T within N;
param pop{T} >= 0;
param must{T} binary, default 0;
set F;
set FL{F} within L, default {};
set FN{F} within N, default {};
param fh{F} >= 0, default 0;
set P within T cross F;
param budget >= 0, default 1e30;
param popmin, default -1;
param wcost >= 0, default 1;
param wpop >= 0, default 0;

/* derived: the candidate columns of each link (empty for an existing link), the links leaving and
   entering each node in their a -> b direction */
set KOF{e in L} := setof{k in KL: lvar[k] = e} k;
set CANDL := setof{k in KL} lvar[k];
set AOUT{v in N} := setof{e in L: a[e] = v} e;
set BIN{v in N} := setof{e in L: b[e] = v} e;

var x{K} binary;
var y{T} binary;
var g{(t, f) in P, e in L, d in 0..1} >= 0;

minimize total: wcost * sum{k in K} cost[k] * x[k] - wpop * sum{t in T} pop[t] * y[t];

s.t. spend: sum{k in K} cost[k] * x[k] <= budget;

s.t. residents: sum{t in T} pop[t] * y[t] >= popmin - 0.5;

s.t. required{t in T: must[t] = 1}: y[t] = 1;

/* A link carries flow in one direction at a time up to its capacity; a failed link carries none. */
s.t. capacity{(t, f) in P, e in L}:
    g[t, f, e, 0] + g[t, f, e, 1]
    <= if e in FL[f] then 0
       else if e in CANDL then sum{k in KOF[e]} x[k]
       else 1;

/* In a power outage a link is usable only while both its ends have power. */
s.t. powered{(t, f) in P, e in L, u in {a[e], b[e]} inter FN[f]}:
    g[t, f, e, 0] + g[t, f, e, 1] <= sum{k in KP: pnode[k] = u and ph[k] >= fh[f]} x[k];

/* A target without power is down: neither routes nor a satellite terminal (which runs on the
   site's power) protect it; only an upgrade lasting the outage does. */
s.t. selfpower{(t, f) in P: t in FN[f]}:
    y[t] <= sum{k in KP: pnode[k] = t and ph[k] >= fh[f]} x[k];

/* Flow from the core reaches t: one unit when t is protected without a satellite terminal. */
s.t. balance{(t, f) in P, v in N diff CORE}:
    sum{e in BIN[v]} g[t, f, e, 0] + sum{e in AOUT[v]} g[t, f, e, 1]
  - sum{e in AOUT[v]} g[t, f, e, 0] - sum{e in BIN[v]} g[t, f, e, 1]
    >= if v = t then y[t] - sum{k in KS: site[k] = t} x[k] else 0;
