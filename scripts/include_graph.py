#!/usr/bin/env python3
"""Counts the includes between the library's folders and the ones that run against the
layering of ARCHITECTURE.md ("who calls whom"): a folder may include only folders of a lower
rank (and the bottom helpers). Prints the edge counts and each backward include; exits 1
when there is one (a ctest runs it: Layers.NoFolderIncludesOneAboveIt).

    scripts/include_graph.py            # from the repository root
    scripts/include_graph.py --edges    # also every folder-to-folder edge with its count
"""
import collections
import pathlib
import re
import sys

# Lower rank = nearer the bottom. A folder includes only folders of a strictly lower rank.
RANK = {
    "": 0,          # include/feedarchiver/*.hpp: model, error, ascii, utf8, dates, url, ...
    "config": 1,    # design.md's order, bottom up: config fetch decode parse normalize extract
    "fetch": 2,
    "decode": 3,
    "parse": 4,
    "normalize": 5,
    "extract": 6,
    "state": 7, "write": 7,
    "archive": 8, "site": 8,   # site (init) quotes the title with write's yaml_scalar
    "cli": 9,
}
INCLUDE = re.compile(r'#include\s+"feedarchiver/(?:([a-z_]+)/)?[^"]+"')


def folder_of(path: pathlib.Path, root: pathlib.Path) -> str:
    rel = path.relative_to(root)
    parts = rel.parts
    # include/feedarchiver/<folder>/x.hpp, src/<folder>/x.cpp, src/x.cpp
    if parts[0] == "include":
        parts = parts[2:]
    else:
        parts = parts[1:]
    return parts[0] if len(parts) > 1 else ""


def main() -> int:
    root = pathlib.Path(__file__).resolve().parent.parent
    files = [p for p in (root / "include").rglob("*.hpp")] + [p for p in (root / "src").rglob("*.cpp")]
    edges = collections.Counter()
    backward = []
    for path in sorted(files):
        if path.name == "main.cpp":
            continue
        source = folder_of(path, root)
        for line in path.read_text(encoding="utf-8").splitlines():
            m = INCLUDE.match(line.strip())
            if not m:
                continue
            target = m.group(1) or ""
            if target == source:
                continue
            edges[(source, target)] += 1
            if RANK.get(target, 99) >= RANK.get(source, 99):
                backward.append((str(path.relative_to(root)), source, target, line.strip()))
    if "--edges" in sys.argv:
        for (source, target), count in sorted(edges.items()):
            print(f"{source or '(bottom)':>10} -> {target or '(bottom)':<10} {count}")
    for path, source, target, line in backward:
        print(f"backward: {source or '(bottom)'} -> {target or '(bottom)'}: {path}: {line}")
    pairs = {(s, t) for _, s, t, _ in backward}
    print(f"{len(backward)} backward include(s) over {len(pairs)} folder pair(s); "
          f"{sum(edges.values())} cross-folder includes in all")
    unranked = sorted({f for pair in edges for f in pair if f not in RANK})
    for folder in unranked:
        print(f"unranked folder: {folder} (give it a place in RANK and in ARCHITECTURE.md)")
    return 1 if backward or unranked else 0


if __name__ == "__main__":
    sys.exit(main())
