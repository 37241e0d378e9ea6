#!/usr/bin/env python3
"""CPU of one `extract` process per page, start-up included (issue 19: <= 30 ms per page).

Runs `BIN extract --format json FILE --url URL` once per page per round over the extract-eval
kit's pages and prints, per set, the mean and median over pages of each page's median CPU
(user+sys of the child, as score.py counts it), split into user and sys, the page faults, and
the same for `BIN --version` (start-up alone). Several rounds and medians because the machine
is shared: other load inflates CPU time too (cache misses, a virtual machine's page faults).

  bench/extract_cpu.py                          # build/release/feedarchiver, aeb, 3 rounds
  bench/extract_cpu.py --sets aeb,readability --rounds 5 --bin OTHER/feedarchiver
"""
import argparse
import os
import resource
import statistics
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def child_usage():
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime * 1000.0, ru.ru_stime * 1000.0, ru.ru_minflt


def run(argv):
    """-> (user ms, sys ms, minor faults) of one child process."""
    u0, s0, f0 = child_usage()
    done = subprocess.run(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    u1, s1, f1 = child_usage()
    if done.returncode != 0:
        sys.exit("exit %d: %s" % (done.returncode, " ".join(argv)))
    return u1 - u0, s1 - s0, f1 - f0


def summary(label, samples, unit="pages"):
    """samples: per page, a list of (user, sys, faults) over rounds."""
    per_page = []
    for runs in samples:
        total = statistics.median(u + s for u, s, _ in runs)
        per_page.append((total, statistics.median(u for u, _, _ in runs),
                         statistics.median(s for _, s, _ in runs),
                         statistics.median(f for _, _, f in runs)))
    tot = [p[0] for p in per_page]
    print("%-12s %s %3d  cpu ms mean %6.1f  median %6.1f  max %6.1f  (user %5.1f sys %5.1f)"
          "  faults %5.0f  <= 30 ms: %d" % (
              label, unit, len(per_page), statistics.mean(tot), statistics.median(tot), max(tot),
              statistics.mean(p[1] for p in per_page), statistics.mean(p[2] for p in per_page),
              statistics.mean(p[3] for p in per_page), sum(t <= 30.0 for t in tot)))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--bin", default=os.path.join(HERE, "..", "build", "release", "feedarchiver"))
    ap.add_argument("--kit", default=os.environ.get(
        "KIT", os.path.join(HERE, "..", "..", "shared", "extract-eval")))
    ap.add_argument("--sets", default="aeb")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sys.path.insert(0, args.kit)
    import score  # the kit's page list: the same pages and URLs score.py uses
    binary = os.path.realpath(args.bin)
    sets = args.sets.split(",")
    pages = score.load_pages(set(sets), 0)
    samples = {s: [[] for pg in pages if pg["set"] == s] for s in sets}
    version = []
    for _ in range(args.rounds):
        index = dict.fromkeys(sets, 0)
        for pg in pages:
            samples[pg["set"]][index[pg["set"]]].append(
                run([binary, "extract", "--format", "json", pg["file"], "--url", pg["url"]]))
            index[pg["set"]] += 1
        version.extend(run([binary, "--version"]) for _ in range(10))
    print("%s, %d round(s), load average %s" % (
        binary, args.rounds, " ".join("%.2f" % x for x in os.getloadavg())))
    summary("--version", [[v] for v in version], unit="runs ")
    for s in sets:
        summary(s, samples[s])


if __name__ == "__main__":
    main()
