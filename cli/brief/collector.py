"""Python's cyclic garbage collector, set for a batch run of the command line.

A `brief` process loads its pipeline once (tens of thousands of long-lived objects: the model,
patterns, grammars, gazetteers) and then makes almost no reference cycles per document (a few
of spaCy's parser objects per batch), so what the collector does during a run is walk live
objects again and again and find nothing. Measured over 556 BBC articles it was 0.50-0.64 s
of a 35-40 s run with Python's settings; with young collections every 10,000 objects, 0.20 s
(68 young collections, most walking a batch in flight). Set as here, the collector runs
between batches, when the last batch's objects are gone: 9 young collections.

Library use is left alone: only the command line (and its worker processes) calls
`use_for_batch_run`.
"""

from __future__ import annotations

import gc

# Container objects made between two young collections (Python's default: 700): only a
# safety net in a batch run, which collects between batches (`between_batches`).
YOUNG_GENERATION = 200_000
_batch_run = False
_batches = 0


def use_for_batch_run() -> None:
    """Fewer young collections: a document's objects are freed by reference counting."""
    global _batch_run
    _batch_run = True
    gc.set_threshold(YOUNG_GENERATION, 10, 10)


def between_batches() -> None:
    """In a batch run, collect between two batches of documents: the young generation each
    time, the middle one every tenth time and all of it every hundredth, as Python's own
    schedule does, so the parser's cycles (and their arrays) are freed batch by batch."""
    global _batches
    if not _batch_run:
        return
    _batches += 1
    gc.collect(2 if _batches % 100 == 0 else 1 if _batches % 10 == 0 else 0)


def pipeline_loaded() -> None:
    """In a batch run, take everything alive now (the loaded pipeline) out of the collector's
    view for the rest of the process, so a full collection walks only what documents make.
    Collected first, so no garbage is kept; forked workers then share those pages untouched."""
    if _batch_run:
        gc.collect()
        gc.freeze()
