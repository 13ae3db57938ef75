#!/usr/bin/env bash
# test_cli_basics.sh OMVEI SOURCE_DIR — the omvei command's contract with its caller: exit codes
# (0 ok, 1 runtime, 2 usage, 3 input data), messages on stderr and nothing on stdout on failure,
# --help and --version, and report folders that never hold half-written or temporary files.
set -u

if [ $# -ne 2 ]; then
    echo "usage: test_cli_basics.sh OMVEI SOURCE_DIR" >&2
    exit 2
fi
omvei=$1
src=$2
case "$omvei" in /*) ;; *) omvei="$PWD/$omvei" ;; esac
[ -x "$omvei" ] || { echo "omvei binary not found: $omvei" >&2; exit 1; }
cd "$src" || exit 1
small=tests/data/csv/small

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0
failed=0

# run ARGS...: runs omvei, leaving the exit code in $rc, stdout in $work/out, stderr in $work/err.
run() {
    "$omvei" "$@" > "$work/out" 2> "$work/err"
    rc=$?
}

ok() {
    passed=$((passed + 1))
    echo "ok - $1"
}

bad() {
    failed=$((failed + 1))
    echo "FAIL - $1"
    shift
    for line in "$@"; do echo "    $line"; done
    echo "    stdout: $(head -c 400 "$work/out" | tr '\n' '|')"
    echo "    stderr: $(head -c 400 "$work/err" | tr '\n' '|')"
}

# expect NAME CODE [STDERR_TEXT [stdout-empty]]: checks the last run.
expect() {
    local name=$1 code=$2 text=${3:-} empty=${4:-}
    local why=()
    [ "$rc" -eq "$code" ] || why+=("exit code $rc, expected $code")
    if [ -n "$text" ] && ! grep -qF -- "$text" "$work/err"; then
        why+=("stderr lacks: $text")
    fi
    if [ "$empty" = stdout-empty ] && [ -s "$work/out" ]; then
        why+=("stdout must be empty on failure")
    fi
    if [ ${#why[@]} -eq 0 ]; then ok "$name"; else bad "$name" "${why[@]}"; fi
}

# no_tmp_files NAME DIR: an atomic writer leaves no *.tmp.* behind.
no_tmp_files() {
    local left
    left=$(find "$2" -name '*.tmp*' 2>/dev/null)
    if [ -z "$left" ]; then ok "$1"; else bad "$1" "temporary files left: $left"; fi
}

# ---- usage errors: exit 2 -------------------------------------------------------------------
run
expect "no arguments: exit 2 with the command list on stderr" 2 "usage: omvei COMMAND" stdout-empty

run frobnicate
expect "unknown command: exit 2" 2 "omvei: unknown command 'frobnicate'" stdout-empty

run check --bogus "$small"
expect "unknown long option: exit 2 with a message" 2 "omvei check: unknown option '--bogus'" stdout-empty

run check -x "$small"
expect "unknown short option: exit 2" 2 "omvei check: unknown option '-x'" stdout-empty

run check --json=yes "$small"
expect "a flag given a value: exit 2" 2 "option '--json' takes no argument" stdout-empty

run check "$small" -o
expect "missing option argument: exit 2" 2 "option '-o' needs an argument" stdout-empty

run check --threads 0 "$small"
expect "--threads 0: exit 2" 2 "--threads takes a whole number from 1 to 1024, got '0'" stdout-empty

run check --seed -5 "$small"
expect "negative --seed: exit 2" 2 "--seed takes a whole number, got '-5'" stdout-empty

run check
expect "check without a topology: exit 2" 2 "omvei check: no topology given" stdout-empty

run convert "$small"
expect "convert without OUT: exit 2" 2 "omvei convert: expected IN... OUT" stdout-empty

run check "$small" --
expect "a final '--' adds no argument" 0
run check -- "$small"
expect "'--' before the topology" 0

# ---- help and version: exit 0 on stdout -----------------------------------------------------
run --help
if [ "$rc" -eq 0 ] && head -n 1 "$work/out" | grep -q '^usage: omvei COMMAND' && grep -q '^  check ' "$work/out" \
    && grep -q '^  convert ' "$work/out" && [ ! -s "$work/err" ]; then
    ok "--help: usage and commands on stdout, exit 0"
else
    bad "--help: usage and commands on stdout, exit 0"
fi

run help check
if [ "$rc" -eq 0 ] && head -n 1 "$work/out" | grep -qx 'usage: omvei check TOPOLOGY... \[options\]'; then
    ok "help check: the command's help"
else
    bad "help check: the command's help"
fi

run check --help
if [ "$rc" -eq 0 ] && grep -q -- '--candidates FILE' "$work/out" && grep -q -- '--threads N' "$work/out"; then
    ok "check --help lists the command's and the common options"
else
    bad "check --help lists the command's and the common options"
fi

run --version
if [ "$rc" -eq 0 ] && [ "$(wc -l < "$work/out")" -eq 4 ] \
    && grep -Eqx 'omvei [0-9]+\.[0-9]+\.[0-9]+' "$work/out" \
    && grep -Eqx 'igraph [0-9]+\.[0-9]+\.[0-9]+.*' "$work/out" \
    && grep -Eqx 'GLPK [0-9]+\.[0-9]+' "$work/out" \
    && grep -Eqx 'PROJ [0-9]+\.[0-9]+\.[0-9]+' "$work/out"; then
    ok "--version names omvei, igraph, GLPK and PROJ with versions"
else
    bad "--version names omvei, igraph, GLPK and PROJ with versions"
fi

# ---- input problems -------------------------------------------------------------------------
run check "$work/no/such/topology"
expect "missing topology path: an input error (exit 3) naming the path" 3 "$work/no/such/topology: no such file or folder" stdout-empty

mkdir -p "$work/empty"
run check "$work/empty"
expect "folder without nodes.csv: an input error (exit 3) naming the file" 3 \
    "$work/empty/nodes.csv: no such file: a topology folder needs nodes.csv and links.csv" stdout-empty

mkdir -p "$work/nolinks"
cp "$small/nodes.csv" "$work/nolinks/"
run check "$work/nolinks"
expect "folder without links.csv: an input error (exit 3) naming the file" 3 "$work/nolinks/links.csv: no such file" stdout-empty

# An empty output folder is a usage error (it read past the end of the empty path).
run check "$small" -o ''
expect "check -o '': usage error (exit 2)" 2 "the output folder is an empty path" stdout-empty
run spof "$small" -o ''
expect "spof -o '': usage error (exit 2)" 2 "the output folder is an empty path" stdout-empty

# A pipe or a device given as a topology is an input error, at once (no read that blocks).
run check /dev/null
expect "a device as topology: input error (exit 3)" 3 "/dev/null: not a regular file" stdout-empty

run check "$small" --candidates "$work/none.csv"
expect "missing candidates file: an input error (exit 3) naming it" 3 "$work/none.csv: no such file or folder" stdout-empty

echo "x: 1" > "$work/topo.yaml"
run check "$work/topo.yaml"
expect "unknown topology format: exit 2" 2 "topo.yaml: unknown topology format" stdout-empty

run check tests/data/bad/csv_self_loop/topology
expect "bad data: exit 3 with file:line:col" 3 \
    "tests/data/bad/csv_self_loop/topology/links.csv:4:8: self-loop: link 'L3' has both ends at node 'BOD'" stdout-empty

run -v check tests/data/bad/csv_self_loop/topology
expect "-v before the command is an unknown command" 2 "unknown command '-v'" stdout-empty

run check -v tests/data/bad/csv_self_loop/topology
expect "-v shows where omvei raised the error" 3 "(raised at src/topo/build.c:" stdout-empty

# ---- warnings -------------------------------------------------------------------------------
run convert "$small" "$work/conv"
expect "convert prints load warnings on stderr" 0 "nodes.csv:10:1: warning: node 'VAR' has no existing link"
run convert -q "$small" "$work/conv2"
if [ "$rc" -eq 0 ] && [ ! -s "$work/err" ] && [ ! -s "$work/out" ]; then
    ok "convert --quiet prints nothing"
else
    bad "convert --quiet prints nothing"
fi
if cmp -s "$work/conv/nodes.csv" "$work/conv2/nodes.csv" && cmp -s "$work/conv/links.csv" "$work/conv2/links.csv"; then
    ok "convert writes the same files twice"
else
    bad "convert writes the same files twice"
fi

# ---- output folders: failures leave nothing half-written ------------------------------------
echo "I am a file" > "$work/afile"
run check "$small" -o "$work/afile"
expect "-o into a file: exit 1" 1 "$work/afile: exists and is not a folder" stdout-empty
if [ "$(cat "$work/afile")" = "I am a file" ] && [ -z "$(ls "$work" | grep -F 'afile.')" ]; then
    ok "-o into a file leaves the file untouched and adds nothing beside it"
else
    bad "-o into a file leaves the file untouched and adds nothing beside it" "$(ls "$work")"
fi

run check "$small" -o "$work/afile/sub"
expect "-o below a file: exit 1" 1 "cannot create folder" stdout-empty

mkdir -p "$work/rep1/check.json"
run check "$small" -o "$work/rep1"
expect "check.json blocked by a folder: exit 1 naming it" 1 "$work/rep1/check.json: cannot write" stdout-empty
no_tmp_files "failed check.json write leaves no temporary file" "$work/rep1"
if [ ! -e "$work/rep1/manifest.json" ]; then
    ok "no manifest for a run whose output failed"
else
    bad "no manifest for a run whose output failed"
fi

mkdir -p "$work/rep2/manifest.json"
run check "$small" -o "$work/rep2"
expect "manifest.json blocked by a folder: exit 1" 1 "$work/rep2/manifest.json: cannot write" stdout-empty
no_tmp_files "failed manifest write leaves no temporary file" "$work/rep2"

mkdir -p "$work/conv3/links.csv"
run convert "$small" "$work/conv3"
expect "convert with links.csv blocked: exit 1" 1 "$work/conv3/links.csv: cannot write" stdout-empty
no_tmp_files "failed convert leaves no temporary file" "$work/conv3"

run check "$small" -o "$work/rep3/deeper/still"
expect "-o creates missing parent folders" 0
if [ -f "$work/rep3/deeper/still/check.json" ] && [ -f "$work/rep3/deeper/still/manifest.json" ]; then
    ok "-o writes check.json and manifest.json"
else
    bad "-o writes check.json and manifest.json"
fi
no_tmp_files "a successful report leaves no temporary file" "$work/rep3"
if command -v jq > /dev/null; then
    if jq -e '.schema == "omvei/check/1" and .nodes == 9 and .links == 8' "$work/rep3/deeper/still/check.json" > /dev/null \
        && jq -e '.schema == "omvei/manifest/1" and (.runs | length) == 1 and .runs[0].command == "check"
                  and (.runs[0].inputs | length) == 4 and (.runs[0].outputs == ["check.json"])' \
            "$work/rep3/deeper/still/manifest.json" > /dev/null; then
        ok "check.json and manifest.json hold the summary and the run"
    else
        bad "check.json and manifest.json hold the summary and the run"
    fi
    sha=$(sha256sum "$small/nodes.csv" | cut -d' ' -f1)
    if jq -e --arg sha "$sha" '.runs[0].inputs[0].sha256 == $sha and (.runs[0].inputs[0].path | endswith("nodes.csv"))' \
        "$work/rep3/deeper/still/manifest.json" > /dev/null; then
        ok "manifest holds the SHA-256 of nodes.csv"
    else
        bad "manifest holds the SHA-256 of nodes.csv"
    fi
    # A second run of the same command replaces its entry instead of adding one.
    run check "$small" -o "$work/rep3/deeper/still"
    if [ "$rc" -eq 0 ] && jq -e '(.runs | length) == 1' "$work/rep3/deeper/still/manifest.json" > /dev/null; then
        ok "rerunning check keeps one manifest entry"
    else
        bad "rerunning check keeps one manifest entry"
    fi
fi

# The summary on stdout is the same with -o as without.
run check "$small"
cp "$work/out" "$work/plain"
run check "$small" -o "$work/rep4"
if [ "$rc" -eq 0 ] && cmp -s "$work/plain" "$work/out"; then
    ok "-o does not change stdout"
else
    bad "-o does not change stdout"
fi

# Thread count and seed do not change the check summary.
run check --threads 1 --seed 7 "$small"
if [ "$rc" -eq 0 ] && cmp -s "$work/plain" "$work/out"; then
    ok "--threads 1 --seed 7 gives the same summary"
else
    bad "--threads 1 --seed 7 gives the same summary"
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
