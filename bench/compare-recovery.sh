#!/usr/bin/env bash
# Alternates two builds of the benchmarks jar, back to back, on RecoveryBenchmark.recover (every layout,
# 128 floats, a 96 MiB log read from the page cache), and reports per layout the median MB/s of each side,
# the ratio of the medians (after / before), the per-round ratios, and the CPU time each whole-log recovery
# took (JMH's perfnorm profiler with the task-clock event: all of the benchmark JVM's threads, so decoding
# on a second thread counts too). The CPU time is the figure to read on a loaded machine, where wall-clock
# throughput swings with what else runs.
#
#   bench/compare-recovery.sh BEFORE.jar AFTER.jar OUT_DIR [ROUNDS]
#
# Each run uses 2 forks, 2 warm-up and 5 measurement iterations of 1 s.
set -euo pipefail
before=$1 after=$2 out=$3 rounds=${4:-2}
mkdir -p "$out"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    java -Djmh.ignoreLock=true -jar "$jar" 'RecoveryBenchmark.recover$' -f 2 -wi 2 -i 5 -w 1s -r 1s \
      -prof 'perfnorm:events=task-clock' -rf json -rff "$out/$side-$round.json" > "$out/$side-$round.log" 2>&1
    echo "round $round $side done"
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, os
out, rounds = sys.argv[1], int(sys.argv[2])
mbs, cpu = {}, {}
for side in ("before", "after"):
    for r in range(1, rounds + 1):
        for b in json.load(open(os.path.join(out, f"{side}-{r}.json"))):
            layout = b["params"]["layout"]
            mbs.setdefault(layout, {}).setdefault(side, []).append(b["secondaryMetrics"]["bytes"]["score"] / 1e6)
            clock = b["secondaryMetrics"].get("task-clock")
            if clock:
                cpu.setdefault(layout, {}).setdefault(side, []).append(clock["score"])
lines = ["| layout | before (median MB/s) | after (median MB/s) | after/before | per-round ratios "
         "| CPU ms per recovery, before -> after (median) | CPU ratio (before/after) |",
         "|---|---|---|---|---|---|---|"]
for layout in sorted(mbs):
    b, a = mbs[layout]["before"], mbs[layout]["after"]
    ratios = ", ".join(f"{x / y:.2f}" for x, y in zip(a, b))
    c = cpu.get(layout, {})
    cb, ca = c.get("before"), c.get("after")
    cpu_text = f"{statistics.median(cb):,.0f} -> {statistics.median(ca):,.0f}" if cb and ca else "n/a"
    cpu_ratio = f"{statistics.median(cb) / statistics.median(ca):.2f}x" if cb and ca else "n/a"
    lines.append(f"| {layout} | {statistics.median(b):,.0f} | {statistics.median(a):,.0f} | "
                 f"{statistics.median(a) / statistics.median(b):.2f}x | {ratios} | {cpu_text} | {cpu_ratio} |")
report = "\n".join(lines)
open(os.path.join(out, "table.md"), "w").write(report + "\n")
print(report)
PY
