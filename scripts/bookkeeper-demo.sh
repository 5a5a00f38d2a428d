#!/usr/bin/env bash
# A log replicated on BookKeeper, with the `wal` command alone (no install, no Docker):
#   1. a sandbox cluster: ZooKeeper and 3 bookies in one process, 2 more bookies in another;
#   2. append entries to bk://.../demo (each acknowledged once 2 of its 3 bookies have it in their fsynced journal);
#   3. kill -9 the process holding 2 bookies: appends go on (BookKeeper replaces the lost bookies);
#   4. dump, verify and stats: every acknowledged entry is there, in LSN order.
# Usage: scripts/bookkeeper-demo.sh [WORK_DIR]   (default: a fresh temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."

[ -x wal-cli/target/wal/bin/wal ] || mvn -B -q -DskipTests package
launcher=wal-cli/target/wal/bin/wal
wal() { "$launcher" "$@"; }

work="${1:-$(mktemp -d)}"
mkdir -p "$work"
step() { printf '\n== %s\n' "$*"; }
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

step "wal sandbox --bookies 3 --dir $work/cluster (in the background; its first line is the cluster)"
# The launcher itself in the background (not the function): it execs java, so $! is the JVM to signal.
"$launcher" sandbox --bookies 3 --dir "$work/cluster" > "$work/sandbox.out" 2> "$work/sandbox.err" &
pids+=($!)
until [ -s "$work/sandbox.out" ]; do sleep 0.5; done
cluster=$(head -1 "$work/sandbox.out")
echo "$cluster"

step "wal sandbox --join $cluster --bookies 2 (another process: 5 bookies in all)"
"$launcher" sandbox --join "$cluster" --bookies 2 --dir "$work/more" > "$work/join.out" 2> "$work/join.err" &
joined=$!
pids+=("$joined")
until [ -s "$work/join.out" ]; do sleep 0.5; done

entry() { printf '{"Upsert":{"namespace":"demo","vectors":[{"id":"v%s","values":[%s.0,0.5],"metadata":null}]}}\n' "$1" "$1"; }

step "append 5 entries to $cluster/demo (the LSNs are printed as they are acknowledged)"
for i in 1 2 3 4 5; do entry "$i"; done | wal append "$cluster/demo" --echo-acks

step "kill -9 the process holding 2 of the 5 bookies"
kill -9 "$joined"
wait "$joined" 2>/dev/null || true

step "append 5 more: the log goes on with the 3 bookies left"
for i in 6 7 8 9 10; do entry "$i"; done | wal append "$cluster/demo" --echo-acks

step "dump, verify and stats"
wal dump "$cluster/demo"
wal verify "$cluster/demo"
wal stats "$cluster/demo"
