#!/usr/bin/env bash
# Fault benchmark (issue #16): the wall time of one CurlFetcher::fetch_all, default limits
# (90 s budget, stall below 1 KiB/s for 20 s, Retry-After slept up to 30 s), over healthy
# feeds mixed with every fault kind the issue lists, served by bench/fault_server.py. Each
# source is its own host (127.0.0.N), so --per-host does not serialize them. Prints every
# result as it completes and the total; the run must end within the budget (90 s) plus a
# little, whatever the faults.
#
#   bench/fault_bench.sh [path/to/fault_fetch]
# Env: HEALTHY (13), JOBS (8, the CLI default), DEADLINE (none), OUT (a temporary directory)
# Build fault_fetch with the benchmarks, e.g.
#   cmake -S . -B build/bench -DCMAKE_BUILD_TYPE=Release -DFEEDARCHIVER_TESTS=OFF -DFEEDARCHIVER_BENCH=ON
#   cmake --build build/bench -j2 --target fault_fetch
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=$(realpath "${1:-$ROOT/build/bench/bench/fault_fetch}")
HEALTHY=${HEALTHY:-13}
JOBS=${JOBS:-8}
OUT=${OUT:-$(mktemp -d /tmp/feedarchiver-fault-bench.XXXXXX)}
[ -x "$BIN" ] || { echo "no fault_fetch binary at $BIN" >&2; exit 1; }

FAULTS=(/stall /trickle /silent30 /503-day /429 /500 /reset /truncated /lying-length
        /gzip-bomb /endless /loop /hops/35 /huge-headers)
HOSTS=$((HEALTHY + ${#FAULTS[@]}))

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$OUT"
}
trap cleanup EXIT INT TERM
python3 "$ROOT/bench/fault_server.py" --hosts "$HOSTS" --port-file "$OUT/port" --max-seconds 600 &
SERVER_PID=$!
for _ in $(seq 600); do [ -s "$OUT/port" ] && break; sleep 0.1; done
PORT=$(cat "$OUT/port")

URLS=()
n=1
for ((i = 1; i <= HEALTHY; i++)); do URLS+=("http://127.0.0.$n:$PORT/ok/$i"); n=$((n + 1)); done
for f in "${FAULTS[@]}"; do URLS+=("http://127.0.0.$n:$PORT$f"); n=$((n + 1)); done

ARGS=(--jobs "$JOBS" --per-host 4)
[ -n "${DEADLINE:-}" ] && ARGS+=(--deadline "$DEADLINE")
echo "fault benchmark: ${#URLS[@]} sources ($HEALTHY healthy, ${#FAULTS[@]} faulty), --jobs $JOBS, default limits${DEADLINE:+, deadline ${DEADLINE} s}"
/usr/bin/time -f 'process: wall %e s, CPU %U+%S s, peak RSS %M kB' "$BIN" "${ARGS[@]}" "${URLS[@]}"
