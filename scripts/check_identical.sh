#!/usr/bin/env bash
# Output of one binary over the big bench corpus, the conformance kit and the extract-eval
# pages, as files to compare with another binary's: the habit that keeps a refactor honest.
#
#   scripts/check_identical.sh OUTDIR [BIN]     # BIN: build/release/feedarchiver
#   diff -r OUTDIR_BEFORE OUTDIR_AFTER          # nothing printed: byte-identical
#
# Writes OUTDIR/{parse.jsonl,posts.sha,archive.out,run.sha,run.out,conformance.txt,
# extract.jsonl}. The corpus: $CORPUS/{big,small}
# (the kit's, generated when missing). Time stamps and timings are fixed (--now) or removed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
kit=${KIT:-$here/../shared}
out=${1:?usage: $0 OUTDIR [BIN]}
BIN=$(realpath "${2:-$here/build/release/feedarchiver}")
CORPUS=${CORPUS:-$kit/bench/out/corpus}
NOW=2026-01-01T00:00:00Z
mkdir -p "$out"
[ -d "$CORPUS/big" ] || python3 "$kit/bench/gen_corpus.py" --preset both >/dev/null
work=$(mktemp -d)
server=
trap '[ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"' EXIT

# 1. parse and archive over the big corpus.
(cd "$CORPUS/big" && "$BIN" parse --format jsonl feed-*) >"$out/parse.jsonl" 2>"$out/parse.err" || true
(cd "$CORPUS/big" && "$BIN" archive --now "$NOW" feed-* -o "$work/site") >"$work/archive.out" \
  2>"$out/archive.err" || true
# Sorted: the order of the paths is not what is compared here (tests/archive checks it).
sed "s|$work/||" "$work/archive.out" | sort >"$out/archive.out"
(cd "$work/site/_posts" && find . -type f | sort | xargs sha256sum) >"$out/posts.sha"

# 2. run over the small corpus from the kit's loopback server: first run, then all 304.
python3 "$kit/bench/feed_server.py" --root "$CORPUS/small" --port 0 --port-file "$work/port" \
  --max-seconds 600 >/dev/null 2>&1 &
server=$!
for _ in $(seq 100); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
python3 - "$CORPUS/small" "$port" >"$work/feeds.json" <<'PY'
import json, os, sys
root, port = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(root) if f.startswith("feed-"))
print(json.dumps({"feeds": [{"url": f"http://127.0.0.1:{port}/{f}"} for f in files]}))
PY
for round in 1 2; do
  "$BIN" run --now "$NOW" -c "$work/feeds.json" -o "$work/run" 2>>"$work/run.err" |
    sed "s|$work/||" >>"$work/run.out" || true
done
sort "$work/run.out" >"$out/run.out"
sed "s|127.0.0.1:$port|127.0.0.1:PORT|g; s|$work/||g" "$work/run.err" >"$out/run.err"
(cd "$work/run/_posts" && find . -type f | sort | xargs sed "s|127.0.0.1:$port|127.0.0.1:PORT|g" |
  sha256sum) >"$out/run.sha"

# 3. the conformance kit's documents, each parsed alone.
(cd "$kit/conformance/data/feedparser" && find . -type f \( -name '*.xml' -o -name '*.json' \
  -o -name '*.rdf' -o -name '*.atom' \) | sort) >"$work/conformance.list"
while read -r file; do
  printf '== %s\n' "$file"
  "$BIN" parse --format json "$kit/conformance/data/feedparser/$file" 2>&1 || echo "exit $?"
done <"$work/conformance.list" >"$out/conformance.txt"

# 4. the extract-eval pages, in one --batch process.
python3 - "$kit/extract-eval" >"$work/pages.tsv" <<'PY'
import json, os, sys
root = sys.argv[1]
gt = json.load(open(os.path.join(root, "data/aeb/ground-truth.json"), encoding="utf-8"))
for pid in sorted(gt):
    print(f"{root}/data/aeb/html/{pid}.html\t{gt[pid].get('url') or ''}")
base = os.path.join(root, "data/readability")
for name in sorted(os.listdir(base)):
    if os.path.isdir(os.path.join(base, name)):
        print(f"{base}/{name}/source.html\thttp://fakehost/test/page.html")
PY
"$BIN" extract --batch "$work/pages.tsv" 2>/dev/null |
  python3 -c 'import json,sys
for line in sys.stdin:
    o = json.loads(line); o.pop("_ms", None); o.pop("_cpu_ms", None)
    print(json.dumps(o, ensure_ascii=False, sort_keys=True))' >"$out/extract.jsonl"
wc -l "$out"/parse.jsonl "$out"/posts.sha "$out"/run.out "$out"/conformance.txt "$out"/extract.jsonl |
  sed 's|^|  |'
