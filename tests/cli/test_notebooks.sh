#!/usr/bin/env bash
# test_notebooks.sh OMVEI SOURCE_DIR — runs the main job into a temporary report folder and executes
# every notebook in notebooks/ against it, as CI executes them. A notebook's own assertions check the
# reports it reads (schemas, lambda totals, a monotone budget curve, the plan's verification).
set -uo pipefail
omvei=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$src" || exit 1
passed=0
failed=0
if ! data/main-job.sh "$omvei" "$tmp/out" > "$tmp/main-job.log" 2>&1; then
    echo "FAIL main job"; tail -20 "$tmp/main-job.log"
    echo "0 passed, 1 failed"
    exit 1
fi
for nb in notebooks/*.ipynb; do
    if OMV_OUT="$tmp/out" python3 notebooks/run_notebook.py "$nb" > "$tmp/nb.log" 2>&1; then
        echo "ok   $nb"; passed=$((passed + 1))
    else
        echo "FAIL $nb"; cat "$tmp/nb.log"; failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
