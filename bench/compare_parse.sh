#!/usr/bin/env bash
# Parse throughput (MB/s of CPU time) on the XML part of the big corpus, ours beside the
# bench kit's floor (a bare pugixml parse-and-walk) and its fastest peer (rss-parser), run
# in turn, ROUNDS times, then the median of each column. On a shared machine the absolute
# figures swing by a third from one minute to the next: compare the ratios, and medians.
#
#   bench/compare_parse.sh        # BENCH=build/bench/bench/parse_bench (FEEDARCHIVER_BENCH=ON)
#   ROUNDS=5 bench/compare_parse.sh
#
# Needs the corpus (python3 ../shared/bench/gen_corpus.py), g++ and libpugixml-dev for the
# floor, and the kit's node peers (npm install in ../shared/bench/peers) for rss-parser,
# which is skipped without them.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kit=${KIT:-$here/../shared/bench}
BENCH=${BENCH:-$here/build/bench/bench/parse_bench}
CORPUS=${CORPUS:-$kit/out/corpus/big}
ROUNDS=${ROUNDS:-5}
[ -x "$BENCH" ] || {
  echo "no $BENCH: cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DFEEDARCHIVER_BENCH=ON -DFEEDARCHIVER_TESTS=OFF && cmake --build build/bench" >&2
  exit 1
}
[ -f "$CORPUS/manifest.tsv" ] || python3 "$kit/gen_corpus.py"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
g++ -O2 -std=c++17 -o "$work/pugixml_walk" "$kit/limit/pugixml_walk.cpp" -lpugixml
have_node=0
[ -d "$kit/peers/node_modules/rss-parser" ] && command -v node >/dev/null && have_node=1

# MB/s of CPU time from a kit peer's JSON line (bytes / parse_cpu_s).
peer_mbps() { python3 -c 'import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print("%.1f" % (d["bytes"]/d["parse_cpu_s"]/1e6))'; }

printf '%-6s %14s %14s %14s %10s %10s\n' round pugixml-walk feedarchiver rss-parser 'walk/ours' 'ours/rss'
for round in $(seq "$ROUNDS"); do
  walk=$("$work/pugixml_walk" "$CORPUS" | peer_mbps)
  ours=$(FEEDARCHIVER_CORPUS=$CORPUS "$BENCH" --benchmark_filter='BM_Pipeline' --benchmark_format=json 2>/dev/null |
    python3 -c 'import json,sys; b=json.load(sys.stdin)["benchmarks"][0]; print("%.1f" % (b["bytes_per_second"]/1e6))')
  rss=-
  if [ "$have_node" = 1 ]; then
    rss=$( (cd "$kit" && node peers/node_parse.mjs rss-parser "$CORPUS" rss2,atom,rss1) | peer_mbps)
  fi
  ratio_rss=-
  [ "$rss" != - ] && ratio_rss=$(python3 -c "print('%.1fx' % ($ours/$rss))")
  printf '%-6s %14s %14s %14s %10s %10s\n' "$round" "$walk" "$ours" "$rss" \
    "$(python3 -c "print('%.1fx' % ($walk/$ours))")" "$ratio_rss"
  echo "$walk $ours $rss" >>"$work/rounds"
done
python3 - "$work/rounds" <<'PY'
import statistics, sys
rows = [line.split() for line in open(sys.argv[1])]
def med(values):
    values = [float(v) for v in values if v != "-"]
    return statistics.median(values) if values else None
walk, ours, rss = (med(col) for col in zip(*rows))
ratio = lambda a, b: "%.1fx" % (a / b) if a and b else "-"
walk_ratios = [float(w) / float(o) for w, o, _ in rows]
rss_ratios = [float(o) / float(r) for _, o, r in rows if r != "-"]
print("%-6s %14.1f %14.1f %14s %10s %10s" % ("median", walk, ours, "%.1f" % rss if rss else "-",
      "%.1fx" % statistics.median(walk_ratios),
      "%.1fx" % statistics.median(rss_ratios) if rss_ratios else "-"))
PY
