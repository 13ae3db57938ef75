#!/usr/bin/env bash
# test_browser.sh — report.html in a real browser. Runs the main job (data/main-job.sh) into a
# temporary folder and opens its report.html in Debian's chromium-headless-shell: the rendered DOM
# must hold the map (an SVG with its links as path elements), the budget chart, every section of
# the job and every table filled with rows; the page's script must have run (it marks <html>), and
# the console must show no script error ("Uncaught") and no load or script blocked by the page's
# Content Security Policy. Then a network with a node named <script>alert(1)</script>: the name
# must appear as text, and the page must hold no script but its own.
# Skips (77) only when the browser is not installed; `make test` installs it (Makefile DEPS).
# Usage: test_browser.sh OMVEI SRC_DIR
set -euo pipefail
omvei=$(realpath "$1")
src=$(realpath "$2")
py=/usr/bin/python3
browser=$(command -v chromium-headless-shell || true)
if [ -z "$browser" ]; then
    echo "SKIP: chromium-headless-shell is not installed, so report.html cannot be opened in a browser."
    echo "      'make test' installs it (it is in the Makefile's DEPS), or: apt-get install chromium-headless-shell"
    exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*"; exit 1; }

# render HTML NAME: DOM into $tmp/NAME.dom, console into $tmp/NAME.log
render() {
    timeout 120 "$browser" --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$tmp/profile-$2" \
        --enable-logging=stderr --v=0 --dump-dom "file://$1" >"$tmp/$2.dom" 2>"$tmp/$2.log" ||
        { cat "$tmp/$2.log"; fail "the browser failed on $1"; }
    [ -s "$tmp/$2.dom" ] || fail "empty DOM from $1"
    if grep -E 'CONSOLE.*("Uncaught|"Refused|Content Security Policy)' "$tmp/$2.log"; then
        fail "script error or blocked load in $1 (console lines above)"
    fi
}

# 1. The main job.
"$src/data/main-job.sh" "$omvei" "$tmp/out" >"$tmp/job.log" 2>&1 || { cat "$tmp/job.log"; fail "main job"; }
for f in report.html domestic/report.html; do
    [ -s "$tmp/out/$f" ] || fail "the main job wrote no $f"
done
# Nothing outside the page: the only address is the SVG namespace.
if grep -oE '(https?|ftp)://[^"<> ]*' "$tmp/out/report.html" | grep -v '^http://www.w3.org/2000/svg$'; then
    fail "report.html names an address outside the page (above)"
fi
render "$tmp/out/report.html" main
"$py" - "$tmp/main.dom" <<'PYEOF'
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.stack, self.ids, self.tables, self.svgs, self.html_attrs = [], set(), [], [], {}
        self.scripts = 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.html_attrs = a
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "script":
            self.scripts += 1
        if tag == "table":
            self.tables.append({"rows": 0, "in_body": False})
        elif tag == "tbody" and self.tables:
            self.tables[-1]["in_body"] = True
        elif tag == "tr" and self.tables and self.tables[-1]["in_body"]:
            self.tables[-1]["rows"] += 1
        if tag == "svg":
            self.svgs.append({"id": a.get("id", ""), "cls": a.get("class", ""), "paths": 0, "texts": 0})
        elif tag == "path" and self.svgs:
            self.svgs[-1]["paths"] += 1
        elif tag == "text" and self.svgs:
            self.svgs[-1]["texts"] += 1

d = Dom()
d.feed(open(sys.argv[1], encoding="utf-8").read())
errors = []
if d.html_attrs.get("data-sortable") != "on":
    errors.append("the page's script did not run (no data-sortable mark on <html>)")
for sec in ["summary", "map", "spof", "plan", "sweep", "manifest",
            "domestic-summary", "domestic-map", "domestic-spof", "domestic-plan", "domestic-manifest"]:
    if sec not in d.ids:
        errors.append("section %s missing" % sec)
maps = [s for s in d.svgs if s["id"] == "map-network"]
if not maps:
    errors.append("no map (svg#map-network)")
elif maps[0]["paths"] < 100:
    errors.append("the map has only %d path elements" % maps[0]["paths"])
elif maps[0]["texts"] < 10:
    errors.append("the map has only %d labels" % maps[0]["texts"])
if not any("chart" in s["cls"] for s in d.svgs):
    errors.append("no budget chart")
if len(d.tables) < 10:
    errors.append("only %d tables" % len(d.tables))
for i, t in enumerate(d.tables):
    if t["rows"] == 0:
        errors.append("table %d has no rows" % (i + 1))
if d.scripts != 1:
    errors.append("%d script elements, expected the page's own only" % d.scripts)
for e in errors:
    print("FAIL:", e)
print("main job: %d tables (rows: %s), map with %d paths and %d labels" % (
    len(d.tables), ",".join(str(t["rows"]) for t in d.tables), maps[0]["paths"] if maps else 0,
    maps[0]["texts"] if maps else 0))
sys.exit(1 if errors else 0)
PYEOF

# 2. A node named as a script: text on the page, never a script.
mkdir -p "$tmp/evil"
cp "$src"/data/nordic/*.csv "$tmp/evil/"
"$py" - "$tmp/evil/nodes.csv" <<'PYEOF'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], encoding="utf-8", newline="")))
for r in rows:
    if r["id"] == "BOD":
        r["name"] = "<script>alert(1)</script>"
with open(sys.argv[1], "w", encoding="utf-8", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(rows[0].keys()))
    w.writeheader()
    w.writerows(rows)
PYEOF
(cd "$tmp" && "$omvei" spof evil --region north-of-trondheim -o evil-out >/dev/null) || fail "spof on the renamed network"
(cd "$tmp" && "$omvei" plan evil --region north-of-trondheim --against links,srlg -o evil-out >/dev/null) ||
    fail "plan on the renamed network"
render "$tmp/evil-out/report.html" evil
"$py" - "$tmp/evil.dom" <<'PYEOF'
import sys
from html.parser import HTMLParser

class Dom(HTMLParser):
    def __init__(self):
        super().__init__()
        self.scripts, self.text_hits, self.in_script = 0, 0, False
    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self.scripts += 1
    def handle_data(self, data):
        self.text_hits += data.count("<script>alert(1)</script>")

d = Dom()
d.feed(open(sys.argv[1], encoding="utf-8").read())
if d.scripts != 1:
    print("FAIL: %d script elements: the node name became a script" % d.scripts)
    sys.exit(1)
if d.text_hits < 2:
    print("FAIL: the node name shows %d times as text (map titles, tables)" % d.text_hits)
    sys.exit(1)
print("renamed node: shown %d times as text, one script element" % d.text_hits)
PYEOF
echo "PASS: report.html renders in $("$browser" --version 2>/dev/null | head -1)"
