#!/usr/bin/env bash
# Alternates two builds of the benchmarks jar on manual-sync appends through mapped segments (kryo framed
# 1536 and 8 floats, json lines 1536 floats), 2 forks x (2 + 5 x 1 s) each, and records the bytes the disk
# took during each run (sectors written, /sys/block/DEV/stat), into OUT_DIR/disk.txt.
#
#   bench/compare-mapped.sh BEFORE.jar AFTER.jar OUT_DIR [ROUNDS] [DEVICE]   (DEVICE: vda by default)
set -euo pipefail
before=$1 after=$2 out=$3 rounds=${4:-3} device=${5:-vda}
mkdir -p "$out"
source "$(dirname "$0")/jmh-headline.sh"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    for sel in "kryo-framed 1536" "json-lines 1536" "kryo-framed 8"; do
      set -- $sel
      s0=$(awk '{print $7}' /sys/block/$device/stat)
      jmh "$jar" "$out/$side-$round-$1-$2.json" 'AppendBenchmark.append$' -p layout=$1 -p sync=manual -p size=$2 -p mapped=true
      s1=$(awk '{print $7}' /sys/block/$device/stat)
      echo "$side $round $1 $2 disk_bytes=$(( (s1-s0)*512 ))" >> "$out/disk.txt"
    done
    echo "round $round $side done"
  done
done
# Per benchmark: the medians of each round's measurement iterations, after / before per round, and the disk's
# bytes per append, estimated as the run's disk bytes over (mean rate x 14 s: 2 forks x 7 iterations).
python3 - "$out" <<'PY'
import json, glob, os, re, statistics, sys
out = sys.argv[1]
disk = {}
for line in open(os.path.join(out, "disk.txt")):
    side, rnd, layout, size, written = line.split()
    disk[(side, rnd, layout, size)] = int(written.split("=")[1])
rows = {}
for f in sorted(glob.glob(os.path.join(out, "*-*-*-*.json"))):
    side, rnd, layout, size = re.match(r"(before|after)-(\d+)-(.+)-(\d+)\.json", os.path.basename(f)).groups()
    b = json.load(open(f))[0]
    median = statistics.median(x for fork in b["primaryMetric"]["rawData"] for x in fork)
    per_op = disk.get((side, rnd, layout, size), 0) / (b["primaryMetric"]["score"] * 14)
    rows.setdefault((layout, size), {}).setdefault(side, {})[rnd] = (median, per_op)
print("| mapped appends | before (median ops/s per round) | after | after/before per round (median) | disk bytes per append, before | after |")
print("|---|---|---|---|---|---|")
for (layout, size), v in sorted(rows.items()):
    rounds = sorted(set(v.get("before", {})) & set(v.get("after", {})))
    if not rounds:
        continue
    ratios = [v["after"][r][0] / v["before"][r][0] for r in rounds]
    fmt = lambda side, i: ", ".join(f"{v[side][r][i]:,.0f}" for r in rounds)
    print(f"| {layout}, {size} floats | {fmt('before', 0)} | {fmt('after', 0)} | "
          f"{', '.join(f'{x:.2f}' for x in ratios)} ({statistics.median(ratios):.2f}x) | {fmt('before', 1)} | {fmt('after', 1)} |")
PY
