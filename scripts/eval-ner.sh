#!/usr/bin/env bash
# Scores the name tagger on CoNLL-2003 dev: `newsmark conll` tags ../shared/data/conll2003/dev.txt
# and ../shared/eval/conlleval.py prints precision, recall and F1 per type.
# Usage: scripts/eval-ner.sh [CONLL_FILE]   (default: the dev split)
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED=../shared
FILE=${1:-$SHARED/data/conll2003/dev.txt}
if [ ! -f "$FILE" ] || [ ! -f "$SHARED/eval/conlleval.py" ]; then
    echo "eval-ner: $FILE or $SHARED/eval/conlleval.py is absent; nothing to score"
    exit 0
fi
export PATH="$HOME/.cargo/bin:$PATH"
cargo build --release --quiet --bin newsmark
OUT=$(mktemp)
trap 'rm -f "$OUT"' EXIT
target/release/newsmark conll "$FILE" > "$OUT"
python3 "$SHARED/eval/conlleval.py" "$OUT"
