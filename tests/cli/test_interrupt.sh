#!/usr/bin/env bash
# test_interrupt.sh OMVEI SOURCE_DIR — ^C and report folders (cli.h): a run stopped by SIGINT exits
# 130; it keeps an earlier complete report; into a folder without one it writes its partial report,
# marked interrupted; temporaries of runs that died (NAME.tmp.PID, PID gone) are removed when a report
# folder is opened, those of live runs are kept.
# Exit 77 (skipped) when the generator bench/omvei_gen is not built.
set -u
OMVEI=$1
SRC=$2
GEN=$(dirname "$OMVEI")/bench/omvei_gen
[ -x "$GEN" ] || { echo "skipped: $GEN not built"; exit 77; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }

# A network large enough that its analysis is still running when the signal comes.
"$GEN" --nodes 50000 --seed 3 --out "$T/net" >/dev/null || { echo "FAIL: generator"; exit 1; }

# interrupted OUTDIR: runs spof into OUTDIR, sends SIGINT once omvei has installed its handler
# (SigCgt in /proc), and sets rc to the exit code. Skips the test when the run ended first.
interrupted() {
    "$OMVEI" spof "$T/net" --exact-lambda -o "$1" >"$T/out" 2>"$T/err" &
    local pid=$!
    while kill -0 "$pid" 2>/dev/null; do
        local mask
        mask=$(awk '/^SigCgt:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
        if [ -n "$mask" ] && (( (16#$mask & 2) != 0 )); then
            kill -INT "$pid"
            break
        fi
        sleep 0.01
    done
    wait "$pid"
    rc=$?
    if [ "$rc" -eq 0 ] && ! grep -q interrupted "$T/err"; then
        echo "skipped: the run ended before the signal could stop it"
        exit 77
    fi
}

# 1. An earlier complete report stays, byte for byte, and nothing else is left in the folder.
"$OMVEI" spof "$T/net" -q -o "$T/r" >/dev/null || fail "complete run exited with $?"
(cd "$T/r" && ls | sort && cat ./*) > "$T/before"
interrupted "$T/r"
[ "$rc" -eq 130 ] || fail "interrupted run exited with $rc, not 130"
grep -q "earlier report in .* is kept" "$T/err" || fail "no word that the earlier report is kept: $(cat "$T/err")"
(cd "$T/r" && ls | sort && cat ./*) > "$T/after"
cmp -s "$T/before" "$T/after" || fail "the earlier complete report was changed"

# 2. Into a folder without a report, the partial report is written and says it is incomplete.
interrupted "$T/p"
[ "$rc" -eq 130 ] || fail "interrupted run into an empty folder exited with $rc, not 130"
[ -f "$T/p/spof.json" ] || fail "no partial spof.json in the empty folder"
jq -e '[.. | objects | .interrupted? | select(. == true)] | length > 0' "$T/p/spof.json" >/dev/null 2>&1 || fail "the partial spof.json is not marked interrupted"
for f in spof_items.csv spof_sites.csv map.geojson manifest.json; do
    [ -f "$T/p/$f" ] || fail "partial report lacks $f"
done
ls "$T/p" | grep -q '\.tmp\.' && fail "temporary files left in the partial report folder"

# 3. Stale temporaries: a dead run's are removed, a live run's kept, other files untouched.
sleep 0 &
dead=$!
wait "$dead"
kill -0 "$dead" 2>/dev/null && { echo "skipped: process $dead still exists"; exit 77; }
mkdir -p "$T/s"
echo partial > "$T/s/spof.json.tmp.$dead"
echo partial > "$T/s/manifest.json.tmp.$dead"
echo live > "$T/s/spof_items.csv.tmp.$$"
echo mine > "$T/s/notes.tmp.txt"
"$OMVEI" spof "$SRC/tests/data/spof/barbell" -q -o "$T/s" >/dev/null || fail "run into the stale folder exited with $?"
[ -e "$T/s/spof.json.tmp.$dead" ] && fail "a dead run's temporary spof.json.tmp.$dead was not removed"
[ -e "$T/s/manifest.json.tmp.$dead" ] && fail "a dead run's temporary manifest.json.tmp.$dead was not removed"
[ -e "$T/s/spof_items.csv.tmp.$$" ] || fail "a live run's temporary was removed"
[ -e "$T/s/notes.tmp.txt" ] || fail "a file that is no temporary of a run was removed"
[ -f "$T/s/spof.json" ] || fail "no report written into the stale folder"

# 4. plan into a folder: a dead run's temporaries go too.
echo partial > "$T/s/plan.json.tmp.$dead"
"$OMVEI" plan "$SRC/tests/data/spof/north" -q -o "$T/s" >/dev/null || fail "plan into the stale folder exited with $?"
[ -e "$T/s/plan.json.tmp.$dead" ] && fail "plan left a dead run's temporary plan.json.tmp.$dead"

[ "$fails" -eq 0 ] && echo "ok: interrupted runs and stale temporaries"
[ "$fails" -eq 0 ]
