#!/usr/bin/env bash
# test_reroute_solvers.sh OMVEI SOURCE_DIR — the cross-check of omvei's two LP solvers
# (tests/cli/reroute_solvers.py): 'omvei reroute --solver glpk' and '--solver clp' give the same
# unserved_gbps and max_utilisation per scenario (1e-6) on data/nordic (allow and deny,
# links,srlg) and on 8 seeded random networks (allow, deny, transit; links,nodes,srlg).
# Exits 77 (skipped) while the command has no reroute subcommand.
set -u
omvei=$1
src=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if ! "$omvei" reroute --help >/dev/null 2>&1; then
    echo "skipped: '$omvei reroute' is not built"
    exit 77
fi
exec "$python" "$here/reroute_solvers.py" "$omvei" "$src" "${REROUTE_SOLVERS_GRAPHS:-8}" "${REROUTE_SOLVERS_SEED:-3}"
