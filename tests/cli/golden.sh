#!/usr/bin/env bash
# golden.sh OMVEI CASE_DIR SOURCE_DIR — runs one golden case of tests/cli/golden/.
#
# A case folder holds:
#   cmd     the arguments of omvei, one per line (empty lines are ignored). @SRC@ expands to
#           SOURCE_DIR, @DATA@ to SOURCE_DIR/tests/data and @TMP@ to a fresh temporary folder.
#           A line holding only '&&' starts a further command: the commands run in order, each
#           before the last must exit 0, and their stdout is concatenated.
#   rc      the exit code of the (last) command
#   stdout  the expected stdout, compared exactly; a unified diff is printed on a mismatch
#   files   optional: lines 'relative/path CHECK' verified inside @TMP@ after the run, where CHECK
#           is a SHA-256 (64 hex digits), 'exists' or 'absent'
#   stderr  optional: the expected stderr, compared exactly
# The commands run from SOURCE_DIR, so inputs are named by repo-relative paths and outputs hold no
# machine paths. Before comparing, the temporary folder in the output reads @TMP@ and SOURCE_DIR
# reads @SRC@.
#
# OMV_GOLDEN_UPDATE=1 rewrites stdout (and stderr when present; rc when absent) from the actual run.
set -u

if [ $# -ne 3 ]; then
    echo "usage: golden.sh OMVEI CASE_DIR SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
case_dir=$2
src_dir=$3
case_name=$(basename "$case_dir")

fail() {
    echo "FAIL golden/$case_name: $*" >&2
    exit 1
}

abspath() { (cd "$1" 2>/dev/null && pwd -P); }
case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || fail "omvei binary not found or not executable: $omvei"
case_dir=$(abspath "$case_dir") || fail "no case folder $2"
src_dir=$(abspath "$src_dir") || fail "no source folder $3"
[ -f "$case_dir/cmd" ] || fail "no 'cmd' file in $case_dir"
[ -f "$case_dir/rc" ] || [ "${OMV_GOLDEN_UPDATE:-0}" = 1 ] || fail "no 'rc' file in $case_dir"

tmp=$(mktemp -d) || fail "cannot create a temporary folder"
tmp=$(abspath "$tmp")
work=$(mktemp -d) || fail "cannot create a temporary folder"
trap 'rm -rf "$tmp" "$work"' EXIT

# Arguments, with the placeholders expanded, split into commands at '&&' lines.
mapfile -t raw < <(tr -d '\r' < "$case_dir/cmd")
ncmd=0
declare -a cmd_args=()
declare -a cmd_starts=(0)
for line in "${raw[@]}"; do
    [ -n "$line" ] || continue
    if [ "$line" = "&&" ]; then
        ncmd=$((ncmd + 1))
        cmd_starts+=("${#cmd_args[@]}")
        continue
    fi
    line=${line//@SRC@/$src_dir}
    line=${line//@DATA@/$src_dir/tests/data}
    line=${line//@TMP@/$tmp}
    cmd_args+=("$line")
done
cmd_starts+=("${#cmd_args[@]}")
ncmd=$((ncmd + 1))

# Makes the output independent of where the source and the temporary folder are.
sed_escape() { printf '%s' "$1" | sed 's/[][\\.*^$|]/\\&/g'; }
tmp_re=$(sed_escape "$tmp")
src_re=$(sed_escape "$src_dir")
normalise() { sed -e "s|$tmp_re|@TMP@|g" -e "s|$src_re|@SRC@|g"; }

cd "$src_dir" || fail "cannot enter $src_dir"
: > "$work/stdout"
: > "$work/stderr"
rc=0
for ((c = 0; c < ncmd; c++)); do
    from=${cmd_starts[$c]}
    count=$((cmd_starts[c + 1] - from))
    args=("${cmd_args[@]:$from:$count}")
    "$omvei" "${args[@]}" >> "$work/stdout" 2>> "$work/stderr"
    rc=$?
    if [ "$rc" -ge 128 ]; then
        cat "$work/stderr" >&2
        fail "command $((c + 1)) (omvei ${args[*]}) died of signal $((rc - 128))"
    fi
    if [ $((c + 1)) -lt "$ncmd" ] && [ "$rc" -ne 0 ]; then
        sed 's/^/  stderr| /' "$work/stderr" >&2
        fail "command $((c + 1)) of $ncmd (omvei ${args[*]}) exited $rc; every command before the last must exit 0"
    fi
done
normalise < "$work/stdout" > "$work/stdout.n"
normalise < "$work/stderr" > "$work/stderr.n"

if [ "${OMV_GOLDEN_UPDATE:-0}" = 1 ]; then
    cp "$work/stdout.n" "$case_dir/stdout"
    [ -f "$case_dir/stderr" ] && cp "$work/stderr.n" "$case_dir/stderr"
    [ -f "$case_dir/rc" ] || echo "$rc" > "$case_dir/rc"
    echo "updated golden/$case_name (exit $rc)"
fi

problems=0
report() {
    echo "FAIL golden/$case_name: $*" >&2
    problems=$((problems + 1))
}

want_rc=$(tr -d ' \r\n' < "$case_dir/rc")
if [ "$rc" != "$want_rc" ]; then
    report "exit code: expected $want_rc, got $rc"
    sed 's/^/  stderr| /' "$work/stderr.n" >&2
fi
if [ ! -f "$case_dir/stdout" ]; then
    report "no expected 'stdout' file (run with OMV_GOLDEN_UPDATE=1 to create it)"
elif ! cmp -s "$case_dir/stdout" "$work/stdout.n"; then
    report "stdout differs from the expected output:"
    diff -u --label "expected ($case_name/stdout)" --label "actual" "$case_dir/stdout" "$work/stdout.n" >&2
fi
if [ -f "$case_dir/stderr" ] && ! cmp -s "$case_dir/stderr" "$work/stderr.n"; then
    report "stderr differs from the expected output:"
    diff -u --label "expected ($case_name/stderr)" --label "actual" "$case_dir/stderr" "$work/stderr.n" >&2
fi

if [ -f "$case_dir/files" ]; then
    while read -r rel check rest; do
        [ -n "${rel:-}" ] || continue
        case "$rel" in \#*) continue ;; esac
        path="$tmp/$rel"
        case "$check" in
        exists)
            [ -e "$path" ] || report "expected file @TMP@/$rel does not exist"
            ;;
        absent)
            [ ! -e "$path" ] || report "file @TMP@/$rel must not exist"
            ;;
        *)
            if [[ ! "$check" =~ ^[0-9a-f]{64}$ ]]; then
                report "files: '$check' for $rel is neither a SHA-256, 'exists' nor 'absent'"
            elif [ ! -f "$path" ]; then
                report "expected file @TMP@/$rel does not exist"
            else
                got=$(sha256sum "$path" | cut -d' ' -f1)
                [ "$got" = "$check" ] || report "SHA-256 of @TMP@/$rel: expected $check, got $got"
            fi
            ;;
        esac
    done < <(tr -d '\r' < "$case_dir/files")
fi
# An atomic writer leaves no temporary files behind, whatever happened.
leftovers=$(find "$tmp" -name '*.tmp.*' 2>/dev/null)
[ -z "$leftovers" ] || report "temporary files left behind: $(echo "$leftovers" | normalise | tr '\n' ' ')"

if [ "$problems" -ne 0 ]; then
    echo "(case: $case_dir; $ncmd command(s); run from $src_dir)" >&2
    exit 1
fi
echo "ok golden/$case_name: exit $rc, $(wc -l < "$work/stdout.n") lines of stdout"
exit 0
