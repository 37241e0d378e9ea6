#!/usr/bin/env bash
# Fetch benchmark: `feedarchiver archive URL... --jobs 32 --per-host 32` against
# `curl --parallel --parallel-max 32` (the transfer floor: fetch only, no parse, no write),
# side by side in one run, N feeds from the kit's feed_server.py on 127.0.0.1 with
# LATENCY_MS added per request. Rows per round: curl; archive cold (every post written);
# archive again (every feed answers 304). Wall and peak RSS from /usr/bin/time.
#
#   bench/fetch_bench.sh [path/to/feedarchiver]
# Env: N (500), LATENCY_MS (50), PARALLEL (32), ROUNDS (3), KIT (../shared/bench),
#      OUT (a temporary directory, removed at the end unless KEEP=1)
# A release build is expected, e.g.
#   cmake -S . -B build/h-fetch-rel -DCMAKE_BUILD_TYPE=Release -DFEEDARCHIVER_TESTS=OFF
#   cmake --build build/h-fetch-rel -j2
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/h-fetch-rel/feedarchiver}")
KIT=$(realpath "${KIT:-$ROOT/../shared/bench}")
N=${N:-500}
LAT=${LATENCY_MS:-50}
PAR=${PARALLEL:-32}
ROUNDS=${ROUNDS:-3}
OUT=${OUT:-$(mktemp -d /tmp/feedarchiver-fetch-bench.XXXXXX)}
CORPUS=$KIT/out/corpus/big

[ -x "$BIN" ] || { echo "no feedarchiver binary at $BIN" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (Debian package: time)" >&2; exit 1; }
[ -f "$CORPUS/manifest.tsv" ] || (cd "$KIT" && python3 gen_corpus.py)
mkdir -p "$OUT"

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  [ "${KEEP:-0}" = 1 ] || rm -rf "$OUT"
}
trap cleanup EXIT INT TERM

python3 "$KIT/feed_server.py" --root "$CORPUS" --latency-ms "$LAT" --port-file "$OUT/port" \
  --max-seconds 1800 2>"$OUT/server.log" &
SERVER_PID=$!
for _ in $(seq 300); do [ -s "$OUT/port" ] && break; sleep 0.2; done
BASE="http://127.0.0.1:$(cat "$OUT/port")"

# The first N XML feeds, as the kit's fetch_peers.sh takes them.
awk -F'\t' -v n="$N" -v b="$BASE" 'NR > 1 && $2 != "json" && c < n { print b "/" $1; c++ }' \
  "$CORPUS/manifest.tsv" >"$OUT/urls.txt"
EXPECT_ITEMS=$(awk -F'\t' -v n="$N" 'NR > 1 && $2 != "json" && c < n { s += $4; c++ } END { print s }' "$CORPUS/manifest.tsv")
awk '{ printf "url = \"%s\"\noutput = \"/dev/null\"\n", $0 }' "$OUT/urls.txt" >"$OUT/curl.cfg"
mapfile -t URLS <"$OUT/urls.txt"

# measure NAME ROUND COMMAND...: one line "name round wall_s rss_kb cpu_s 200s 304s max_active"
measure() {
  local name=$1 round=$2
  shift 2
  curl -s "$BASE/_reset" >/dev/null
  /usr/bin/time -f '%e %M %U %S' -o "$OUT/time.tmp" "$@" >"$OUT/stdout.tmp" 2>"$OUT/stderr.tmp" ||
    echo "  $name: exit $? ($(tail -1 "$OUT/stderr.tmp"))" >&2
  local wall rss u s stats
  read -r wall rss u s <<<"$(tail -1 "$OUT/time.tmp")"
  stats=$(curl -s "$BASE/_stats" | python3 -c \
    'import json,sys; s=json.load(sys.stdin); print(s.get("200",0), s.get("304",0), s.get("max_active",0))')
  printf '%s\t%d\t%s\t%s\t%s\t%s\n' "$name" "$round" "$wall" "$rss" \
    "$(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }')" "$stats" >>"$OUT/runs.tsv"
  echo "  r$round $name: wall ${wall}s, rss ${rss} kB, server 200/304/max-active: $stats" >&2
}

: >"$OUT/runs.tsv"
curl -sS --compressed --parallel --parallel-max "$PAR" -K "$OUT/curl.cfg" >/dev/null 2>&1 || true  # warm-up
for ((r = 1; r <= ROUNDS; r++)); do
  measure curl "$r" curl -sS --compressed --parallel --parallel-max "$PAR" -K "$OUT/curl.cfg"
  # A new directory per round, removed only at the end: right after a mass deletion ext4's
  # inode allocator skips the freed inodes for a minute or more (recently_deleted), which
  # tripled the next cold run's system time here. A cron job never starts that way.
  site="$OUT/site-$r"
  measure cold "$r" "$BIN" archive -q "${URLS[@]}" -o "$site" --jobs "$PAR" --per-host "$PAR"
  posts=$(find "$site/_posts" -name '*.md' | wc -l)
  echo "  r$r cold: $posts posts written (feeds hold $EXPECT_ITEMS items)" >&2
  measure unchanged "$r" "$BIN" archive -q "${URLS[@]}" -o "$site" --jobs "$PAR" --per-host "$PAR"
done

python3 - "$OUT/runs.tsv" "$N" "$LAT" "$PAR" <<'EOF'
import statistics, sys
from collections import defaultdict
path, n, lat, par = sys.argv[1:]
runs = defaultdict(dict)
for line in open(path):
    name, rnd, wall, rss, cpu, ok, nm, active = line.split()
    runs[int(rnd)][name] = dict(wall=float(wall), rss=int(rss), cpu=float(cpu), ok=ok, nm=nm,
                                active=active.strip())
print(f"\nfetch benchmark: {n} feeds, {lat} ms/request, --jobs {par} --per-host {par} "
      f"vs curl --parallel-max {par}; medians of {len(runs)} round(s), ratio per round")
print(f"| run | wall s | vs curl | target | CPU s | peak RSS MiB | server 200/304, max conc. |")
print("| --- | --- | --- | --- | --- | --- | --- |")
targets = {"curl": "", "cold": "<= 2.0x", "unchanged": "<= 1.5x"}
labels = {"curl": f"curl --parallel-max {par} (fetch only)",
          "cold": "feedarchiver archive, cold (fetch, parse, write)",
          "unchanged": "feedarchiver archive, again (all 304)"}
for name in ("curl", "cold", "unchanged"):
    rows = [r[name] for r in runs.values() if name in r]
    if not rows:
        continue
    med = lambda key: statistics.median(row[key] for row in rows)
    ratio = statistics.median(r[name]["wall"] / r["curl"]["wall"] for r in runs.values()
                              if name in r and "curl" in r)
    last = rows[-1]
    print(f"| {labels[name]} | {med('wall'):.2f} | {ratio:.2f}x | {targets[name]} | "
          f"{med('cpu'):.2f} | {med('rss') / 1024:.1f} | {last['ok']}/{last['nm']}, {last['active']} |")
EOF
