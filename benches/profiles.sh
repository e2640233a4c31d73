#!/bin/bash
# Clean release builds of docgen with several profiles, 2 jobs, then the
# built binary's time on CORPUS_PROJECT (3 runs). Figures go to OUT/results.txt.
set -u
# Usage: bash benches/profiles.sh CORPUS_PROJECT OUT_DIR
# CORPUS_PROJECT: a docgen project (e.g. content/ from gen_corpus.py notes).
CORPUS=${1:?corpus project}; OUT=${2:?output folder}; mkdir -p "$OUT"
SRC=$OUT/src
rm -rf $SRC && git -C "$(dirname "$0")/.." worktree add -f $SRC HEAD >/dev/null
cd $SRC
cargo fetch -q
for v in "line-tables:CARGO_PROFILE_RELEASE_DEBUG=line-tables-only" \
         "nodebug:CARGO_PROFILE_RELEASE_DEBUG=false" \
         "opt2-nodebug:CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_OPT_LEVEL=2" \
         "thinlto-cgu1-nodebug:CARGO_PROFILE_RELEASE_DEBUG=false CARGO_PROFILE_RELEASE_LTO=thin CARGO_PROFILE_RELEASE_CODEGEN_UNITS=1"; do
  name=${v%%:*}; envs=${v#*:}
  T=$OUT/t-$name; rm -rf $T
  /usr/bin/time -f "$name build: %e s wall, %U s user, %S s sys, %M KB" env $envs CARGO_TARGET_DIR=$T cargo build --release -j 2 --bin docgen >$OUT/$name.build.log 2>$OUT/$name.time || true
  tail -1 $OUT/$name.time >> $OUT/results.txt
  ls -l $T/release/docgen | awk -v n=$name '{print n" binary: "$5" bytes"}' >> $OUT/results.txt
  for i in 1 2 3; do
    rm -rf $CORPUS/public
    /usr/bin/time -f "$name run $i: %e s wall, %U s user, %S s sys, %M KB" $T/release/docgen -q --root $CORPUS build 2>>$OUT/results.txt
  done
  rm -rf $T/release/build $T/release/deps $T/release/incremental
done
echo done >> $OUT/results.txt
