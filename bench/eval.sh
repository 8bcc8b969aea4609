#!/usr/bin/env bash
# Accuracy on the development corpora in ../shared/dev, with brief's rule layer and without it
# (the raw model), in one run; TimeBank also with --date-scheme timeml, its own convention.
# Usage: bench/eval.sh [DEV_DIR]
set -euo pipefail
dev="${1:-$(dirname "$0")/../../shared/dev}"
if [ ! -d "$dev" ]; then
  echo "development corpora not found at $dev: nothing to measure (they are not part of brief)" >&2
  exit 2
fi
for corpus in conll2003_testa ontonotes_dev_news timebank_aquaint; do
  modes="rules raw"
  case "$corpus" in
    conll2003_testa) types="person,place,organization" ;;
    timebank_aquaint) types="date"; modes="rules raw timeml" ;;
    *) types="date,money,person,place,organization" ;;
  esac
  for mode in $modes; do
    case "$mode" in
      raw) flags=(--no-rules) ;;
      timeml) flags=(--date-scheme timeml) ;;
      *) flags=() ;;
    esac
    echo "== $corpus ($mode)"
    brief eval "$dev/$corpus/gold.jsonl" "$dev/$corpus/docs" --types "$types" --jobs 2 "${flags[@]}"
  done
done
