#!/usr/bin/env bash
# test_scenario_options.sh OMVEI SOURCE_DIR — every command that takes a scenario option (--core,
# --region, --failures/--against, --power-outage, --border) reads it with the same parser: the same
# bad value gives the same exit code and the same message in spof and plan (and reroute, when the
# command exists), and the same good value means the same thing.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_scenario_options.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || exit 1
net=tests/data/overlay

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); echo "ok - $1"; }
bad() { failed=$((failed + 1)); echo "FAIL - $1"; shift; for l in "$@"; do echo "    $l"; done; }

# The failure option is --failures in spof and reroute, --against in plan.
commands="spof plan"
"$omvei" reroute --help > /dev/null 2>&1 && commands="$commands reroute"
fopt() { [ "$1" = plan ] && echo --against || echo --failures; }

# expect RC TEXT OPTION VALUE: every command exits RC and prints TEXT (the part after "omvei CMD: ")
# for the same option value.
expect() {
    local want_rc=$1 want=$2 opt=$3 val=$4
    for cmd in $commands; do
        local o=$opt
        [ "$opt" = FAIL ] && o=$(fopt "$cmd")
        "$omvei" "$cmd" "$net" "$o" "$val" > "$work/out" 2> "$work/err"
        local rc=$?
        if [ "$rc" != "$want_rc" ] || ! grep -qF -- "$want" "$work/err" || [ -s "$work/out" ]; then
            bad "$cmd $o '$val': exit $want_rc and '$want'" "got exit $rc: $(head -c 300 "$work/err" | tr '\n' '|')"
        else
            ok "$cmd $o '$val' -> exit $rc"
        fi
    done
}

expect 2 "'A,,B' holds an empty id" --core "A,,B"
expect 2 "core: no node has the id 'NOPE'" --core NOPE
expect 2 "an outage lasts a number of hours above 0, got '0'" FAIL "links,power:all:0"
expect 2 "an outage lasts a number of hours above 0, got '-4'" FAIL "power:country:NO:72,-4"
expect 2 "an outage lasts a number of hours above 0, got '0x10'" FAIL "power:all:0x10"
expect 2 "unknown failure class 'floods'" FAIL "links,floods"
expect 2 "the failure class power needs a region and durations" FAIL "links,power"
expect 2 "border: expected allow, deny or transit:CC[,CC...], got 'closed'" --border closed
expect 2 "border: transit countries are two-letter ISO codes (SE,FI), got 'SWE'" --border "transit:SWE"
expect 2 "border: transit country 'FI' is the country of no node in the network" --border "transit:FI"
# A polygon file that is not there is an input error for every command alike.
expect_same_rc() {
    local opt=$1 val=$2 first=""
    for cmd in $commands; do
        "$omvei" "$cmd" "$net" "$opt" "$val" > "$work/out" 2> "$work/err"
        local rc=$?
        local msg
        msg=$(sed 's/^omvei [a-z]*: //' "$work/err" | head -n 1)
        if [ -z "$first" ]; then
            first="$rc|$msg"
        elif [ "$first" != "$rc|$msg" ]; then
            bad "$cmd $opt '$val' differs from the first command" "first: $first" "this: $rc|$msg"
            return
        fi
    done
    ok "$opt '$val': one exit code and message for $commands ($first)"
}
expect_same_rc --region "polygon:$work/absent.geojson"
expect_same_rc --region "lat>north"
expect_same_rc --border "transit:"

# Good values mean the same: transit through Sweden reopens what deny closes.
"$omvei" spof "$net" --border deny --region north-of-trondheim --json > "$work/deny.json" 2> "$work/err"
"$omvei" spof "$net" --border transit:SE --region north-of-trondheim --json > "$work/transit.json" 2>> "$work/err"
"$omvei" spof "$net" --region north-of-trondheim --json > "$work/allow.json" 2>> "$work/err"
if cmp -s "$work/transit.json" "$work/allow.json" && ! cmp -s "$work/deny.json" "$work/allow.json"; then
    ok "spof --border transit:SE on a network whose only neighbour is Sweden equals allow, and deny differs"
else
    bad "spof --border transit:SE equals allow, deny differs" "$(head -c 300 "$work/err")"
fi
"$omvei" spof "$net" --border transit:SE --region north-of-trondheim > "$work/out" 2>&1
if grep -qF "Border policy transit: 0 cross-border links left out" "$work/out"; then
    ok "spof --border transit:SE says what it left out"
else
    bad "spof --border transit:SE headline" "$(head -n 2 "$work/out")"
fi
# The domestic headline counts links and candidates apart.
"$omvei" plan "$net" --border deny --region north-of-trondheim > "$work/out" 2>&1
if grep -qF "Border policy deny: 2 cross-border links and 0 cross-border candidates left out" "$work/out"; then
    ok "plan --border deny counts links and candidates apart"
else
    bad "plan --border deny headline" "$(head -n 2 "$work/out")"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
