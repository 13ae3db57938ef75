#!/usr/bin/env bash
# replay.sh REPLAY TARGET SOURCE_DIR — feeds the fuzz target's seed corpus (from the test data) and
# its committed regressions (tests/fuzz/regress/TARGET) to REPLAY, the target built without
# libFuzzer. Any crash, sanitizer report or broken promise fails the test.
set -euo pipefail
replay=$1
target=$2
src=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$src/tests/fuzz/seeds.sh" "$target" "$src" "$tmp/seeds"
inputs=("$tmp/seeds")
[ -d "$src/tests/fuzz/regress/$target" ] && inputs+=("$src/tests/fuzz/regress/$target")
out=$(TMPDIR=$tmp "$replay" "${inputs[@]}")
echo "$out"
# Every seed must have gone through the target.
want=$(find "${inputs[@]}" -type f ! -name '.*' | wc -l)
[ "$out" = "replayed $want inputs" ]
