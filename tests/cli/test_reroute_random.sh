#!/usr/bin/env bash
# test_reroute_random.sh OMVEI SOURCE_DIR — differential tests of 'omvei reroute' on 40 seeded random
# networks of 6 to 12 nodes (countries, capacities, unlimited and parallel links, shared-risk groups,
# domestic and cross-border demands): both routings under allow, deny and transit, against every
# single link, node and shared-risk-group failure. The reference is tests/cli/reroute_lp.py: an
# arc-flow LP per demand solved by glpsol, and an ECMP computation in networkx. Runs with omvei's
# default LP solver (CLP), then on 12 more graphs with --solver glpk (REROUTE_RANDOM_GLPK_GRAPHS).
# Exits 1 on any difference; 77 (skipped) while the command has no reroute subcommand.
set -u
omvei=$1
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$omvei" reroute --help >/dev/null 2>&1; then
    echo "skipped: '$omvei reroute' is not built"
    exit 77
fi
command -v glpsol >/dev/null || { echo "FAIL: glpsol not found (Debian package glpk-utils)"; exit 1; }
rc=0
echo "default solver:"
"$python" "$here/reroute_random.py" "$omvei" "${REROUTE_RANDOM_GRAPHS:-40}" "${REROUTE_RANDOM_SEED:-7}" || rc=1
echo "--solver glpk:"
REROUTE_SOLVER=glpk "$python" "$here/reroute_random.py" "$omvei" "${REROUTE_RANDOM_GLPK_GRAPHS:-12}" 11 || rc=1
exit $rc
