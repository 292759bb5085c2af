#!/usr/bin/env bash
# Scores quotation detection and speaker attribution on PolNeAR dev (../shared/data/polnear/dev)
# with ../shared/eval/score_quotes.py. Prints a notice and exits 0 when ../shared is absent.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA=../shared/data/polnear/${1:-dev}
SCORER=../shared/eval/score_quotes.py
if [[ ! -d $DATA || ! -f $SCORER ]]; then
    echo "eval-quotes: $DATA or $SCORER not found; skipping"
    exit 0
fi
cargo build --release --quiet --bin newsmark
PRED=$(mktemp)
trap 'rm -f "$PRED"' EXIT
target/release/newsmark annotate --jsonl --offsets codepoint "$DATA"/text/*.txt >"$PRED"
python3 "$SCORER" --data "$DATA" --pred "$PRED"
