#!/usr/bin/env bash
# The main job behind `make run`: validates the Nordic sample network and writes the report folder.
#   data/main-job.sh OMVEI_BINARY OUT_DIR
set -euo pipefail
omvei=${1:?usage: data/main-job.sh OMVEI OUT_DIR}
out=${2:-out}
cd "$(dirname "$0")/.."

echo "== omvei check data/nordic"
"$omvei" check data/nordic -o "$out"

echo
echo "Report folder: $out/ ($(ls "$out" | tr '\n' ' '))"
