#!/usr/bin/env bash
# Runs a GoogleTest binary as SHARDS processes in parallel (GTEST_TOTAL_SHARDS), one process
# per shard rather than one per test as ctest does: under ASan a process start costs more
# than most of our tests. Prints each shard's summary, the whole log of a failing shard, and
# exits 1 when any shard failed.
#   scripts/run-test-shards.sh BINARY [SHARDS]      (default: one per core)
set -uo pipefail
binary=${1:?usage: scripts/run-test-shards.sh BINARY [SHARDS]}
shards=${2:-$(nproc)}
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT

pids=()
for ((i = 0; i < shards; i++)); do
  GTEST_TOTAL_SHARDS=$shards GTEST_SHARD_INDEX=$i "$binary" --gtest_brief=1 >"$logs/$i.log" 2>&1 &
  pids+=($!)
done
status=0
for ((i = 0; i < shards; i++)); do
  if wait "${pids[$i]}"; then
    echo "shard $((i + 1))/$shards: $(grep -E '^\[  PASSED  \]' "$logs/$i.log" | head -1)"
  else
    status=1
    echo "shard $((i + 1))/$shards FAILED:"
    cat "$logs/$i.log"
  fi
done
exit $status
