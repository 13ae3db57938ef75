#!/usr/bin/env bash
# shared_ofds.sh OMVEI DATA_DIR — the Open Fibre Data Standard 0.3 examples kept beside the project:
# the GeoJSON publication (nodes.geojson + spans.geojson) and the file of several networks go
# through 'omvei convert ... X.ofds.geojson' and come back with every property and geometry equal
# (compared in Python); the CSV publication loads, and every cell of its nodes.csv and spans.csv is
# found at its path in the written file. Skipped (exit 77) when DATA_DIR is absent.
set -u
if [ $# -ne 2 ]; then
    echo "usage: shared_ofds.sh OMVEI DATA_DIR" >&2
    exit 2
fi
omvei=$1
ofds=$2/ofds
if [ ! -d "$2" ]; then
    echo "skipped: no shared data folder at $2"
    exit 77
fi
python=/usr/bin/python3
[ -x "$python" ] || python=python3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failed=0

"$omvei" convert -q "$ofds/geojson" "$tmp/g.ofds.geojson" || { echo "FAIL: convert geojson"; exit 1; }
"$omvei" convert -q "$ofds/geojson/multiple-networks.geojson" "$tmp/m.ofds.geojson" || { echo "FAIL: convert multiple"; exit 1; }
"$omvei" convert -q "$ofds/csv" "$tmp/c.ofds.geojson" || { echo "FAIL: convert csv"; exit 1; }

"$python" - "$ofds" "$tmp" <<'PY' || failed=1
import csv, json, os, sys
ofds, tmp = sys.argv[1], sys.argv[2]

def feats(paths):
    out = {}
    for p in paths:
        for f in json.load(open(p, encoding="utf-8"))["features"]:
            pr = f["properties"]
            out[(pr["featureType"], pr.get("network", {}).get("id"), pr["id"])] = (pr, f.get("geometry"))
    return out

ok = True
for orig, written in (([ofds + "/geojson/nodes.geojson", ofds + "/geojson/spans.geojson"], tmp + "/g.ofds.geojson"),
                      ([ofds + "/geojson/multiple-networks.geojson"], tmp + "/m.ofds.geojson")):
    a, b = feats(orig), feats([written])
    if a != b:
        ok = False
        print("FAIL: %s differs from %s" % (written, orig))
    else:
        print("ok   %s: %d features, every property and geometry equal" % (os.path.basename(orig[0]), len(a)))

# CSV: each cell of nodes.csv / spans.csv at its path in the written properties.
w = feats([tmp + "/c.ofds.geojson"])
def lookup(obj, path):
    for seg in path:
        if isinstance(obj, list):
            obj = obj[int(seg)] if int(seg) < len(obj) else None
        elif isinstance(obj, dict):
            obj = obj.get(seg)
        if obj is None:
            return None
    return obj
cells = 0
for table, ft, geo in (("nodes.csv", "node", "location"), ("spans.csv", "span", "route")):
    with open(os.path.join(ofds, "csv", table), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            key = (ft, row["id"], row[ft + "s/0/id"])
            if key not in w:
                ok = False
                print("FAIL: %s %s missing" % (ft, key))
                continue
            props, geom = w[key]
            for col, val in row.items():
                if col == "id" or not val:
                    continue
                path = col.split("/")[2:]
                if path == [geo]:
                    got = geom is not None
                else:
                    v = lookup(props, path)
                    got = v is not None and (str(v) == val or (isinstance(v, list) and ";".join(v) == val)
                                             or (isinstance(v, bool) and str(v) == val)
                                             or (isinstance(v, (int, float)) and float(val) == v)
                                             or (isinstance(v, dict) and v.get("id") == val))
                cells += 1
                if not got:
                    ok = False
                    print("FAIL: %s %s column %s: %r not found" % (table, key[2], col, val))
print(("ok" if ok else "FAIL") + "   csv: %d cells found in the written file" % cells)
sys.exit(0 if ok else 1)
PY
[ "$failed" -eq 0 ]
