#!/usr/bin/env bash
# test_load_options.sh OMVEI SOURCE_DIR — the load options every analysing command shares:
# NAME=PATH namespaces with a --join table, and --derive-srlg, read once in the command layer and
# applied the same way by check, spof, plan and reroute.
set -u
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
cd "$src" || exit 1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0
check() { if eval "$2"; then passed=$((passed + 1)); echo "ok - $1"; else failed=$((failed + 1)); echo "FAIL - $1"; fi; }

# Two small networks that both number their nodes from 1; node 2 of the second is node 3 of the first.
mkdir -p "$work/a" "$work/b"
printf 'id,kind,population\n1,core,0\n2,site,100\n3,site,200\n' > "$work/a/nodes.csv"
printf 'id,a,b\nl1,1,2\nl2,2,3\nl3,3,1\n' > "$work/a/links.csv"
printf 'id,kind,population\n1,site,50\n2,site,0\n' > "$work/b/nodes.csv"
printf 'id,a,b\nl1,1,2\n' > "$work/b/links.csv"
printf 'a,b\na:3,b:2\n' > "$work/join.csv"

"$omvei" spof "$work/a" "$work/b" > /dev/null 2> "$work/err"
check "without namespaces the two files clash (exit 3)" "[ $? -eq 3 ] && grep -q \"duplicate node id '1'\" '$work/err'"
"$omvei" spof "a=$work/a" "b=$work/b" --json > "$work/nojoin.json" 2> /dev/null
check "with namespaces they load; b:1 has no path to the core" \
    "/usr/bin/python3 -c \"import json,sys; j=json.load(open('$work/nojoin.json')); s={x['site']:x['lambda'] for x in j['lambda']}; sys.exit(0 if s.get('b:1')==0 else 1)\""
for cmd in spof plan; do
    "$omvei" $cmd "a=$work/a" "b=$work/b" --join "$work/join.csv" --json > "$work/$cmd.json" 2> "$work/err"
    check "$cmd --join: exit 0" "[ $? -eq 0 ]"
done
check "spof --join: b:1 hangs on a:3 by one link (bridge b:l1)" \
    "/usr/bin/python3 -c \"import json,sys; j=json.load(open('$work/spof.json')); s={x['site']:x['lambda'] for x in j['lambda']}; sys.exit(0 if s.get('b:1')==1 and 'b:2' not in s else 1)\""
"$omvei" spof "a=$work/a" "b=$work/b" --join "$work/absent.csv" > /dev/null 2> "$work/err"
check "a join table that is not there is an input error (exit 3)" "[ $? -eq 3 ]"

# --derive-srlg: the two Svalbard cables share their route near the landings (data/nordic/routes.geojson).
"$omvei" spof data/nordic --derive-srlg 200,5 --json > "$work/derived.json" 2> /dev/null
check "spof --derive-srlg: the derived group of the Svalbard cables cuts off sites" \
    "grep -q '\"srlg\": \"route:L179+L180\"' '$work/derived.json'"
"$omvei" spof data/nordic --json > "$work/plain.json" 2> /dev/null
check "without --derive-srlg there is no such group" "! grep -q 'route:L179' '$work/plain.json'"
"$omvei" reroute data/nordic --derive-srlg 200,5 --failures srlg --json > "$work/rr.json" 2> /dev/null
check "reroute --derive-srlg fails the derived group too" "grep -q 'route:L179+L180' '$work/rr.json'"
for bad in "200" "0,5" "200,-1" "0x10,5" "nan,5"; do
    "$omvei" spof data/nordic --derive-srlg "$bad" > /dev/null 2> "$work/err"
    check "--derive-srlg '$bad' is a usage error" "[ $? -eq 2 ] && grep -q 'takes D,L' '$work/err'"
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
