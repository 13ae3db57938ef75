#!/usr/bin/env bash
# test_reroute_threads.sh OMVEI SOURCE_DIR — omvei reroute writes the same bytes with 1 and 2 threads:
# reroute.json on standard output and every file of the report folder (manifest.json aside: it records
# the thread count). Runs on the sample Nordic backbone, with single links and shared-risk groups,
# under the border policy deny (domestic demands keep to their country) and with ECMP routing.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_reroute_threads.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || { echo "no source folder $src" >&2; exit 1; }
[ -f data/nordic/demands.csv ] || { echo "data/nordic has no demands: skipped" >&2; exit 77; }

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
failed=0
fail() { echo "FAIL: $*" >&2; failed=1; }

for t in 1 2; do
    "$omvei" reroute data/nordic --failures links,srlg --border deny --threads $t -o "$tmp/out$t" --json --quiet \
        >"$tmp/json$t" || fail "reroute --threads $t exited $?"
    "$omvei" reroute data/nordic --failures links,nodes --routing shortest --threads $t --json --quiet \
        >"$tmp/ecmp$t" || fail "reroute --routing shortest --threads $t exited $?"
done
cmp -s "$tmp/json1" "$tmp/json2" || fail "reroute.json differs between 1 and 2 threads"
cmp -s "$tmp/ecmp1" "$tmp/ecmp2" || fail "shortest-path reroute.json differs between 1 and 2 threads"
for f in reroute.json reroute_scenarios.csv reroute_links.csv reroute_map.geojson; do
    [ -s "$tmp/out1/$f" ] || fail "$f missing"
    cmp -s "$tmp/out1/$f" "$tmp/out2/$f" || fail "$f differs between 1 and 2 threads"
done
cmp -s "$tmp/json1" "$tmp/out1/reroute.json" || fail "--json and -o disagree"
# The content is the contract the exactness tests read.
jq -e '.schema == "omvei/reroute/1" and .border == "deny" and .demands == 50 and
       (.scenarios | length) > 0 and (.scenarios | map(.index) == [range(0; length)]) and
       (.links | all(has("worst_failure") and has("utilisation_worst")))' "$tmp/json1" >/dev/null ||
    fail "reroute.json lacks the expected fields"
jq -e '.runs | map(.command) | index("reroute") != null' "$tmp/out1/manifest.json" >/dev/null ||
    fail "manifest.json has no reroute run"
[ $failed -eq 0 ] && echo "reroute: identical output with 1 and 2 threads"
exit $failed
