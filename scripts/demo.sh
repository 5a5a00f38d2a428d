#!/usr/bin/env bash
# The main job: build the `wal` command and run it on real logs.
# (`wal` below is the launcher the build makes, wal-cli/target/wal/bin/wal.)
#   1. append the reference's 2,000-upsert script to a JSON-lines log and to a framed Kryo log;
#   2. verify, inspect and recover both;
#   3. read a log written by the reference implementation (transactions);
#   4. tear the tail of a log as a crash would, and show verify and recover handling it.
# Usage: scripts/demo.sh [WORK_DIR]   (default: a fresh temporary directory)
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -B -q -DskipTests package
wal() { wal-cli/target/wal/bin/wal "$@"; }

work="${1:-$(mktemp -d)}"
mkdir -p "$work"
fixtures=wal-codec-json/src/test/resources/dakera-json
script="$fixtures/large/script.jsonl"
step() { printf '\n== %s\n' "$*"; }

step "append $(wc -l < "$script") entries (the reference's 'large' script) as JSON lines, 256 KiB segments"
time wal append "$work/json" --segment-size 262144 --sync periodic:500 < "$script"
wal stats "$work/json"

step "the same entries as framed Kryo records"
time wal append "$work/kryo" --codec kryo --format framed --segment-size 262144 --sync periodic:500 < "$script"
wal stats "$work/kryo"

step "verify both logs"
wal verify "$work/json"
wal verify "$work/kryo"

step "the first records (cut to 300 characters), and how many entries recovery replays"
{ wal dump "$work/kryo" 2>/dev/null || true; } | head -n 2 | cut -c 1-300
echo "recover replays $(wal recover "$work/json" | wc -l) entries"

step "a log written by the reference implementation: transactions"
cp -r "$fixtures/txn/wal" "$work/reference-txn"
wal dump "$work/reference-txn"
echo "-- recover (only the committed transaction's entries, after the last checkpoint):"
wal recover "$work/reference-txn"

step "a crash tears the last record: verify reports it, recovery reads up to it"
last=$(ls "$work/json"/*.wal | tail -n 1)
truncate -s -25 "$last"
wal verify "$work/json" || echo "(verify exit code $?)"
echo "recover still replays $(wal recover "$work/json" | wc -l) entries"
printf '{"CreateNamespace":{"namespace":"after-crash"}}\n' | wal append "$work/json" --echo-acks
wal verify "$work/json"

echo
echo "logs left in $work"
