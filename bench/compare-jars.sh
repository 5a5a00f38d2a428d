#!/usr/bin/env bash
# Alternates two builds of the benchmarks jar, back to back, and reports the ratio of their medians
# (after / before) for the benchmarks that guard the write path: every-write from 1 and 64 threads
# (kryo framed, 128 floats) and manual-sync framed appends of 1536 floats (kryo).
#
#   bench/compare-jars.sh BEFORE.jar AFTER.jar OUT_DIR [ROUNDS]
#
# Each run uses 2 forks, 2 warm-up and 5 measurement iterations of 1 s. The machine is shared and
# noisy: alternate, and quote the median and the range of the per-round ratios.
set -euo pipefail
before=$1 after=$2 out=$3 rounds=${4:-3}
mkdir -p "$out"
source "$(dirname "$0")/jmh-headline.sh"
for round in $(seq 1 "$rounds"); do
  for side in before after; do
    jar=$before; [ "$side" = after ] && jar=$after
    jmh "$jar" "$out/$side-$round-threads.json" 'AppendThreadsBenchmark.threads(01|64)$' -p layout=kryo-framed
    jmh "$jar" "$out/$side-$round-manual.json" 'AppendBenchmark.append$' -p layout=kryo-framed -p sync=manual -p size=1536
    echo "round $round $side done"
  done
done
python3 - "$out" "$rounds" <<'PY'
import json, statistics, sys, glob, os
out, rounds = sys.argv[1], int(sys.argv[2])
scores = {}
for side in ("before", "after"):
    for r in range(1, rounds + 1):
        for f in glob.glob(os.path.join(out, f"{side}-{r}-*.json")):
            for b in json.load(open(f)):
                name = b["benchmark"].split(".")[-2] + "." + b["benchmark"].split(".")[-1]
                params = b.get("params", {})
                if "sync" in params:
                    name += f" ({params['sync']}, {params.get('size', '?')} floats)"
                scores.setdefault(name, {}).setdefault(side, []).append(b["primaryMetric"]["score"])
lines = ["| benchmark | before (median ops/s) | after (median ops/s) | after/before of medians | per-round ratios |",
         "|---|---|---|---|---|"]
for name, s in sorted(scores.items()):
    b, a = s.get("before", []), s.get("after", [])
    if not b or not a:
        continue
    ratios = [x / y for x, y in zip(a, b)]
    lines.append(f"| {name} | {statistics.median(b):,.0f} | {statistics.median(a):,.0f} | "
                 f"{statistics.median(a) / statistics.median(b):.2f}x | {', '.join(f'{r:.2f}' for r in ratios)} |")
report = "\n".join(lines)
open(os.path.join(out, "summary.md"), "w").write(report + "\n")
print(report)
PY
