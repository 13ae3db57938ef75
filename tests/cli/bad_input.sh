#!/usr/bin/env bash
# bad_input.sh OMVEI CASE_DIR — runs one bad-input case of tests/data/bad/.
#
# A case folder holds the input and a file 'expect':
#   line 1   the exit code 'omvei check' must return
#   line 2   text that stderr must contain (file:line:col: message, paths relative to the case)
#   line 3+  optional further texts stderr must contain
# The input is the folder 'topology' when it exists, otherwise the one file whose name starts with
# 'input.' (input.graphml, input.geojson, input.txt, input.xml, input.csv, ...). The command runs
# inside the case folder, so messages name the input by a relative path. On an error exit nothing
# may be printed on stdout: a failed load prints no half summary. A case that expects exit 0 (input
# that loads with a warning) may find its texts on stdout too, where 'check' lists the warnings.
set -u

if [ $# -ne 2 ]; then
    echo "usage: bad_input.sh OMVEI CASE_DIR" >&2
    exit 2
fi
omvei=$1
case_dir=$2
case_name=$(basename "$case_dir")

fail() {
    echo "FAIL bad/$case_name: $*" >&2
    exit 1
}

case "$omvei" in
/*) ;;
*) omvei="$PWD/$omvei" ;;
esac
[ -x "$omvei" ] || fail "omvei binary not found or not executable: $omvei"
cd "$case_dir" || fail "cannot enter the case folder $case_dir"
[ -f expect ] || fail "no 'expect' file in $case_dir"

if [ -d topology ]; then
    input=topology
else
    shopt -s nullglob
    inputs=(input.*)
    shopt -u nullglob
    if [ ${#inputs[@]} -eq 0 ]; then
        fail "no input: expected a folder 'topology' or one file named input.*"
    elif [ ${#inputs[@]} -gt 1 ]; then
        fail "several inputs (${inputs[*]}): keep exactly one file named input.*"
    fi
    input=${inputs[0]}
fi

# expect: exit code, then the texts stderr must contain. Carriage returns are dropped and blank
# lines after the code are ignored.
mapfile -t lines < <(tr -d '\r' < expect)
[ ${#lines[@]} -ge 2 ] || fail "'expect' needs at least two lines: the exit code and a text of stderr"
want_rc=${lines[0]}
[[ "$want_rc" =~ ^[0-9]+$ ]] || fail "line 1 of 'expect' must be an exit code, got '$want_rc'"

out_file=$(mktemp)
err_file=$(mktemp)
trap 'rm -f "$out_file" "$err_file"' EXIT
"$omvei" check "$input" > "$out_file" 2> "$err_file"
rc=$?

problems=0
report() {
    echo "FAIL bad/$case_name: $*" >&2
    problems=$((problems + 1))
}

if [ "$rc" -ge 128 ]; then
    report "omvei died of signal $((rc - 128)) (exit $rc): bad input must never crash"
elif [ "$rc" -ne "$want_rc" ]; then
    report "exit code: expected $want_rc, got $rc"
fi
for ((i = 1; i < ${#lines[@]}; i++)); do
    want=${lines[$i]}
    [ -n "$want" ] || continue
    if grep -qF -- "$want" "$err_file"; then
        continue
    elif [ "$want_rc" -eq 0 ] && grep -qF -- "$want" "$out_file"; then
        continue
    else
        report "stderr lacks the expected text (line $((i + 1)) of expect)"
        echo "--- expected (substring)" >&2
        echo "+++ stderr (actual)" >&2
        echo "-$want" >&2
        if [ -s "$err_file" ]; then
            sed 's/^/+/' "$err_file" >&2
        else
            echo "+(stderr is empty)" >&2
        fi
    fi
done
if [ "$want_rc" -ne 0 ] && [ -s "$out_file" ]; then
    report "stdout must be empty on an error exit, but it holds:"
    head -n 20 "$out_file" | sed 's/^/  | /' >&2
fi

if [ "$problems" -ne 0 ]; then
    echo "(case: $case_dir, input: $input, command: omvei check $input)" >&2
    exit 1
fi
echo "ok bad/$case_name: exit $rc; $(head -n 1 "$err_file")"
exit 0
