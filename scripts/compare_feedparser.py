#!/usr/bin/env python3
"""Differential check of `feedarchiver parse` against python feedparser over a folder of feeds.

    /usr/bin/python3 scripts/compare_feedparser.py DIR [--bin build/release/feedarchiver] [--show 20]

For every file in DIR (recursively) it runs `feedarchiver parse --format json FILE` and
feedparser.parse(FILE), then compares, item by item in document order: the number of items,
titles (whitespace collapsed), links, and dates (published, else updated, to the second, UTC).
It prints the agreement per field and the first disagreements of each, for a person to judge
by looking at the feed: feedparser is often the one that is wrong (it reads '2020/1/10' as
something else, drops PM, reads BST as UTC, makes entries of nested <item/>).

Needs python3-feedparser (Debian), so the system python3 (/usr/bin/python3, not a pyenv one). Never commit the feeds it runs over: they are other
people's text; keep them in /tmp.
"""
import argparse
import calendar
import datetime
import html
import json
import os
import re
import subprocess
import sys

try:
    import feedparser
except ImportError:
    sys.exit("needs python3-feedparser: apt-get install -y python3-feedparser")

SPACE = re.compile(r"\s+")
TAG = re.compile(r"</?[A-Za-z][^<>]*>")


def squash(text):
    return SPACE.sub(" ", text or "").strip()


def as_text(title):
    """feedparser keeps markup and references in titles; we give text: compare as text."""
    return squash(html.unescape(TAG.sub("", title or "")))


def ours(binary, path):
    run = subprocess.run([binary, "parse", "--format", "json", path],
                         capture_output=True, timeout=60)
    if run.returncode < 0 or run.returncode > 2:
        return {"crash": run.returncode, "stderr": run.stderr.decode(errors="replace")}
    if run.returncode != 0:
        return {"refused": run.stderr.decode(errors="replace").strip()}
    return json.loads(run.stdout)


def our_time(text):
    if not text:
        return None
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%SZ").replace(
        tzinfo=datetime.timezone.utc)


def their_time(entry):
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            return datetime.datetime.fromtimestamp(calendar.timegm(value), datetime.timezone.utc)
    return None


def their_raw_date(entry):
    for key in ("published", "updated", "created"):
        if entry.get(key):
            return entry.get(key)
    return None


class Field:
    def __init__(self, name):
        self.name, self.agree, self.total, self.diffs = name, 0, 0, []

    def check(self, same, where):
        self.total += 1
        if same:
            self.agree += 1
        else:
            self.diffs.append(where)

    def line(self):
        share = 100.0 * self.agree / self.total if self.total else 100.0
        return "%-8s %6d / %-6d %6.1f%%" % (self.name, self.agree, self.total, share)


def compare(binary, path, fields, problems, skipped):
    with open(path, "rb") as f:
        if f.read(64).lstrip().startswith(b"{"):
            skipped.append(path)  # JSON Feed: python feedparser 6 does not read it
            return
    mine = ours(binary, path)
    theirs = feedparser.parse(path)
    name = os.path.relpath(path)
    if "crash" in mine:
        problems.append("CRASH %s: exit %s %s" % (name, mine["crash"], mine["stderr"][:200]))
        return
    their_items = theirs.entries
    if "refused" in mine:
        fields["items"].check(len(their_items) == 0,
                              "%s: refused (%s); feedparser %d items" %
                              (name, mine["refused"][:120], len(their_items)))
        return
    my_items = mine.get("items", [])
    fields["items"].check(len(my_items) == len(their_items),
                          "%s: ours %d, feedparser %d" % (name, len(my_items), len(their_items)))
    for index, (a, b) in enumerate(zip(my_items, their_items)):
        where = "%s #%d" % (name, index + 1)
        fields["titles"].check(
            squash(a.get("title")) == as_text(b.get("title")),
            "%s: ours %r | feedparser %r" % (where, squash(a.get("title"))[:80],
                                             squash(b.get("title"))[:80]))
        fields["links"].check(
            (a.get("url") or "") == (b.get("link") or ""),
            "%s: ours %r | feedparser %r" % (where, a.get("url"), b.get("link")))
        mine_date = our_time(a.get("published") or a.get("updated"))
        their_date = their_time(b)
        fields["dates"].check(
            mine_date == their_date,
            "%s: ours %s | feedparser %s (raw %r)" % (
                where, mine_date and mine_date.isoformat(), their_date and their_date.isoformat(),
                their_raw_date(b)))


def main():
    here = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder")
    parser.add_argument("--bin", default=os.path.join(here, "build/release/feedarchiver"))
    parser.add_argument("--show", type=int, default=20, help="disagreements listed per field")
    args = parser.parse_args()

    fields = {name: Field(name) for name in ("items", "titles", "links", "dates")}
    problems = []
    skipped = []
    files = sorted(os.path.join(root, f) for root, _, names in os.walk(args.folder)
                   for f in names)
    for path in files:
        compare(args.bin, path, fields, problems, skipped)
    print("%d files (%d JSON Feeds skipped: feedparser does not read them)" %
          (len(files), len(skipped)))
    for problem in problems:
        print(problem)
    for field in fields.values():
        print(field.line())
    for field in fields.values():
        if not field.diffs:
            continue
        print("\n== %s: %d disagreements" % (field.name, len(field.diffs)))
        for diff in field.diffs[:args.show]:
            print("  " + diff)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
