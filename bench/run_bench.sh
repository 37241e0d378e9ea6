#!/usr/bin/env bash
# `run` over 1,000 feeds x 50 items served from 127.0.0.1 (no added latency) by the shared
# bench kit's feed_server.py: first run, all-304 rerun, and a rerun where every feed answers
# 200 (validators dropped from the state, as a server that ignores them would), plus the time
# `parse` alone takes over the same files. Prints wall time and peak RSS of each.
#
#   bench/run_bench.sh                    # BIN=build/h-state-release/feedarchiver by default
#   BIN=build/release/feedarchiver CORPUS=/path/to/corpus bench/run_bench.sh
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kit=${KIT:-$here/../shared/bench}
BIN=${BIN:-$here/build/h-state-release/feedarchiver}
CORPUS=${CORPUS:-$kit/out/corpus/big}
JOBS=${JOBS:-32}  # one host (127.0.0.1): --per-host is the real limit
[ -x "$BIN" ] || { echo "no binary at $BIN (cmake -B build/h-state-release -DCMAKE_BUILD_TYPE=Release)" >&2; exit 1; }
[ -d "$CORPUS" ] || python3 "$kit/gen_corpus.py" --preset big

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
python3 "$kit/feed_server.py" --root "$CORPUS" --port 0 --port-file "$work/port" \
  --max-seconds 1800 --stats-file "$work/stats.json" >"$work/server.log" 2>&1 &
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")

python3 - "$CORPUS" "$port" >"$work/feeds.json" <<'PY'
import json, os, sys
root, port = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(root) if f.startswith("feed-"))
print(json.dumps({"feeds": [{"url": f"http://127.0.0.1:{port}/{f}"} for f in files]}))
PY
nfeeds=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['feeds']))" "$work/feeds.json")

measure() {  # label, command...
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/time" "$@" >"$work/out" 2>"$work/err" || true
  read -r wall rss <"$work/time"
  printf '%-34s wall %6.2f s   peak RSS %6.1f MiB   stdout lines %s\n' \
    "$label" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(wc -l <"$work/out")"
}
site=$work/site
echo "feedarchiver run: $nfeeds feeds from $CORPUS, 127.0.0.1:$port, --jobs=--per-host=$JOBS, $(nproc) cores"
measure "first run" "$BIN" run -q -j "$JOBS" --per-host "$JOBS" -c "$work/feeds.json" -o "$site"
echo "  posts: $(ls "$site/_posts" | wc -l); state: $(du -h "$site/.feedarchiver/state.db" | cut -f1)"
measure "second run (all 304)" "$BIN" run -q -j "$JOBS" --per-host "$JOBS" -c "$work/feeds.json" -o "$site"
before=$(find "$site/_posts" -type f -printf '%P %s %T@\n' | sort | md5sum)
python3 - "$site/.feedarchiver/state.db" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1]); db.execute("UPDATE feeds SET etag = NULL, last_modified = NULL"); db.commit()
PY
measure "third run (all 200, same items)" "$BIN" run -q -j "$JOBS" --per-host "$JOBS" -c "$work/feeds.json" -o "$site"
after=$(find "$site/_posts" -type f -printf '%P %s %T@\n' | sort | md5sum)
[ "$before" = "$after" ] && echo "  posts unchanged (names, sizes, mtimes)" || echo "  POSTS CHANGED"
measure "parse alone (same files, jsonl)" "$BIN" parse --format jsonl "$CORPUS"/feed-*
curl -s "http://127.0.0.1:$port/_stats" | python3 -c 'import json,sys; s=json.load(sys.stdin); print("  server:", {k: s[k] for k in s if k in ("status","not_modified","requests","max_concurrency")})' 2>/dev/null || true
