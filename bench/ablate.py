"""What each rule is worth: span-level F1 on a development corpus with brief's whole rule layer,
and with one rule left out at a time. With `--date-scheme timeml`, each part of that scheme
(its patterns, not_dates, split_at...) is left out in turn as well.

    python bench/ablate.py [conll2003_testa|ontonotes_dev_news|timebank_aquaint] [DEV_DIR]
                           [--date-scheme ontonotes|timeml] [--only COMPONENT ...]

`--only` leaves out just the components named (after the whole layer), not each in turn.
"""

from __future__ import annotations

import argparse
import copy
from pathlib import Path

CORPUS_TYPES = {
    "conll2003_testa": ("person", "place", "organization"),
    "ontonotes_dev_news": ("date", "money", "person", "place", "organization"),
    "timebank_aquaint": ("date",),
}
SCHEME_PART = "scheme:"


def score(root: Path, types: tuple[str, ...], scheme: str, leave_out: str | None) -> dict:
    import brief.pipeline.config as config
    from brief.evaluate import evaluate, load_gold
    from brief.extract import ExtractOptions, Extractor
    from brief.pipeline import resolve_model_name
    from brief.results import Document
    from brief.sources import InputFile, Source, read_input

    settings = config.load_config()
    saved = copy.deepcopy(settings)
    if leave_out == "recase":
        settings["recase_all_caps_lines"] = False
    elif leave_out and leave_out.startswith(SCHEME_PART):
        del settings["date_schemes"][scheme][leave_out[len(SCHEME_PART) :]]
    elif leave_out:
        settings["components"] = [c for c in settings["components"] if c != leave_out]
    try:
        gold = load_gold(str(root / "gold.jsonl"))
        options = ExtractOptions(model=resolve_model_name(), types=types, date_scheme=scheme)
        extractor = Extractor(options)

        def sources():
            for g in gold:
                item = read_input(InputFile(str(root / "docs" / g.doc)))
                yield Source(g.doc, item.text, item.encoding, (g.dct or "")[:10] or None, 0)

        predicted = {o.path: o for o in extractor.extract(sources()) if isinstance(o, Document)}
        return evaluate(gold, predicted, types)
    finally:
        settings.clear()
        settings.update(saved)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default="conll2003_testa", choices=CORPUS_TYPES)
    parser.add_argument("dev", nargs="?", type=Path,
                        default=Path(__file__).resolve().parents[2] / "shared" / "dev")  # fmt: skip
    parser.add_argument("--date-scheme", default="ontonotes")
    parser.add_argument("--only", nargs="+", metavar="COMPONENT", help="leave out only these")
    args = parser.parse_args()
    root = args.dev / args.corpus
    if not root.is_dir():
        raise SystemExit(f"development corpus not found at {root}: nothing to measure")
    from brief.pipeline.config import load_config

    config = load_config()
    types = CORPUS_TYPES[args.corpus]
    rules = [None, *config["components"], "recase"]
    scheme_parts = config.get("date_schemes", {}).get(args.date_scheme, {})
    rules += [SCHEME_PART + part for part in scheme_parts]
    if args.only:
        unknown = set(args.only) - set(rules)
        if unknown:
            raise SystemExit(f"not a rule of this layer: {', '.join(sorted(unknown))}")
        rules = [None, *args.only]
    print(f"date scheme {args.date_scheme}")
    print(f"{'left out':<28}{'micro F1':>9}  " + "  ".join(f"{t:>12}" for t in types))
    for rule in rules:
        report = score(root, types, args.date_scheme, rule)
        row = "  ".join(f"{report['mention'][t]['f1']:>12.4f}" for t in types)
        print(f"{rule or '(nothing)':<28}{report['mention_micro']['f1']:>9.4f}  {row}")


if __name__ == "__main__":
    main()
