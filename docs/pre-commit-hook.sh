#!/bin/sh
# .git/hooks/pre-commit: refuse a commit whose staged documents in docs/ extract differently
# from its staged baseline. --staged reads git's index, not the working tree: what is checked
# is what the commit will hold, so unstaged edits neither hide a change nor block a commit.
if ! brief check docs/ --baseline brief.lock.json --staged --quiet; then
  echo "brief: the staged documents extract differently from the staged brief.lock.json;" \
    "review, then run: brief check docs/ --baseline brief.lock.json --update && git add brief.lock.json" >&2
  exit 1
fi
