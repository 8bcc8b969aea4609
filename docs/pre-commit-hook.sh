#!/bin/sh
# .git/hooks/pre-commit: refuse a commit that changes what brief extracts from docs/
# unless the baseline was updated with it.
if ! brief check docs/ --baseline brief.lock.json; then
  echo "brief: extractions changed; review, then run: brief check docs/ --baseline brief.lock.json --update" >&2
  exit 1
fi
