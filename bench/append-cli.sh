#!/usr/bin/env bash
# Times the `wal append` command as a whole process, JVM start included: 100,000 entries of 128 floats
# (deterministic JSON lines, generated once into wal-bench/target/append-cli/), manual sync, into a fresh
# log each run, through the packaged launcher (wal-cli/target/wal/bin/wal: class-data sharing archive,
# serial GC). In the same run and alternating with it: the same input into a kryo framed log, and the
# reference implementation (../shared/reference, built here with its build.sh when it builds) on the same
# input. Each is run N times (default 3); medians, and the ratio to the reference, are reported.
#
# Usage: bench/append-cli.sh [--out FILE.json] [--runs N] [--entries N] [--no-reference]
# --entries changes the input's length (default 100,000; the target is at 100,000).
# The target: at most 1.5 x the reference's time on the same input in the same run (aim: parity), and kryo
# framed faster than JSON lines.
set -euo pipefail
cd "$(dirname "$0")/.."

out=""
runs=3
entries=100000
dimension=128
with_reference=true
while [[ $# -gt 0 ]]; do
  case "$1" in
    --out) out="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    --entries) entries="$2"; shift 2 ;;
    --no-reference) with_reference=false; shift ;;
    *) echo "usage: bench/append-cli.sh [--out FILE.json] [--runs N] [--entries N] [--no-reference]" >&2; exit 2 ;;
  esac
done

wal=wal-cli/target/wal/bin/wal
if [[ ! -x "$wal" || ! -f wal-bench/target/benchmarks.jar ]]; then
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

# The reference, built from ../shared/reference into wal-bench/target (its own directory may be read-only).
reference=""
if [[ "$with_reference" == true && -x ../shared/reference/build.sh ]]; then
  export CARGO_TARGET_DIR="$PWD/$work/reference-build"
  if ../shared/reference/build.sh > /dev/null 2> "$work/reference-build.log" && [[ -x "$CARGO_TARGET_DIR/release/peer" ]]; then
    reference="$CARGO_TARGET_DIR/release/peer"
  else
    echo "the reference did not build (see $work/reference-build.log): timing jwal alone" >&2
  fi
  unset CARGO_TARGET_DIR
fi

# Seconds of wall time of one run of "$@" < input, into a fresh log.
time_run() {
  rm -rf "$log"
  local start end
  start=$(date +%s%N)
  "$@" < "$input" > /dev/null
  end=$(date +%s%N)
  awk -v ns=$((end - start)) 'BEGIN { printf "%.3f", ns / 1e9 }'
}

json_times=()
kryo_times=()
reference_times=()
for ((i = 1; i <= runs; i++)); do
  json_times+=("$(time_run "$wal" append "$log" --sync manual)")
  stats=$("$wal" stats "$log" --json)
  if ! grep -Eq "\"next_?[lL]sn\" *: *$entries\b" <<< "$stats"; then
    echo "unexpected log after the append: $stats" >&2
    exit 1
  fi
  kryo_times+=("$(time_run "$wal" append "$log" --sync manual --codec kryo)")
  line="run $i: json ${json_times[-1]} s, kryo ${kryo_times[-1]} s"
  if [[ -n "$reference" ]]; then
    # The reference's write command: every entry through its own append (it never forces), 64 MiB segments.
    reference_times+=("$(time_run "$reference" write "$log" 67108864)")
    line="$line, reference ${reference_times[-1]} s"
  fi
  echo "$line"
done
rm -rf "$log"

median() {
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
json_median=$(median "${json_times[@]}")
kryo_median=$(median "${kryo_times[@]}")
ops=$(awk -v n="$entries" -v s="$json_median" 'BEGIN { printf "%.0f", n / s }')
summary="wal append: $entries entries of $dimension floats ($input_bytes bytes of JSON), json median $json_median s ($ops entries/s), kryo framed median $kryo_median s"
reference_json="null"
if [[ -n "$reference" ]]; then
  reference_median=$(median "${reference_times[@]}")
  summary="$summary, reference median $reference_median s: json $(awk -v a="$json_median" -v b="$reference_median" 'BEGIN { printf "%.2f", a / b }')x the reference's time"
  reference_json="{ \"command\": \"peer write DIR 67108864 < INPUT (../shared/reference)\", \"runs\": [$(IFS=,; echo "${reference_times[*]}")], \"medianSeconds\": $reference_median }"
fi
echo "$summary"

if [[ -n "$out" ]]; then
  mkdir -p "$(dirname "$out")"
  cat > "$out" <<JSON
{
  "command": "wal-cli/target/wal/bin/wal append DIR --sync manual < INPUT",
  "tool": "bash (date +%s%N around each run), alternating jwal json, jwal kryo and the reference",
  "entries": $entries,
  "dimension": $dimension,
  "inputBytes": $input_bytes,
  "runs": [$(IFS=,; echo "${json_times[*]}")],
  "medianSeconds": $json_median,
  "opsPerSecond": $ops,
  "kryo": { "command": "wal-cli/target/wal/bin/wal append DIR --sync manual --codec kryo < INPUT", "runs": [$(IFS=,; echo "${kryo_times[*]}")], "medianSeconds": $kryo_median },
  "reference": $reference_json
}
JSON
  echo "wrote $out"
fi
