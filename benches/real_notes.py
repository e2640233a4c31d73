#!/usr/bin/env python3
"""Question extraction measured on a corpus of real notes kept outside the
repository (other people's text is never committed).

    python3 benches/real_notes.py CORPUS_DIR [SPLIT] [--catalog-free-concepts]

CORPUS_DIR holds:
  counts.tsv   tab-separated, a header line; columns: split, file,
               questions (the hand count), structure, source;
  SPLIT/FILE   the notes files (SPLIT is dev or heldout);
  questions/FILE.txt
               the hand-counted questions, one per line: 1-based line
               number, a tab, the question as written (optional: without
               it the row shows docgen's question count beside the hand
               count, and no recall).

Each file of SPLIT (default: dev) is built alone, as its own project, with
the release binary (`cargo build --release` first), or the binary named
by the DOCGEN_BIN environment variable. A hand-counted
question is found when docgen has a question variant from that file
starting within one line of it (a bilingual pair may be read from either
line). The table gives, per file: hand count, found, recall, the questions
docgen made that match no hand-counted line ("extra"), the structure docgen
reports, and with --catalog-free-concepts the number of discovered
concepts linked from the file's entries.
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("DOCGEN_BIN", os.path.join(ROOT, "target", "release", "docgen"))


def hand_lines(corpus, name):
    """The hand-counted question lines of `name`, or None when the corpus
    keeps only the hand count (no questions/NAME.txt)."""
    out = []
    path = os.path.join(corpus, "questions", name + ".txt")
    if not os.path.exists(path):
        return None
    with open(os.path.join(corpus, "questions", name + ".txt"), encoding="utf-8") as f:
        for row in f:
            if row.strip():
                out.append(int(row.split("\t", 1)[0]))
    return out


def build(path, name, work):
    project = os.path.join(work, name)
    os.makedirs(os.path.join(project, "content"))
    shutil.copy(path, os.path.join(project, "content", name))
    out = os.path.join(project, "public")
    run = subprocess.run(
        [BIN, "--root", project, "build", "-q", "--output", out],
        capture_output=True, text=True)
    check = subprocess.run(
        [BIN, "--root", project, "check", "--format", "json"],
        capture_output=True, text=True)
    structure = "?"
    try:
        structure = json.loads(check.stdout)["sources"][0]["structure"]
    except (ValueError, KeyError, IndexError):
        pass
    if run.returncode != 0:
        return None, structure, run.stderr.strip().splitlines()[-1:]
    with open(os.path.join(out, "handbook.json"), encoding="utf-8") as f:
        return json.load(f), structure, []


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    concepts = "--catalog-free-concepts" in sys.argv
    corpus = args[0]
    split = args[1] if len(args) > 1 else "dev"
    rows = []
    with open(os.path.join(corpus, "counts.tsv"), encoding="utf-8") as f:
        next(f)
        for line in f:
            sp, name, count, structure, _source = line.rstrip("\n").split("\t")
            if sp == split:
                rows.append((name, int(count), structure))
    total_hand = total_found = total_extra = 0
    print(f"{'file':<24} {'hand':>5} {'found':>5} {'recall':>6} {'extra':>5}"
          + (f" {'concepts':>8}" if concepts else "") + "  structure")
    with tempfile.TemporaryDirectory() as work:
        for name, count, _ in rows:
            hand = hand_lines(corpus, name)
            hb, structure, err = build(os.path.join(corpus, split, name), name, work)
            lines = []
            linked = set()
            if hb:
                for e in hb["entries"]:
                    for v in e["variants"]:
                        lines.append(v["line"])
                    linked.update(e.get("concepts", []))
            if hand is None:
                # Without the hand-counted lines only docgen's own count
                # is shown, beside the hand count.
                cells = f"{name:<24} {count:>5} {len(lines):>5} {'n/a':>6} {'n/a':>5}"
            else:
                found = sum(1 for h in hand if any(abs(h - l) <= 1 for l in lines))
                extra = sum(1 for l in lines if not any(abs(h - l) <= 1 for h in hand))
                total_hand += len(hand)
                total_found += found
                total_extra += extra
                recall = found / len(hand) if hand else 1.0
                cells = f"{name:<24} {len(hand):>5} {found:>5} {recall:>6.2f} {extra:>5}"
            if concepts:
                cells += f" {len(linked):>8}"
            print(cells + f"  {structure}" + (f"  FAILED: {err}" if err else ""))
    print(f"{'TOTAL':<24} {total_hand:>5} {total_found:>5} "
          f"{total_found / max(total_hand, 1):>6.3f} {total_extra:>5}")


if __name__ == "__main__":
    main()
