#!/usr/bin/env bash
# shared_reroute.sh OMVEI DATA_DIR — exactness of 'omvei reroute' on the SNDlib networks kept beside
# the project (polska and abilene, native format; both carry demands, abilene also capacities): the
# unserved demand of the intact network and of every single-link failure against the independent
# arc-flow LP of tests/cli/reroute_lp.py (glpsol; the files reach it as the CSV folder that
# 'omvei convert' writes), and the shortest routing's link loads against networkx ECMP.
# Skipped (exit 77) when DATA_DIR is absent, as in a fresh clone, or while omvei has no reroute.
set -u
if [ $# -ne 2 ]; then
    echo "usage: shared_reroute.sh OMVEI DATA_DIR" >&2
    exit 2
fi
omvei=$1
data=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
python=/usr/bin/python3
[ -x "$python" ] || python=python3
if [ ! -d "$data" ]; then
    echo "skipped: no shared data folder at $data"
    exit 77
fi
if ! "$omvei" reroute --help >/dev/null 2>&1; then
    echo "skipped: '$omvei reroute' is not built"
    exit 77
fi
passed=0
failed=0
for f in sndlib/polska/native/polska.txt sndlib/abilene/native/abilene.txt; do
    if [ ! -f "$data/$f" ]; then
        echo "FAIL $f: file missing"
        failed=$((failed + 1))
        continue
    fi
    for routing in optimal shortest; do
        if "$python" "$here/reroute_check.py" "$omvei" "$data/$f" allow "$routing" links --minmax all; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
        fi
    done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
