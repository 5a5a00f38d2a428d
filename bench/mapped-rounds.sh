#!/usr/bin/env bash
# Target 4 of issue 15 (manual appends without a syscall each): alternates, in each round, the raw
# unsynced write loop (RawWriteBenchmark.write) and manual-sync kryo framed appends written and mapped
# (AppendBenchmark.append, mapped=false,true), 8 and 1536 floats; prints medians over the rounds and
# the per-round ratios to the raw loop.
#
#   bench/mapped-rounds.sh OUT_DIR [ROUNDS] [JAR]
#
# Each run uses 2 forks, 2 warm-up and 5 measurement iterations of 1 s.
set -euo pipefail
out=$1 rounds=${2:-3} jar=${3:-wal-bench/target/benchmarks.jar}
mkdir -p "$out"
jmh() {
  java -jar "$jar" -f 2 -wi 2 -i 5 -w 1s -r 1s -rf json -rff "$1" "${@:2}" > "$1.log" 2>&1
}
for round in $(seq 1 "$rounds"); do
  jmh "$out/raw-$round.json" 'RawWriteBenchmark.write$' -p layout=kryo-framed -p size=8,1536
  jmh "$out/log-$round.json" 'AppendBenchmark.append$' -p layout=kryo-framed -p sync=manual -p size=8,1536 \
      -p mapped=false,true
  echo "round $round done"
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
rows = {}
for r in range(1, rounds + 1):
    for kind in ("raw", "log"):
        for b in json.load(open(os.path.join(out, f"{kind}-{r}.json"))):
            p = b.get("params", {})
            name = ("raw write" if kind == "raw" else "append, " + ("mapped" if p["mapped"] == "true" else "written"))
            rows.setdefault((p["size"], name), []).append(b["primaryMetric"]["score"])
lines = ["| floats | benchmark | median ops/s | range | median of per-round ratios to raw write | per-round ratios |",
         "|---|---|---:|---:|---:|---|"]
for (size, name), scores in sorted(rows.items(), key=lambda kv: (int(kv[0][0]), kv[0][1])):
    raw = rows[(size, "raw write")]
    ratios = [s / b for s, b in zip(scores, raw)]
    lines.append(f"| {size} | {name} | {statistics.median(scores):,.0f} | {min(scores):,.0f}-{max(scores):,.0f} | "
                 f"{statistics.median(ratios):.2f}x | {', '.join(f'{x:.2f}' for x in ratios)} |")
report = "\n".join(lines)
open(os.path.join(out, "table.md"), "w").write(report + "\n")
print(report)
PY
