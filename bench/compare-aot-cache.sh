#!/usr/bin/env bash
# `wal append` on a newer JDK with an AOT cache, against the package as it ships: how much of the gap to the
# reference is the JVM's start and warm-up. JDK 24 and later can keep, in an AOT cache, the classes a training
# run loaded and linked, and (JDK 25) the method profiles it gathered; Java 17, the project's runtime, keeps
# only the loaded classes (the package's lib/wal.jsa). Neither keeps compiled code.
#
# Trains a cache with JDK on a 20,000-entry input (bin/wal with WAL_OPTS=-XX:AOTCacheOutput=...), then runs
# bench/append-cli.sh once per configuration per round, alternating: the launcher on the default java with the
# package's archive, on JDK without a cache, and on JDK with the cache (WAL_OPTS=-XX:AOTCache=..., which the
# launcher passes in place of its archive). Each of those runs times jwal json, jwal kryo and the reference on
# the same 100,000-entry input. Writes one JSON per run and summary.md (medians, ratios to the reference) to OUT.
#
# Usage: bench/compare-aot-cache.sh JDK_HOME OUT_DIR [ROUNDS]   (ROUNDS default 5)
set -euo pipefail
cd "$(dirname "$0")/.."

if [[ $# -lt 2 ]]; then
  echo "usage: bench/compare-aot-cache.sh JDK_HOME OUT_DIR [ROUNDS]" >&2
  exit 2
fi
jdk=$1
out=$2
rounds=${3:-5}
if ! "$jdk/bin/java" -XX:AOTMode=off -version > /dev/null 2>&1; then
  echo "$jdk/bin/java does not take -XX:AOTMode: an AOT cache needs JDK 24 or later" >&2
  exit 2
fi

wal=wal-cli/target/wal/bin/wal
if [[ ! -x "$wal" || ! -f wal-bench/target/benchmarks.jar ]]; then
  mvn -B -q -DskipTests package -pl wal-cli,wal-bench -am
fi
work=wal-bench/target/aot-cache
cache="$PWD/$work/wal.aot"
rm -rf "$work"
mkdir -p "$work" "$out"
java -cp wal-bench/target/benchmarks.jar dev.jwal.bench.cli.GenerateEntries 20000 128 "$work/training.jsonl"
JAVA_HOME=$jdk WAL_OPTS="-XX:AOTCacheOutput=$cache" "$wal" append "$work/training-log" --sync manual \
  < "$work/training.jsonl" > "$work/training.out" 2>&1
[[ -f "$cache" ]] || { echo "no AOT cache was written; see $work/training.out" >&2; exit 1; }
jdk_version=$("$jdk/bin/java" -version 2>&1 | head -1)
default_version=$(java -version 2>&1 | head -1)

configurations=(package-archive jdk jdk-aot-cache)
for ((round = 1; round <= rounds; round++)); do
  for configuration in "${configurations[@]}"; do
    file="$out/round-$round-$configuration.json"
    case $configuration in
      package-archive) bench/append-cli.sh --runs 1 --out "$file" ;;
      jdk) JAVA_HOME=$jdk bench/append-cli.sh --runs 1 --out "$file" ;;
      jdk-aot-cache) JAVA_HOME=$jdk WAL_OPTS="-XX:AOTCache=$cache" bench/append-cli.sh --runs 1 --out "$file" ;;
    esac > /dev/null
    echo "round $round, $configuration: $(jq -r '"json \(.medianSeconds) s, kryo \(.kryo.medianSeconds) s, reference \(.reference.medianSeconds) s"' "$file")"
  done
done

{
  echo "# \`wal append\`, 100,000 x 128 floats: the package's archive against a JDK 24+ AOT cache"
  echo
  echo "$rounds alternating rounds of \`bench/compare-aot-cache.sh\`; each cell is the median over the rounds, and"
  echo "the ratio is each run's time over the reference's time in the same run (median of those ratios)."
  echo "Default java: $default_version. JDK: $jdk_version. The cache was trained on 20,000 entries of the same shape."
  echo
  echo "| configuration | json | kryo | reference | json / reference | kryo / reference |"
  echo "|---|---|---|---|---|---|"
  for configuration in "${configurations[@]}"; do
    jq -rs --arg name "$configuration" '
      def median: sort | if length % 2 == 1 then .[length / 2 | floor] else (.[length / 2 - 1] + .[length / 2]) / 2 end;
      def r2: (. * 100 | round) / 100;
      "| \($name) | \(map(.medianSeconds) | median) s | \(map(.kryo.medianSeconds) | median) s | \(map(.reference.medianSeconds) | median) s | \(map(.medianSeconds / .reference.medianSeconds) | median | r2)x | \(map(.kryo.medianSeconds / .reference.medianSeconds) | median | r2)x |"
    ' "$out"/round-*-"$configuration".json
  done
} > "$out/summary.md"
cat "$out/summary.md"
