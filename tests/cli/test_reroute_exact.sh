#!/usr/bin/env bash
# test_reroute_exact.sh OMVEI SOURCE_DIR — exactness of 'omvei reroute' on data/nordic against an
# independent reference (tests/cli/reroute_lp.py), under --border allow and --border deny:
#  - optimal routing: unserved_gbps of the intact network, of every single-link failure and of every
#    shared-risk-group failure against the reference's own arc-flow LP (one commodity per demand,
#    solved by glpsol); the intact max_utilisation at or above the min-max LP's value. A scenario that
#    fails only links carrying no flow in a minimum-flow intact optimum of the reference LP keeps the
#    intact minimum and is not solved again; REROUTE_EXACT_FULL=1 solves every scenario with glpsol.
#  - shortest routing: every link's gbps_intact against networkx ECMP, and per failure the unserved
#    demands, max_utilisation, overloaded links and each link's worst case.
#  - the same output bytes with --threads 1 and --threads 2 (manifest.json aside: it records them).
# Prints the counts and a final "N passed, M failed"; exits 77 (skipped) while the command has no
# reroute subcommand.
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
command -v glpsol >/dev/null || { echo "FAIL: glpsol not found (Debian package glpk-utils)"; exit 1; }
certify=--certify
[ "${REROUTE_EXACT_FULL:-0}" = 1 ] && certify=
passed=0
failed=0
for border in allow deny; do
    for routing in optimal shortest; do
        if "$python" "$here/reroute_check.py" "$omvei" "$src/data/nordic" "$border" "$routing" links,srlg $certify; then
            passed=$((passed + 1))
        else
            failed=$((failed + 1))
        fi
    done
done
# The same bytes with 1 and 2 threads (every output file), optimal routing under deny.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if "$omvei" reroute "$src/data/nordic" --failures links,nodes,srlg --border deny --threads 1 -o "$tmp/t1" >/dev/null 2>&1 &&
    "$omvei" reroute "$src/data/nordic" --failures links,nodes,srlg --border deny --threads 2 -o "$tmp/t2" >/dev/null 2>&1; then
    differ=""
    # manifest.json records the thread count itself, and report.html quotes each run's command line
    # from it; every other file must match.
    for f in "$tmp"/t1/*; do
        case "$(basename "$f")" in manifest.json | report.html) continue ;; esac
        cmp -s "$f" "$tmp/t2/$(basename "$f")" || differ="$differ $(basename "$f")"
    done
    if [ -z "$differ" ] && [ -s "$tmp/t1/reroute.json" ]; then
        echo "ok   threads: $(ls "$tmp/t1" | grep -vcE '^(manifest.json|report.html)$') files, the same bytes with 1 and 2 threads"
        passed=$((passed + 1))
    else
        echo "FAIL threads: differ with 1 and 2 threads:${differ:- (no reroute.json)}"
        failed=$((failed + 1))
    fi
else
    echo "FAIL threads: omvei reroute -o failed"
    failed=$((failed + 1))
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
