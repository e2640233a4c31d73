#!/usr/bin/env python3
"""How much of a hand-written concept catalog discovery finds on its own.

    docgen build --root PROJECT -o OUT -q --no-cache   # PROJECT without concepts.yaml
    python3 benches/concept_proxy.py OUT/handbook.json content/concepts.yaml [-v]

PROJECT holds the same notes as the catalog's project, without the catalog
(for the bundled notes: a copy of content/ without concepts.yaml). A
catalog concept is found when a discovered concept's name or alias equals
one of its name and aliases, after folding case, hyphens, backticks and a
trailing English plural "s"/"es". A catalog relation is found when a
discovered relation joins concepts found for its two ends. Prints the
concepts found, the relations found, and, among discovered relations whose
two ends both match catalog concepts, the share the catalog lists. With
-v, also the discovered concepts that match none and the catalog
relations missed though both ends were found. Needs PyYAML.
"""
import json
import re
import sys

import yaml


def fold(s):
    s = re.sub(r"\s+", " ", s.lower().replace("-", " ").replace("`", "").strip())
    return re.sub(r"(es|s)$", "", s) if len(s) > 3 else s


def pair(a, b):
    return (a, b) if a < b else (b, a)


def main(args):
    verbose = "-v" in args
    args = [a for a in args if a != "-v"]
    if len(args) != 2:
        sys.exit(__doc__)
    handbook = json.load(open(args[0], encoding="utf-8"))
    catalog = yaml.safe_load(open(args[1], encoding="utf-8"))["concepts"]
    discovered = handbook["concepts"]
    by_spelling = {}
    for d in discovered:
        for s in [d["name"], *d["aliases"]]:
            by_spelling.setdefault(fold(s), set()).add(d["id"])
    found = {}
    for c in catalog:
        ids = set()
        for s in [c["name"], *c.get("aliases", [])]:
            ids |= by_spelling.get(fold(s), set())
        if ids:
            found[c["id"]] = ids
    listed = {pair(c["id"], r) for c in catalog for r in c.get("related") or []}
    related = {pair(d["id"], r) for d in discovered for r in d["related"]}
    both = [p for p in listed if p[0] in found and p[1] in found]
    hit = [
        p for p in both
        if any(pair(a, b) in related for a in found[p[0]] for b in found[p[1]])
    ]
    print(f"discovered concepts: {len(discovered)}, discovered relations: {len(related)}")
    print(f"catalog concepts found: {len(found)} of {len(catalog)}")
    print(f"catalog relations found: {len(hit)} of {len(listed)} ({len(both)} with both ends found)")
    catalog_of = {}
    for cid, ids in found.items():
        for i in ids:
            catalog_of.setdefault(i, set()).add(cid)
    labelled = [p for p in related if p[0] in catalog_of and p[1] in catalog_of]
    listed_too = [
        p for p in labelled
        if any(pair(x, y) in listed for x in catalog_of[p[0]] for y in catalog_of[p[1]])
    ]
    print(f"discovered relations between catalog concepts that the catalog lists: "
          f"{len(listed_too)} of {len(labelled)}")
    if verbose:
        print("discovered, matching no catalog concept:",
              sorted(d["name"] for d in discovered if d["id"] not in catalog_of))
        for p in sorted(set(both) - set(hit)):
            print("missed relation:", p)


if __name__ == "__main__":
    main(sys.argv[1:])
