#!/usr/bin/env bash
# test_slurm.sh — omvei sweeps on a real Slurm cluster of one node, started for the test in a temporary
# folder (munged, slurmctld and slurmd from Debian; nothing of the machine's own configuration is read
# or changed). Through data/slurm/submit.sh, the scripts a planner uses:
#  1. reroute (links and risk groups, border deny) as an array of 3 shards and a dependent merge job:
#     the merged result files equal a one-process run byte for byte (manifest.json and
#     report.html aside), each shard wrote its part;
#  2. a shard lost: the merge job fails with exit 3, names the shard, writes nothing, and prints the
#     command that resubmits only it; that command restores the same result;
#  3. a shard killed while it runs (as when its node dies) is requeued by Slurm and run again, and the
#     merge job waits for that run: the result still equals one process;
#  4. plan --sweep in 2 shards and compare in 2 shards: the merged results equal one process.
# Skips (77) with the reason when Slurm or munge is not installed (`make test` installs them: Makefile
# DEPS) or the daemons cannot start here. Everything it started is stopped and the folder removed on
# any exit; every wait is bounded (the whole test by LIMIT seconds).
# Usage: test_slurm.sh OMVEI SRC_DIR
set -uo pipefail
LIMIT=300
if [ $# -ne 2 ]; then
    echo "usage: test_slurm.sh OMVEI SRC_DIR" >&2
    exit 2
fi
omvei=$(realpath "$1")
src=$(realpath "$2")
[ -x "$omvei" ] || { echo "FAIL: omvei binary not found: $1"; exit 1; }
export PATH=$PATH:/usr/sbin:/sbin

skip() {
    echo "SKIP: $*"
    exit 77
}
fail() {
    echo "FAIL: $*"
    exit 1
}
for b in munged munge unmunge slurmctld slurmd sbatch sinfo squeue scontrol scancel; do
    command -v $b >/dev/null ||
        skip "'$b' is not installed, so no Slurm cluster can start here. 'make test' installs slurm-wlm and munge (Makefile DEPS), or: apt-get install slurm-wlm munge"
done
[ "$(id -u)" = 0 ] || skip "slurmd must run as root to start jobs; run the suite as root to include this test"

deadline=$((SECONDS + LIMIT))
left() { # seconds left for a wait (at least 1: a wait past the limit then fails at once)
    local s=$((deadline - SECONDS))
    [ $s -gt 0 ] || s=1
    echo $s
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/omvei-slurm.XXXXXX") || fail "mktemp"
chmod 755 "$tmp" # munged refuses a socket in a folder others cannot search
pids=()

stop_cluster() {
    if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
        timeout 10 scancel --user="$(id -un)" >/dev/null 2>&1
    fi
    # slurmd first, munged last: a daemon that stops still talks to the others.
    local p i j
    for ((j = ${#pids[@]} - 1; j >= 0; j--)); do
        p=${pids[j]}
        kill "$p" 2>/dev/null || continue
        for i in $(seq 1 50); do
            kill -0 "$p" 2>/dev/null || break
            sleep 0.1
        done
        kill -9 "$p" 2>/dev/null
    done
    # Job steps outlive slurmd: end every process that runs with this cluster's configuration.
    for p in /proc/[0-9]*; do
        p=${p#/proc/}
        [ "$p" = $$ ] && continue
        grep -qaF "SLURM_CONF=$tmp/" "/proc/$p/environ" 2>/dev/null && kill -9 "$p" 2>/dev/null
    done
    wait 2>/dev/null
}
cleanup() {
    local rc=$?
    trap - EXIT INT TERM
    stop_cluster
    rm -rf "$tmp"
    exit $rc
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# Show the daemons' logs when something goes wrong with the cluster.
logs() {
    local f
    for f in "$tmp"/log/*; do
        [ -s "$f" ] && { echo "--- $(basename "$f") (end)"; tail -n 10 "$f"; }
    done
}

# A free TCP port in a range services do not use by default.
free_port() {
    local p _
    for _ in $(seq 1 50); do
        p=$((21000 + RANDOM % 8000))
        (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo $p; return 0; }
    done
    return 1
}

# 0. The cluster.
mkdir -p "$tmp/munge" "$tmp/state" "$tmp/spool" "$tmp/log"
if command -v mungekey >/dev/null; then
    mungekey --create --keyfile="$tmp/munge/munge.key" 2>"$tmp/log/mungekey" || skip "mungekey failed: $(cat "$tmp/log/mungekey")"
else
    dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
fi
chmod 600 "$tmp/munge/munge.key"
sock=$tmp/munge/munge.socket
export SLURM_CONF=$tmp/slurm.conf
munged -F --socket="$sock" --key-file="$tmp/munge/munge.key" --pid-file="$tmp/munge/munged.pid" \
    --log-file="$tmp/log/munged.log" --seed-file="$tmp/munge/munged.seed" >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
ok=0
until_s=$((SECONDS + 15))
while [ $SECONDS -lt $until_s ] && kill -0 "${pids[0]}" 2>/dev/null; do
    timeout 5 munge -S "$sock" -n 2>/dev/null | timeout 5 unmunge -S "$sock" >/dev/null 2>&1 && { ok=1; break; }
    sleep 0.2
done
[ $ok -eq 1 ] || { logs; skip "munged did not start (log above)"; }

host=$(hostname -s 2>/dev/null)
[ -n "$host" ] || host=$(hostname)
ctld_port=$(free_port) || skip "no free TCP port"
d_port=$(free_port) || skip "no free TCP port"
[ "$ctld_port" != "$d_port" ] || d_port=$((ctld_port + 1))
cat >"$SLURM_CONF" <<EOF
# A one-node cluster for omvei's test, all in $tmp.
ClusterName=omveitest
SlurmctldHost=$host(127.0.0.1)
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$d_port
AuthType=auth/munge
# cred_expire also sets how long a requeued job waits before it may start again (default 120 s).
AuthInfo=socket=$sock,cred_expire=10
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
SchedulerParameters=sched_interval=2,bf_interval=2
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
# sbatch --wait polls every 2 s only while ended jobs are kept longer than that.
MinJobAge=4
NodeName=$host NodeAddr=127.0.0.1 CPUs=2 RealMemory=1000 State=UNKNOWN
PartitionName=omvei Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -c -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -N "$host" -f "$SLURM_CONF" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
# Up when the node is idle; given up after 40 s or as soon as a daemon has ended.
state=""
until_s=$((SECONDS + 40))
while [ $SECONDS -lt $until_s ]; do
    kill -0 "${pids[1]}" 2>/dev/null || { state="slurmctld ended"; break; }
    kill -0 "${pids[2]}" 2>/dev/null || { state="slurmd ended"; break; }
    state=$(timeout 3 sinfo -h -n "$host" -o %t 2>/dev/null)
    [ "$state" = idle ] && break
    sleep 0.2
done
[ "$state" = idle ] || { logs; skip "the one-node Slurm cluster did not come up ($state; logs above)"; }
echo "ok: Slurm $(sinfo -V | awk '{print $2}') up in $SECONDS s: node $host, ports $ctld_port/$d_port"

fails=0
ok() { echo "ok: $*"; }
bad() {
    echo "FAIL: $*"
    fails=$((fails + 1))
}

# same_results ONE MERGED: the same result files, byte for byte (manifest and page aside).
same_results() {
    local a=$1 b=$2 f
    [ -d "$b" ] || { echo "no merged folder $b"; return 1; }
    (cd "$a" && find . -type f ! -name manifest.json ! -name report.html | sort) >"$tmp/files.one"
    (cd "$b" && find . -type f ! -name manifest.json ! -name report.html | sort) >"$tmp/files.merged"
    if ! cmp -s "$tmp/files.one" "$tmp/files.merged"; then
        echo "different files (< one process, > merged):"
        diff "$tmp/files.one" "$tmp/files.merged"
        return 1
    fi
    [ -s "$tmp/files.one" ] || { echo "no result file"; return 1; }
    while read -r f; do
        cmp "$a/$f" "$b/$f" || return 1
    done <"$tmp/files.one"
    echo "$(wc -l <"$tmp/files.one") files: $(cd "$a" && find . -type f ! -name manifest.json ! -name report.html | sed 's|^\./||' | sort | tr '\n' ' ')"
}

cd "$src" || fail "cd $src"
submit=data/slurm/submit.sh

# 1. reroute in 3 shards against one process.
rr=(reroute data/nordic --failures links,srlg --border deny)
"$omvei" "${rr[@]}" -o "$tmp/one-reroute" >"$tmp/one.log" 2>&1 || { cat "$tmp/one.log"; fail "one-process reroute"; }
t0=$SECONDS
timeout "$(left)" "$submit" -n 3 -o "$tmp/rr" --omvei "$omvei" --wait -- "${rr[@]}" >"$tmp/rr.log" 2>&1
rc=$?
if [ $rc -eq 0 ]; then
    ok "reroute: array of 3 shards and the merge job done in $((SECONDS - t0)) s"
else
    cat "$tmp/rr.log"; cat "$tmp"/rr/logs/*.out 2>/dev/null; logs
    fail "reroute sweep on Slurm exited $rc"
fi
for k in 1 2 3; do
    [ -f "$tmp/rr/parts/$k/part.json" ] || bad "shard $k wrote no part.json"
    grep -q "omvei shard $k/3 on $host" "$tmp/rr/logs/shard-$k.out" 2>/dev/null || bad "no log of shard $k/3"
done
if out=$(same_results "$tmp/one-reroute" "$tmp/rr/result"); then
    ok "reroute merged from 3 shards equals one process: $out"
else
    bad "reroute merged differs from one process: $out"
fi
# 2. A lost shard: the merge job names it and writes nothing; its resubmission command repairs the sweep.
rm -rf "$tmp/rr/parts/2" "$tmp/rr/result"
timeout "$(left)" sbatch --wait --output="$tmp/rr/logs/lost.out" data/slurm/merge.sbatch "$tmp/rr" 3 "$omvei" \
    >/dev/null 2>&1
rc=$?
if [ $rc -eq 3 ] && grep -q '^MISSING SHARDS: 2$' "$tmp/rr/logs/lost.out" && [ ! -e "$tmp/rr/result" ]; then
    ok "merge job with shard 2 lost: exit 3, 'MISSING SHARDS: 2', no result folder"
else
    bad "merge job with shard 2 lost: exit $rc, result folder $([ -e "$tmp/rr/result" ] && echo written || echo absent)"
    cat "$tmp/rr/logs/lost.out"
fi
rerun=$(grep -- '--rerun 2$' "$tmp/rr/logs/lost.out" | head -n 1)
if [ -z "$rerun" ]; then
    bad "the merge job printed no resubmission command ending in '--rerun 2'"
else
    eval "timeout $(left) $rerun --wait" >"$tmp/rerun.log" 2>&1
    rc=$?
    if [ $rc -eq 0 ] && grep -q '^submitted shards 2 of 3 as job' "$tmp/rerun.log" &&
        out=$(same_results "$tmp/one-reroute" "$tmp/rr/result"); then
        ok "the printed command reran shard 2 only; merged again equals one process"
    else
        bad "rerun of shard 2: exit $rc"
        cat "$tmp/rerun.log"
    fi
fi

msg=$("$submit" -o "$tmp/rr" --rerun 2,4 2>&1)
rc=$?
if [ $rc -eq 2 ] && [[ $msg == *"shard 4 is not between 1 and 3"* ]]; then
    ok "--rerun of a shard the sweep does not have: exit 2, '$msg'"
else
    bad "--rerun 2,4 of a sweep of 3: exit $rc, '$msg'"
fi

# 3. A shard killed while it runs, as when its node dies: Slurm runs it again (--requeue in shard.sbatch)
# and the merge job waits for that run. The first run of shard 1 waits, so that it is killed mid-way.
cat >"$tmp/slow-omvei" <<EOF
#!/bin/sh
if [ "\${SLURM_ARRAY_TASK_ID:-}" = 1 ] && [ "\${SLURM_RESTART_COUNT:-0}" = 0 ]; then sleep 200; fi
exec "$omvei" "\$@"
EOF
chmod +x "$tmp/slow-omvei"
t0=$SECONDS
timeout "$(left)" "$submit" -n 3 -o "$tmp/rq" --omvei "$tmp/slow-omvei" -- "${rr[@]}" >"$tmp/rq.log" 2>&1
ids=$(sed -n 's/^submitted shards 1-3 of 3 as job \([0-9]*\) and the merge as job \([0-9]*\);.*/\1 \2/p' "$tmp/rq.log")
read -r jid mid <<<"$ids"
if [ -z "$jid" ] || [ -z "$mid" ]; then
    bad "submit.sh without --wait: $(cat "$tmp/rq.log")"
else
    # Requeue only once the first run has started its work (has logged its line): a job Slurm shows as
    # RUNNING may not have started its script yet, and a run killed before it logs leaves no trace.
    state=""
    until_s=$((SECONDS + 60))
    while [ $SECONDS -lt $until_s ] &&
        { [ "$state" != RUNNING ] || ! grep -q 'restart 0' "$tmp/rq/logs/shard-1.out" 2>/dev/null; }; do
        sleep 0.2
        state=$(timeout 5 squeue -h -j "${jid}_1" -o %T 2>/dev/null)
    done
    timeout 10 scontrol requeue "${jid}_1" || bad "scontrol requeue ${jid}_1 (state '$state')"
    # The merge job leaves the queue once it has run.
    while [ $SECONDS -lt $deadline ] && [ -n "$(timeout 5 squeue -h -j "$mid" -o %T 2>/dev/null)" ]; do
        sleep 0.5
    done
    runs=$(grep -c '^omvei shard 1/3 on' "$tmp/rq/logs/shard-1.out" 2>/dev/null)
    out=""
    if [ "$runs" = 2 ] && grep -q 'restart 1' "$tmp/rq/logs/shard-1.out" &&
        out=$(same_results "$tmp/one-reroute" "$tmp/rq/result"); then
        ok "shard 1 killed while running, requeued and run again; the merge waited for it and equals one process ($((SECONDS - t0)) s)"
    else
        bad "requeue of shard 1: ${runs:-0} run(s) logged; merged result: ${out:-absent}"
        cat "$tmp/rq/logs/"*.out 2>/dev/null
    fi
fi

# 4. plan --sweep and compare, 2 shards each.
sweep() { # NAME N ARGS...: one process against N shards on Slurm
    local name=$1 n=$2
    shift 2
    "$omvei" "$@" -o "$tmp/one-$name" >"$tmp/one.log" 2>&1 || { cat "$tmp/one.log"; bad "one-process $name"; return; }
    t0=$SECONDS
    if ! timeout "$(left)" "$submit" -n "$n" -o "$tmp/$name" --omvei "$omvei" --wait -- "$@" >"$tmp/$name.log" 2>&1; then
        cat "$tmp/$name.log"; cat "$tmp/$name"/logs/*.out 2>/dev/null
        bad "$name sweep on Slurm failed"
        return
    fi
    if out=$(same_results "$tmp/one-$name" "$tmp/$name/result"); then
        ok "$name merged from $n shards ($((SECONDS - t0)) s) equals one process: $out"
    else
        bad "$name merged from $n shards differs from one process: $out"
    fi
}
sweep plan 2 plan data/nordic --region north-of-trondheim --against links,srlg \
    --sweep 0,50M,100M,200M,400M,800M,1.2bn,1.6bn,2.4bn
p=data/nordic/proposals
sweep compare 2 compare data/nordic --region north-of-trondheim --against links,srlg \
    --proposal fibre=$p/fibre-coast.csv --proposal satellite=$p/satellite-first.csv --proposal little=$p/little-effect.csv

[ $fails -eq 0 ] || fail "$fails check(s) failed"
echo "PASS: sweeps sharded on a one-node Slurm cluster merge to the one-process results ($SECONDS s)"
