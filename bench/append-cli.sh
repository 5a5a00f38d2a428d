#!/usr/bin/env bash
# Times the `wal append` command as a whole process, JVM start included: 100,000 entries of 128 floats
# (deterministic JSON lines, generated once into wal-bench/target/append-cli/), manual sync, into a
# fresh log each run. 3 runs (hyperfine if installed, else bash and date), median, entries per second.
#
# Usage: bench/append-cli.sh [--out FILE.json] [--runs N]
# The target: at most 1.5 x the reference's ~1.1 s on its dev machine (135 MB of JSON input there).
set -euo pipefail
cd "$(dirname "$0")/.."

out=""
runs=3
entries=100000
dimension=128
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: bench/append-cli.sh [--out FILE.json] [--runs N]" >&2; exit 2 ;;
  esac
done

if [[ ! -f wal-cli/target/wal.jar || ! -f wal-bench/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl wal-cli,wal-bench -am
fi

work=wal-bench/target/append-cli
input="$work/entries-${entries}x${dimension}.jsonl"
log="$work/log"
mkdir -p "$work"
if [[ ! -f "$input" ]]; then
  java -cp wal-bench/target/benchmarks.jar dev.jwal.bench.cli.GenerateEntries "$entries" "$dimension" "$input"
fi
input_bytes=$(stat -c %s "$input")
cat "$input" > /dev/null   # in the page cache for every run alike

command="java -jar wal-cli/target/wal.jar append $log --sync manual"
times=()
if command -v hyperfine > /dev/null; then
  tool="hyperfine"
  hyperfine --runs "$runs" --prepare "rm -rf $log" --export-json "$work/hyperfine.json" "$command < $input"
  # hyperfine's JSON: "times": [ t1, t2, ... ] in seconds.
  mapfile -t times < <(tr -d '\n ' < "$work/hyperfine.json" | sed -e 's/.*"times":\[\([^]]*\)\].*/\1/' | tr ',' '\n')
else
  tool="bash (date +%s%N around each run)"
  for ((i = 1; i <= runs; i++)); do
    rm -rf "$log"
    start=$(date +%s%N)
    $command < "$input" > /dev/null
    end=$(date +%s%N)
    times+=("$(awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }')")
    echo "run $i: ${times[-1]} s"
  done
fi

# The log must hold every entry: next LSN = entries.
stats=$(java -jar wal-cli/target/wal.jar stats "$log")
if ! grep -Eq "\"next_?[lL]sn\" *: *$entries\b" <<< "$stats"; then
  echo "unexpected log after the append: $stats" >&2
  exit 1
fi
rm -rf "$log"

median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')
ops=$(awk -v n="$entries" -v s="$median" 'BEGIN { printf "%.0f", n / s }')
runs_json=$(IFS=,; echo "[${times[*]}]")
echo "wal append: $entries entries of $dimension floats ($input_bytes bytes of JSON), runs ${times[*]} s," \
     "median $median s, $ops entries/s"

if [[ -n "$out" ]]; then
  mkdir -p "$(dirname "$out")"
  cat > "$out" <<JSON
{
  "command": "$command < $input",
  "tool": "$tool",
  "entries": $entries,
  "dimension": $dimension,
  "inputBytes": $input_bytes,
  "runs": $runs_json,
  "medianSeconds": $median,
  "opsPerSecond": $ops
}
JSON
  echo "wrote $out"
fi
