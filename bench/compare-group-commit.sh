#!/usr/bin/env bash
# Alternates two builds of the benchmarks jar on the group commit targets: every-write appends from 4, 16
# and 64 threads (kryo framed, 128 floats, AppendThreadsBenchmark) by each build, then the raw single-writer
# group commit (RawGroupCommitBenchmark, the baseline, from AFTER.jar) at the same thread counts, each
# round. Reports per round and thread count log/raw for both builds and after/before, and the medians.
#
#   bench/compare-group-commit.sh BEFORE.jar AFTER.jar OUT_DIR [ROUNDS]
#
# Each run uses 2 forks, 2 warm-up and 5 measurement iterations of 1 s (about 3.5 minutes a round).
set -euo pipefail
before=$1 after=$2 out=$3 rounds=${4:-3}
mkdir -p "$out"
source "$(dirname "$0")/jmh-headline.sh"
for round in $(seq 1 "$rounds"); do
  jmh "$before" "$out/before-$round.json" 'AppendThreadsBenchmark.threads(04|16|64)$' -p layout=kryo-framed
  jmh "$after" "$out/after-$round.json" 'AppendThreadsBenchmark.threads(04|16|64)$' -p layout=kryo-framed
  jmh "$after" "$out/raw-$round.json" 'RawGroupCommitBenchmark.threads(04|16|64)$' -p layout=kryo-framed
  echo "round $round done"
done
python3 - "$out" "$rounds" <<'PY'
import json, os, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])
def scores(side, r):
    return {b["benchmark"].rsplit(".", 1)[1]: b["primaryMetric"]["score"]
            for b in json.load(open(os.path.join(out, f"{side}-{r}.json")))}
lines = ["| round | threads | before | after | raw | before/raw | after/raw | after/before |",
         "|---|---|---:|---:|---:|---:|---:|---:|"]
ratios = {}
for r in range(1, rounds + 1):
    b, a, raw = scores("before", r), scores("after", r), scores("raw", r)
    for t in sorted(a):
        row = (b[t] / raw[t], a[t] / raw[t], a[t] / b[t])
        for name, value in zip(("before/raw", "after/raw", "after/before"), row):
            ratios.setdefault((t, name), []).append(value)
        lines.append(f"| {r} | {t[-2:]} | {b[t]:,.0f} | {a[t]:,.0f} | {raw[t]:,.0f} | "
                     + " | ".join(f"{x:.2f}x" for x in row) + " |")
lines += ["", "| threads | before/raw median (range) | after/raw median (range) | after/before median (range) |",
          "|---|---|---|---|"]
for t in sorted({t for t, _ in ratios}):
    cells = []
    for name in ("before/raw", "after/raw", "after/before"):
        v = ratios[(t, name)]
        cells.append(f"{statistics.median(v):.2f}x ({min(v):.2f}-{max(v):.2f})")
    lines.append(f"| {t[-2:]} | " + " | ".join(cells) + " |")
report = "\n".join(lines)
open(os.path.join(out, "summary.md"), "w").write(report + "\n")
print(report)
PY
