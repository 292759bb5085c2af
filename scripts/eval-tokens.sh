#!/usr/bin/env bash
# Scores tokenization and sentence splitting on GUM (../shared/data/gum/dep) with the project's
# scorer, ../shared/eval/score_tokens.py: builds the release CLI, writes GUM's raw texts to a
# temporary folder, annotates them, prints token and sentence precision, recall and F1.
# Usage: scripts/eval-tokens.sh [--json]     (extra arguments go to the scorer)
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

shared=../shared
gum=$shared/data/gum/dep
scorer=$shared/eval/score_tokens.py
if [ ! -f "$scorer" ] || [ ! -d "$gum" ]; then
  echo "eval-tokens: $shared (GUM and its scorer) is not here; nothing to score."
  exit 0
fi

cargo build --release --quiet --bin newsmark
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 "$scorer" texts --gum "$gum" --out "$work/texts" >/dev/null
target/release/newsmark annotate --jsonl --offsets codepoint "$work"/texts/*.txt >"$work/pred.jsonl"
python3 "$scorer" score --gum "$gum" --pred "$work/pred.jsonl" "$@"
