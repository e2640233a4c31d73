#!/usr/bin/env bash
# Measures question extraction on a corpus of real notes kept outside the
# repository (other people's text is never committed).
#
#   bash benches/real_notes.sh CORPUS_DIR [SPLIT]
#
# CORPUS_DIR holds manifest.tsv (tab-separated, a header line, columns:
# split, file, repo, path, commit, language, structure, hand_count, how)
# and the files it names. Each file of SPLIT (default: dev) is built as its
# own project with the release binary; the table gives the hand count, the
# questions docgen found, their ratio and the structure it chose.
set -euo pipefail
corpus=${1:?usage: real_notes.sh CORPUS_DIR [SPLIT]}
split=${2:-dev}
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=$PWD/target/release/docgen
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
total_hand=0; total_found=0; total_capped=0
printf "%-48s %5s %5s %6s  %s\n" file hand found ratio structure
while IFS=$'\t' read -r sp file _repo _path _commit _lang _structure hand _how; do
  [ "$sp" = "$split" ] || continue
  p="$tmp/$(basename "$file")"
  mkdir -p "$p/content"
  cp "$corpus/$file" "$p/content/"
  row=$( ("$bin" --root "$p" check --format json 2>/dev/null || true) | python3 -c '
import json, sys
try:
    s = json.load(sys.stdin)["sources"][0]
    print(s["questions"], s["structure"])
except Exception:
    print(0, "build-failed")')
  found=${row%% *}
  total_hand=$((total_hand + hand)); total_found=$((total_found + found))
  total_capped=$((total_capped + (found < hand ? found : hand)))
  printf "%-48s %5s %5s %6s  %s\n" "$(basename "$file")" "$hand" "$found" \
    "$(python3 -c "print(f'{$found/$hand:.2f}')")" "${row#* }"
done < <(tail -n +2 "$corpus/manifest.tsv")
printf "%-48s %5s %5s %6s\n" TOTAL "$total_hand" "$total_found" \
  "$(python3 -c "print(f'{$total_found/$total_hand:.3f}')")"
printf "recall (found, capped at the hand count): %s/%s = %s\n" "$total_capped" "$total_hand" \
  "$(python3 -c "print(f'{$total_capped/$total_hand:.3f}')")"
