#!/usr/bin/env bash
# Runs the short benchmark profile (dev.jwal.bench.ShortProfile: about 82 JMH runs, 12 to 13 minutes on
# 2 cores), times `wal append` (bench/append-cli.sh), and renders the report:
#   bench/results/<date>.json           the JMH JSON of the run (also latest.json)
#   bench/results/<date>.machine.txt    the machine it ran on (also latest.machine.txt)
#   bench/results/<date>.append-cli.json  the wal append timing (also latest.append-cli.json)
#   bench/results/latest.md             the tables: medians, baselines, ratios, targets
#   bench/results/latest.svg            the ratio chart (a PNG copy goes to wal-bench/target/latest.png)
# Benchmark data is written under wal-bench/target/bench-data (set JWAL_BENCH_DIR to measure another
# disk) and deleted as it goes.
#
# Usage: bench/run.sh [--include REGEX] [--skip-cli] [--note TEXT] [--headline]
#   --include  runs only the profile steps whose name matches (e.g. 'append|raw')
#   --skip-cli skips the wal append timing
#   --note     a line for the report, e.g. "shared machine, other builds running"
#   --headline runs only the steps of the round-two targets, with 2 forks x 5 measurement iterations each
#              (the settings of a headline figure, about 12 minutes), and times wal append 5 times
set -euo pipefail
cd "$(dirname "$0")/.."

include=""
skip_cli=false
headline=false
note="${BENCH_NOTE:-}"
while [[ $# -gt 0 ]]; do
  case "$1" in
    --include) include="$2"; shift 2 ;;
    --skip-cli) skip_cli=true; shift ;;
    --note) note="$2"; shift 2 ;;
    --headline) headline=true; shift ;;
    *) echo "usage: bench/run.sh [--include REGEX] [--skip-cli] [--note TEXT] [--headline]" >&2; exit 2 ;;
  esac
done

started=$(date +%s)
echo "== building wal-bench and wal-cli"
mvn -B -q -DskipTests package -pl wal-bench,wal-cli -am

results=bench/results
stamp=$(date -u +%Y-%m-%d-%H%M)
mkdir -p "$results"
export JWAL_BENCH_DIR="${JWAL_BENCH_DIR:-$PWD/wal-bench/target/bench-data}"
mkdir -p "$JWAL_BENCH_DIR"
# A copy, so a rebuild while the profile runs cannot change the classes under it.
jar=wal-bench/target/benchmarks-run.jar
cp wal-bench/target/benchmarks.jar "$jar"

# The disk under the benchmark data, never the machine's absolute path: the directory relative to the
# repository (or "outside the repository"), its file system, block device and driver, e.g.
# "wal-bench/target/bench-data, ext4 on block device vda (virtio_blk), 79G free of 252G".
bench_dir_description() {
  local dir="$1" shown device name driver
  shown=$(realpath --relative-to="$PWD" "$dir")
  case "$shown" in ../*|/*) shown="a directory outside the repository" ;; esac
  device=$(df --output=source "$dir" | tail -n 1)
  name=$(basename "$device")
  driver=$(basename "$(readlink -f "/sys/class/block/$name/device/driver" 2>/dev/null)" 2>/dev/null || true)
  echo "$shown, $(df --output=fstype "$dir" | tail -n 1 | tr -d ' ') on block device $name${driver:+ ($driver)}," \
    "$(df -h --output=avail "$dir" | tail -n 1 | tr -d ' ') free of $(df -h --output=size "$dir" | tail -n 1 | tr -d ' ')"
}

machine="$results/$stamp.machine.txt"
{
  echo "run: $(date -u '+%Y-%m-%d %H:%M UTC'), git $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)')"
  echo "cpu: $(nproc) cores, $(lscpu | sed -n 's/^Model name: *//p' | head -n 1)$(lscpu | grep -q '^Hypervisor vendor' && echo ", virtual machine ($(lscpu | sed -n 's/^Hypervisor vendor: *//p'))")"
  echo "memory: $(free -h | awk '/^Mem:/ { print $2 }') total"
  echo "bench data: $(bench_dir_description "$JWAL_BENCH_DIR")"
  echo "java: $(java -version 2>&1 | sed -n 2p)"
  echo "kernel: $(uname -sr)"
  echo "load average at start: $(cut -d ' ' -f 1-3 /proc/loadavg)"
  if [[ -n "$note" ]]; then echo "note: $note"; fi
  if [[ "$headline" == true ]]; then echo "profile: headline (the round-two target steps, 2 forks x 2 warm-up + 5 measurement iterations of 1 s)"; fi
} > "$machine"
cat "$machine"

echo "== short profile (JMH log: wal-bench/target/bench-run.log)"
profile_args=("$results/$stamp.json")
if [[ -n "$include" ]]; then profile_args+=(--include "$include"); fi
cli_runs=3
if [[ "$headline" == true ]]; then profile_args+=(--headline); cli_runs=5; fi
status=0
java -cp "$jar" dev.jwal.bench.ShortProfile "${profile_args[@]}" 2>&1 | tee wal-bench/target/bench-run.log \
  | grep -E '^(###|Benchmark |[A-Za-z]+Benchmark\.)|results in|failed' || true
status=${PIPESTATUS[0]}
# JMH records the java binary's absolute path; the report names the JVM by version (machine.txt) instead.
sed -i -E 's#"jvm" : "/[^"]*/bin/java"#"jvm" : "java"#' "$results/$stamp.json"
cp "$results/$stamp.json" "$results/latest.json"

cli_args=()
if [[ "$skip_cli" == false ]]; then
  echo "== wal append, whole process"
  bench/append-cli.sh --runs "$cli_runs" --out "$results/$stamp.append-cli.json"
  cp "$results/$stamp.append-cli.json" "$results/latest.append-cli.json"
  cli_args=(--cli "$results/latest.append-cli.json")
fi

echo "load average at end: $(cut -d ' ' -f 1-3 /proc/loadavg)" >> "$machine"
echo "duration: $(( ($(date +%s) - started) / 60 )) min $(( ($(date +%s) - started) % 60 )) s, build included" >> "$machine"
cp "$machine" "$results/latest.machine.txt"

echo "== report"
java -cp "$jar" dev.jwal.bench.report.ReportRenderer --results "$results/latest.json" "${cli_args[@]}" \
  --machine "$results/latest.machine.txt" --md "$results/latest.md" --svg "$results/latest.svg" \
  --png wal-bench/target/latest.png --title "jwal benchmarks, $stamp"
if [[ $status -ne 0 ]]; then
  echo "some benchmarks failed (see wal-bench/target/bench-run.log)" >&2
fi
exit "$status"
