#!/usr/bin/env bash
# The main job behind `make run`, for scripts and tests that call it with a binary: it runs the
# scenario file data/main-job.yaml, which holds every step (see its header), into one report folder.
# Usage: data/main-job.sh OMVEI_BINARY OUT_DIR
set -euo pipefail
omvei=${1:?usage: data/main-job.sh OMVEI OUT_DIR}
out=${2:-out}
cd "$(dirname "$0")/.."
"$omvei" run data/main-job.yaml -o "$out"
echo
echo "$out/: $(cd "$out" && ls | tr '\n' ' ')"
echo "Open $out/report.html in a browser; open $out/map.geojson in QGIS and style it by the 'role' or"
echo "'impact_population' property."
