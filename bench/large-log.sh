#!/usr/bin/env bash
# Writes a large log (default 2 GiB of 1536-float entries, kryo-framed, manual sync) and recovers it in a
# JVM limited to 256 MiB of heap: recovery streams, so memory stays bounded however large the log is.
# Prints the time to open the log, the recovery rate and the peak heap. The log is deleted afterwards.
#
# Usage: bench/large-log.sh [--gib N] [--layout CODEC-FORMAT] [--keep]
# Data goes under wal-bench/target/large-log (set JWAL_BENCH_DIR to use another disk).
set -euo pipefail
cd "$(dirname "$0")/.."

gib=2
layout=kryo-framed
keep=false
while [[ $# -gt 0 ]]; do
  case "$1" in
    --gib) gib="$2"; shift 2 ;;
    --layout) layout="$2"; shift 2 ;;
    --keep) keep=true; shift ;;
    *) echo "usage: bench/large-log.sh [--gib N] [--layout CODEC-FORMAT] [--keep]" >&2; exit 2 ;;
  esac
done

if [[ ! -f wal-bench/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl wal-bench -am
fi
dir="${JWAL_BENCH_DIR:-$PWD/wal-bench/target}/large-log/$layout-${gib}g"
rm -rf "$dir"
mkdir -p "$(dirname "$dir")"
main=dev.jwal.bench.large.LargeLogCheck
java -Xmx1g -cp wal-bench/target/benchmarks.jar "$main" write "$dir" "$gib" "$layout"
java -Xmx256m -cp wal-bench/target/benchmarks.jar "$main" recover "$dir"
if [[ "$keep" == false ]]; then
  rm -rf "$dir"
fi
