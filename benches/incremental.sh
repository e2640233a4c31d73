#!/usr/bin/env bash
# Cold build against a cached rebuild after one source changed, alternated.
#
#   benches/incremental.sh DOCGEN PROJECT [ROUNDS]
#
# PROJECT holds content/ (for example `python3 benches/gen_corpus.py 10000 DIR`
# with DIR/notes copied to PROJECT/content). Each round: a cold build
# (--no-cache), a build that fills the cache, one source edited (a line
# appended to it, so its last answer changes), then the timed cached
# rebuild. Prints wall seconds, CPU seconds and peak RSS of both
# timed builds per round; outputs go to PROJECT/out-*.
set -euo pipefail
docgen=$(realpath "$1"); project=$(realpath "$2"); rounds=${3:-3}
file=$(ls "$project/content" | sort | head -1)
measure() { /usr/bin/time -f "%e %U %S %M" "$docgen" -q build --root "$project" "$@" 2>&1 | tail -1; }
for r in $(seq "$rounds"); do
  rm -rf "$project/out-cold"
  read -r w u s m < <(measure --no-cache --output "$project/out-cold")
  echo "round $r cold:   wall ${w}s cpu $(echo "$u + $s" | bc)s peak $((m / 1024)) MiB"
  "$docgen" -q build --root "$project" --output "$project/out-warm"
  printf '\nEdited in round %s.\n' "$r" >> "$project/content/$file"
  read -r w u s m < <(measure --output "$project/out-cached")
  echo "round $r cached: wall ${w}s cpu $(echo "$u + $s" | bc)s peak $((m / 1024)) MiB"
done
