#!/usr/bin/env bash
# submit.sh — runs an omvei scenario sweep on a Slurm cluster: a job array of N shards (shard.sbatch,
# each runs the command with --shard K/N) and a merge job (merge.sbatch) that starts when every shard
# has ended and writes the same result files as one process would. See README.md beside this file.
#
# Usage:
#   submit.sh -n N -o OUT [--omvei PATH] [--wait] -- COMMAND ARGS...
#   submit.sh -o OUT --rerun LIST [--wait]     resubmit only the shards in LIST (e.g. 2,5) and a merge
#
#   -n N          number of shards (array tasks)
#   -o OUT        sweep folder on a file system every node sees: parts/K/ (one per shard), logs/,
#                 result/ (the merged report folder)
#   --omvei PATH  the omvei command on the nodes (default: omvei on PATH here)
#   --rerun LIST  shard numbers as the merge job prints them; the command and N are the ones saved
#                 in OUT by the first submission
#   --wait        wait for the merge job and exit with its exit code (3: shards missing)
#
# Slurm's own variables choose partition, time limit, account and so on for both jobs, e.g.
# SBATCH_PARTITION=batch SBATCH_TIMELIMIT=2:00:00 submit.sh ...
#
# Example: data/slurm/submit.sh -n 7 -o sweep -- reroute data/nordic --failures links,srlg --border deny
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

usage() {
    sed -n 's/^# \{0,1\}//; 6,17p' "$here/submit.sh" >&2
    exit 2
}
die() {
    echo "submit.sh: $*" >&2
    exit 2
}

n=""
out=""
omvei=""
rerun=""
wait=0
while [ $# -gt 0 ]; do
    case $1 in
    -n) [ $# -ge 2 ] || usage; n=$2; shift 2 ;;
    -o) [ $# -ge 2 ] || usage; out=$2; shift 2 ;;
    --omvei) [ $# -ge 2 ] || usage; omvei=$2; shift 2 ;;
    --rerun) [ $# -ge 2 ] || usage; rerun=$2; shift 2 ;;
    --wait) wait=1; shift ;;
    --) shift; break ;;
    -h | --help) usage ;;
    *) die "unknown option '$1' (the omvei command comes after --)" ;;
    esac
done
[ -n "$out" ] || usage
command -v sbatch >/dev/null || die "sbatch not found: run this on a Slurm login node"
mkdir -p "$out"
out=$(cd "$out" && pwd)

if [ -n "$rerun" ]; then
    # Everything but the shard list comes from the first submission.
    [ $# -eq 0 ] && [ -z "$n" ] && [ -z "$omvei" ] || die "--rerun takes the command, -n and --omvei from $out"
    [ -f "$out/sweep.args" ] || die "$out/sweep.args not found: was $out made by submit.sh?"
    args=()
    while IFS= read -r -d '' a; do args+=("$a"); done <"$out/sweep.args"
    [ ${#args[@]} -ge 3 ] || die "$out/sweep.args is damaged"
    n=${args[0]}
    omvei=${args[1]}
    set -- "${args[@]:2}"
    [[ $rerun =~ ^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*$ ]] || die "--rerun '$rerun': expected shard numbers like 2,5 or 3-6"
    for k in $(tr ',-' '  ' <<<"$rerun"); do
        [ "$k" -ge 1 ] && [ "$k" -le "$n" ] || die "--rerun: shard $k is not between 1 and $n"
    done
    array=$rerun
else
    [ -n "$n" ] && [ $# -gt 0 ] || usage
    [[ $n =~ ^[1-9][0-9]*$ ]] || die "-n '$n': expected a whole number of shards from 1"
    omvei=${omvei:-$(command -v omvei || true)}
    [ -n "$omvei" ] || die "omvei not found on PATH: give --omvei PATH"
    case $omvei in /*) ;; *) omvei=$(cd "$(dirname "$omvei")" && pwd)/$(basename "$omvei") ;; esac
    [ -x "$omvei" ] || die "$omvei is not an executable"
    # A new sweep: parts of an earlier one in the same folder would be merged with it (and refused).
    rm -rf "$out/parts" "$out/result" "$out/merge.err"
    printf '%s\0' "$n" "$omvei" "$@" >"$out/sweep.args"
    printf '%q -o %q --rerun' "$here/submit.sh" "$out" >"$out/rerun.cmd"
    array=1-$n
fi
mkdir -p "$out/parts" "$out/logs"

# Shard K writes logs/shard-K.out (appended to when Slurm requeues it), the merge job logs/merge-ID.out.
jid=$(sbatch --parsable --array="$array" --output="$out/logs/shard-%a.out" \
    "$here/shard.sbatch" "$out" "$n" "$omvei" "$@")
jid=${jid%%;*}
merge=(sbatch --parsable --dependency="afterany:$jid" --output="$out/logs/merge-%j.out")
script=("$here/merge.sbatch" "$out" "$n" "$omvei")
if [ $wait -eq 0 ]; then
    mid=$("${merge[@]}" "${script[@]}")
    echo "submitted shards $array of $n as job $jid and the merge as job ${mid%%;*}; result in $out/result/"
    exit 0
fi
echo "submitted shards $array of $n as job $jid; waiting for the merge job"
rc=0
mid=$("${merge[@]}" --wait "${script[@]}") || rc=$?
mid=${mid%%;*}
[ -z "$mid" ] || cat "$out/logs/merge-$mid.out" 2>/dev/null || true
exit $rc
