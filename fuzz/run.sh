#!/usr/bin/env bash
# Runs libFuzzer targets for SECONDS each, PARALLEL at a time, at a low priority:
#   fuzz/run.sh BUILD_DIR SECONDS [TARGET...]      (default: every target; make fuzz)
# Seeds: our fixtures (tests/data), fuzz/seeds/<target>, and every saved finding. The corpus
# grows in BUILD_DIR/corpus/<target>, findings land in BUILD_DIR/artifacts/<target>/, logs in
# BUILD_DIR/logs/<target>.log. Prints per target the executions and the findings; exits 1
# when any target found something (copy it to tests/data/fuzz_regressions/<target>/).
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
seconds=${2:?usage: fuzz/run.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(decode parse_feed extract parse_date url sanitize post slug)
parallel=${FUZZ_PARALLEL:-2}

seeds_of() {
  case "$1" in
    decode) echo tests/data/feeds tests/data/pages ;;
    parse_feed) echo tests/data/feeds ;;
    extract) echo tests/data/pages ;;
    sanitize) echo tests/data/pages tests/data/feeds ;;
    *) echo "fuzz/seeds/$1" ;;
  esac
}
dict_of() {
  case "$1" in
    extract | sanitize) echo fuzz/dict/html.dict ;;
    post | slug) echo fuzz/dict/post.dict ;;
    *) echo "fuzz/dict/$1.dict" ;;
  esac
}

run_one() {
  local t=$1
  mkdir -p "$build/corpus/$t" "$build/artifacts/$t" "$build/logs"
  local dirs=("$build/corpus/$t")
  for d in $(seeds_of "$t") "tests/data/fuzz_regressions/$t"; do [ -d "$d" ] && dirs+=("$d"); done
  nice -n 10 "$build/fuzz/${t}_fuzz" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -dict="$(dict_of "$t")" -artifact_prefix="$build/artifacts/$t/" \
    "${dirs[@]}" >"$build/logs/$t.log" 2>&1 || true
}
mkdir -p "$build"
stamp="$build/.fuzz-run-start"
touch "$stamp"
export -f run_one seeds_of dict_of
export build seconds

printf '%s\n' "${targets[@]}" | xargs -P "$parallel" -I{} bash -c 'run_one {}'

status=0
printf '%-12s %14s %s\n' target executions findings
for t in "${targets[@]}"; do
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$build/logs/$t.log" | grep -o '[0-9]*$' || echo '?')
  found=$(find "$build/artifacts/$t" -type f -newer "$stamp" | wc -l)  # this run's only
  [ "$found" -eq 0 ] || status=1
  printf '%-12s %14s %s\n' "$t" "$runs" "$found"
done
exit $status
