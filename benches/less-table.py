#!/usr/bin/env python3
"""Turns a ptyharness --json-out file (benches/compare-less.sh) into the Markdown table of
benches/README.md: per key the median and p95 latency, the median over less's `j`, and the
median bytes of both programs for the same key.

    python3 benches/less-table.py out.json "reference document, 80x24"
"""

import json
import sys


def main():
    path, title = sys.argv[1], sys.argv[2] if len(sys.argv) > 2 else ""
    with open(path) as f:
        data = json.load(f)
    ours, less = data["main"], data["baseline"]
    less_j = less["keys"]["j"]["latency_ms"]["median"]
    print(f"**{title}**: first frame {ours['startup']['ttff_ms']:.1f} ms, less {less['startup']['ttff_ms']:.1f} ms"
          f" ({ours['startup']['ttff_ms'] / less['startup']['ttff_ms']:.2f}x); less's `j` {less_j:.3f} ms\n")
    print("| key | median ms | p95 ms | median / less `j` | bytes | less bytes |")
    print("|---|---|---|---|---|---|")
    names = {"g": "`gg` (second g)", "]": "`]]` (each ])", "委": "first search keystroke", "員": "second search keystroke"}
    for key, stats in ours["keys"].items():
        if key in ("q", "/"):
            continue
        latency = stats["latency_ms"]
        theirs = less["keys"].get(key)
        their_bytes = f"{theirs['bytes']['median']:g}" if theirs else "–"
        print(f"| {names.get(key, f'`{key}`')} | {latency['median']:.3f} | {latency['p95']:.3f} |"
              f" {latency['median'] / less_j:.2f} | {stats['bytes']['median']:g} | {their_bytes} |")


if __name__ == "__main__":
    main()
