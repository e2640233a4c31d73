#!/usr/bin/env python3
"""Dedup recall on the reference corpus (benches/gen_corpus.py).

The generator writes DIR/manifest.jsonl, where each near-duplicate names the
question it paraphrases (`dup_of`). This script builds nothing: it reads the
handbook.json of a docgen build of DIR/notes and reports, per intent of the
generator, the share of near-duplicates that landed in the same entry as the
question they paraphrase.

    python3 benches/gen_corpus.py 10000 /tmp/gc
    mkdir -p /tmp/gcp && cp -r /tmp/gc/notes /tmp/gcp/content
    (cd /tmp/gcp && docgen build -q)
    python3 benches/dedup_reference.py /tmp/gc /tmp/gcp/public/handbook.json

Pairwise precision is not reported: the generator also emits independent
questions with the same intent and subject ("What is X?" twice), which it
labels distinct and a reader would call one question.
"""
import collections
import json
import os
import re
import sys


def main():
    corpus, handbook = sys.argv[1], sys.argv[2]
    manifest = [json.loads(l) for l in open(os.path.join(corpus, "manifest.jsonl"))]
    line_of = {}
    notes = os.path.join(corpus, "notes")
    for name in sorted(os.listdir(notes)):
        with open(os.path.join(notes, name), encoding="utf-8") as f:
            for i, line in enumerate(f, 1):
                m = re.match(r"^#+ (\d+)\. ", line)
                if m:
                    line_of[(name, int(m.group(1)))] = i
    entry_of = {}
    for n, entry in enumerate(json.load(open(handbook))["entries"]):
        for v in entry["variants"]:
            entry_of[(v["source"], v["line"])] = n
    key = {q["id"]: (q["file"], line_of[(q["file"], q["number"])]) for q in manifest}
    found, total = collections.Counter(), collections.Counter()
    for q in manifest:
        if q["dup_of"]:
            total[q["intent"]] += 1
            found[q["intent"]] += entry_of.get(key[q["id"]]) == entry_of.get(key[q["dup_of"]])
    print(f"near-duplicates merged with their original: {sum(found.values())} of "
          f"{sum(total.values())} ({sum(found.values()) / max(1, sum(total.values())):.3f})")
    for intent in sorted(total):
        print(f"  {intent:<10} {found[intent] / total[intent]:.3f} ({total[intent]})")


if __name__ == "__main__":
    main()
