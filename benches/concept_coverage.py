#!/usr/bin/env python3
"""Concept coverage per source of a handbook built without a catalog.

    docgen build --root PROJECT -o OUT -q --no-cache   # PROJECT without concepts.yaml
    python3 benches/concept_coverage.py OUT [-v]

For each source of OUT/handbook.json: the entries with a phrasing from it,
how many of them carry at least one concept, and how many distinct
concepts those entries carry. With -v, also each concept's name, listed
under the source most of its entries' phrasings come from (the sample to
judge for junk). Reads only OUT/handbook.json.
"""
import collections
import json
import os
import sys


def main():
    out = sys.argv[1]
    with open(os.path.join(out, "handbook.json"), encoding="utf-8") as f:
        hb = json.load(f)
    entries = {e["id"]: e for e in hb["entries"]}
    per = collections.defaultdict(lambda: [0, 0, set()])
    for e in hb["entries"]:
        for s in {v["source"] for v in e["variants"]}:
            row = per[s]
            row[0] += 1
            row[1] += bool(e["concepts"])
            row[2].update(e["concepts"])
    print(f"{'source':24} {'entries':>7} {'with a concept':>14} {'concepts':>8}")
    for s in sorted(per):
        n, with_concept, concepts = per[s]
        print(f"{s:24} {n:7} {with_concept:14} {len(concepts):8}")
    print(f"concepts: {len(hb['concepts'])}")
    if "-v" in sys.argv:
        home = collections.defaultdict(list)
        for c in hb["concepts"]:
            sources = collections.Counter(
                v["source"] for i in c["entries"] for v in entries[i]["variants"]
            )
            top = sources.most_common(1)[0][0] if sources else "?"
            home[top].append(c["name"])
        for s in sorted(home):
            print(f"{s} ({len(home[s])}): {', '.join(home[s])}")


if __name__ == "__main__":
    main()
