#!/usr/bin/env bash
# The main job behind `make run`, on the Nordic sample network:
#   1. validate the topology;
#   2. find the single points of failure north of Trondheim, with black-sky power outages of 2 to 72
#      hours in Nordland, first with every route open and then domestically (no transit abroad).
# Usage: data/main-job.sh OMVEI_BINARY OUT_DIR
set -euo pipefail
omvei=${1:?usage: data/main-job.sh OMVEI OUT_DIR}
out=${2:-out}
cd "$(dirname "$0")/.."
net=data/nordic
nordland=polygon:data/regions/nordland.geojson

section() { printf '\n== %s\n\n' "$*"; }

section "omvei check $net"
"$omvei" check "$net" -o "$out"

section "Single points of failure north of Trondheim, power outages in Nordland"
"$omvei" spof "$net" --region north-of-trondheim --power-outage "$nordland:2,4,8,24,72" -o "$out"

section "The same, domestic routes only (no transit through Sweden or Finland)"
"$omvei" spof "$net" --region north-of-trondheim --power-outage "$nordland:2,4,8,24,72" --border deny \
    -o "$out/domestic"

section "Report folder"
echo "$out/: $(cd "$out" && ls | tr '\n' ' ')"
echo "Open $out/map.geojson in QGIS and style it by the 'role' or 'impact_population' property."
