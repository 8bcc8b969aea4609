"""Does brief's time grow with the size of one document, and no faster?

    python bench/scaling.py [--sizes 25,50,100,200] [--rounds 2] [--corpus DIR]

Builds one document of each size (in KB) from each of four texts that once made a step of
the pipeline superlinear: dense money amounts, long runs of capitalised words, `January `
repeated, and real prose (BBC articles laid end to end, from ../shared/bench/bbc). Each is
extracted in this process with a warm pipeline (the best CPU time of --rounds), with brief's
rule layer and with the model alone, and the growth factor per doubling of the input is
printed, step by step and over the whole range (the geometric mean, steadier than one step on
a busy machine): 2.0 is linear, 4.0 quadratic. The target is at most about 2.2 for every text.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "bbc"
TARGET = 2.2

_NAMES = [
    "Alder",
    "Brook",
    "Carver",
    "Dalton",
    "Ellis",
    "Farrow",
    "Garnet",
    "Hollis",
    "Irving",
    "Jasper",
    "Keller",
    "Lowell",
    "Marsh",
    "Norris",
    "Oakley",
    "Prescott",
    "Quill",
    "Radley",
    "Sutton",
    "Thorne",
    "Upton",
    "Vance",
    "Whitaker",
    "Yardley",
    "Ashby",
    "Bramwell",
    "Colby",
    "Denton",
    "Easton",
    "Fairfax",
    "Grayson",
    "Hadley",
    "Ingram",
    "Kendal",
    "Lyle",
    "Merritt",
    "Newell",
    "Orton",
    "Pembroke",
    "Rowan",
    "Selby",
    "Tilden",
    "Wyatt",
    "Bexley",
    "Corwin",
    "Drayton",
    "Emsley",
    "Fenwick",
]


def amounts(size: int, rng: random.Random) -> str:
    """Sentences dense with amounts in every written form brief reads."""
    forms = (
        lambda: f"${rng.randint(1, 999)}.{rng.randint(0, 9)}m",
        lambda: f"€{rng.randint(1, 99)}bn",
        lambda: f"£{rng.randint(1, 999):,},{rng.randint(0, 999):03d}",
        lambda: f"{rng.randint(2, 90)} million dollars",
        lambda: f"US${rng.randint(1, 50)} billion",
        lambda: f"{rng.randint(1, 900)} euros",
        lambda: f"between ${rng.randint(1, 9)}m and ${rng.randint(10, 99)}m",
    )
    return _fill(size, lambda: f"The firm paid {rng.choice(forms)()} and {rng.choice(forms)()}. ")


def capitalised(size: int, rng: random.Random) -> str:
    """Capitalised words with no punctuation at all: one endless candidate name."""
    return _fill(size, lambda: rng.choice(_NAMES) + " ")


def months(size: int, rng: random.Random) -> str:
    return _fill(size, lambda: "January ")


def prose_from(corpus: Path) -> Callable[[int, random.Random], str]:
    from brief.sources import decode_bytes

    articles = [decode_bytes(p.read_bytes())[0] for p in sorted(corpus.rglob("*.txt"))]

    def prose(size: int, rng: random.Random) -> str:
        order = iter(range(len(articles)))
        return _fill(size, lambda: articles[next(order) % len(articles)] + "\n\n")

    return prose


def _fill(size: int, part: Callable[[], str]) -> str:
    pieces, length = [], 0
    while length < size:
        pieces.append(part())
        length += len(pieces[-1])
    return "".join(pieces)[:size]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="25,50,100,200", help="document sizes in KB")
    parser.add_argument("--rounds", type=int, default=2, help="runs per size (the best counts)")
    parser.add_argument("--texts", default="", help="only these texts (comma-separated names)")
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="articles for prose")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    import brief
    from brief.results import DocumentError

    texts: dict[str, Callable[[int, random.Random], str]] = {
        "amounts": amounts, "capitalised": capitalised, "January": months,
    }  # fmt: skip
    corpus = Path(args.corpus)
    if corpus.is_dir():
        texts["prose"] = prose_from(corpus)
    else:
        print(f"({corpus} not found: no prose row)", file=sys.stderr)

    def seconds(text: str, rules: bool) -> float:
        best = float("inf")
        for _ in range(args.rounds):
            started = time.process_time()
            (outcome,) = brief.extract_texts([("doc", text)], rules=rules)
            assert not isinstance(outcome, DocumentError), outcome
            best = min(best, time.process_time() - started)
        return best

    seconds("Warm up: Shinzo Abe paid $3m on 27 March 2024.", True)
    seconds("Warm up.", False)
    if args.texts:
        texts = {name: make for name, make in texts.items() if name in args.texts.split(",")}
    header = " ".join(f"{s:>7} KB" for s in sizes)
    print(f"{'text':<12} {'':<6} {header}   growth per doubling: each step, overall")
    worst = 0.0
    for name, make in texts.items():
        for rules in (True, False):
            times = [seconds(make(size * 1000, random.Random(size)), rules) for size in sizes]
            growth = [later / earlier for earlier, later in pairwise(times)]
            overall = (times[-1] / times[0]) ** (1 / math.log2(sizes[-1] / sizes[0]))
            if rules:
                worst = max(worst, overall)
            print(
                f"{name:<12} {'brief' if rules else 'model':<6} "
                + " ".join(f"{t:>8.2f}s" for t in times)
                + "   "
                + " ".join(f"{g:.2f}" for g in growth)
                + f"   {overall:.2f}"
            )
    verdict = "ok" if worst <= TARGET else "TOO FAST A GROWTH"
    print(
        f"worst overall growth per doubling with brief's layer: {worst:.2f} "
        f"(target <= {TARGET}) {verdict}"
    )


if __name__ == "__main__":
    main()
