#!/usr/bin/env bash
# The main job behind `make run`, on the Nordic sample network:
#   1. validate the topology;
#   2. find the single points of failure north of Trondheim, with black-sky power outages of 2 to 72
#      hours in Nordland, first with every route open and then domestically (no transit abroad);
#   3. plan the cheapest investments that protect the north against single link and shared-risk-group
#      failures, and the protected population for budgets from 50 MNOK to 2.4 bn NOK (400 MNOK is one
#      year of the national programme, 2.4 bn six years).
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
"$omvei" spof "$net" --region north-of-trondheim --power-outage "$nordland:2,4,8,24,72" --aftermath -o "$out"

section "The same, domestic routes only (no transit through Sweden or Finland)"
"$omvei" spof "$net" --region north-of-trondheim --power-outage "$nordland:2,4,8,24,72" --border deny --aftermath \
    -o "$out/domestic"

section "Cheapest protection north of Trondheim against link and shared-risk-group failures"
"$omvei" plan "$net" --region north-of-trondheim --against links,srlg -o "$out"

section "The same plan, domestic routes only (the Trondheim bypass becomes the key investment)"
"$omvei" plan "$net" --region north-of-trondheim --against links,srlg --border deny -o "$out/domestic"

section "Protected population by budget (Pareto front)"
"$omvei" plan "$net" --region north-of-trondheim --against links,srlg \
    --sweep 0,50M,100M,200M,400M,800M,1.2bn,1.6bn,2.4bn -o "$out"

section "Where the traffic goes when a link or a shared-risk group fails (every route open)"
"$omvei" reroute "$net" --failures links,srlg --region north-of-trondheim --top 5 -o "$out"

section "The same, domestic routes only (domestic demand keeps to its own country's links)"
"$omvei" reroute "$net" --failures links,srlg --region north-of-trondheim --border deny --top 5 -o "$out/domestic"

section "Report folder"
echo "$out/: $(cd "$out" && ls | tr '\n' ' ')"
echo "Open $out/map.geojson in QGIS and style it by the 'role' or 'impact_population' property."
