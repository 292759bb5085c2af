#!/usr/bin/env bash
# `make bench`: newsmark's speed, size and memory beside its JavaScript peers (wink-nlp,
# compromise), natively, in node and in headless Chromium, on one news corpus; then the
# accuracy scores of `make eval`. Writes bench/RESULTS.md and prints it.
# `make bench` builds the WebAssembly (www/pkg) first; this script builds the rest.
# BENCH_PASSES=N fixes the number of timed passes of the JavaScript runs (quick checks).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

if [ ! -f www/pkg/newsmark_bg.wasm ]; then
  echo "bench: www/pkg is missing: run \`make bench\` (it builds the WebAssembly first)" >&2
  exit 1
fi

# The corpus: real news text of at least 1 MB from ../shared/data, or the project's own texts.
node bench/corpus.mjs bench/corpus ../shared

echo "bench: native stages and linearity (cargo bench --bench pipeline)"
cargo bench --bench pipeline -- bench/corpus/docs.json --json bench/corpus/native.json
# The release CLI, for the peak-memory runs (usually already built by the bench above).
cargo build --release --bin newsmark

node bench/run.mjs

# Accuracy beside speed: each stage's dev scorer, skipped with a notice while its script is
# still missing (they are written stage by stage).
{
  echo
  echo "## Accuracy (make eval, same run)"
  for stage in tokens ner quotes; do
    script="scripts/eval-$stage.sh"
    echo
    echo "### eval-$stage"
    echo
    if [ ! -x "$script" ]; then
      echo "skipped: $script does not exist yet"
      continue
    fi
    echo '```'
    make --no-print-directory "eval-$stage" 2>&1 || echo "eval-$stage FAILED (exit $?)"
    echo '```'
  done
} | tee -a bench/RESULTS.md
