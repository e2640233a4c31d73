#!/usr/bin/env bash
# Checks that a change keeps docgen's output byte-identical: builds the
# bundled notes and a generated reference corpus with the working tree's
# docgen and with BASE's, and compares the two sites file by file.
#
#   scripts/same-output.sh [BASE]        BASE: a git revision (default HEAD)
#
# Environment: SAME_OUTPUT_SIZE (questions in the generated corpus, default
# 10000; 0 skips it), SAME_OUTPUT_PROFILE (cargo profile, default release).
# The base binary is built in target/same-output-base, kept between runs.
# Exit 0 when every site is identical, 1 with the differing files otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
base=${1:-HEAD}
size=${SAME_OUTPUT_SIZE:-10000}
profile=${SAME_OUTPUT_PROFILE:-release}
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

rev=$(git rev-parse --verify "$base^{commit}")
mkdir "$tmp/base-src"
git archive "$rev" | tar -x -C "$tmp/base-src"
echo "building the working tree and $base (${rev:0:12}), profile $profile" >&2
cargo build -q --profile "$profile" --bin docgen
CARGO_TARGET_DIR="$PWD/target/same-output-base" \
  cargo build -q --profile "$profile" --bin docgen --manifest-path "$tmp/base-src/Cargo.toml"
new="$PWD/target/$dir/docgen"
old="$PWD/target/same-output-base/$dir/docgen"

projects=("$PWD")
if [ "$size" -gt 0 ]; then
  python3 benches/gen_corpus.py "$size" "$tmp/corpus" >/dev/null
  mkdir "$tmp/generated"
  mv "$tmp/corpus/notes" "$tmp/generated/content"
  projects+=("$tmp/generated")
fi

status=0
for project in "${projects[@]}"; do
  name=$(basename "$project")
  "$old" --root "$project" build -q --output "$tmp/out/base-$name"
  "$new" --root "$project" build -q --output "$tmp/out/new-$name"
  files=$(find "$tmp/out/new-$name" -type f | wc -l)
  if diff -rq "$tmp/out/base-$name" "$tmp/out/new-$name"; then
    echo "same: $project ($files files)"
  else
    echo "DIFFERENT: $project"
    status=1
  fi
done
exit $status
