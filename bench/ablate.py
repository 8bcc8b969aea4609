"""What each rule is worth: span-level F1 on a development corpus with brief's whole rule layer,
and with one rule left out at a time.

    python bench/ablate.py [conll2003_testa|ontonotes_dev_news|timebank_aquaint] [DEV_DIR]
"""

from __future__ import annotations

import sys
from pathlib import Path

CORPUS_TYPES = {
    "conll2003_testa": ("person", "place", "organization"),
    "ontonotes_dev_news": ("date", "money", "person", "place", "organization"),
    "timebank_aquaint": ("date",),
}


def score(root: Path, types: tuple[str, ...], leave_out: str | None) -> dict:
    import brief.pipeline.config as config
    from brief.evaluate import evaluate, load_gold
    from brief.extract import ExtractOptions, Extractor
    from brief.pipeline import resolve_model_name
    from brief.results import Document
    from brief.sources import InputFile, Source, read_input

    settings = config.load_config()
    saved = (list(settings["components"]), settings.get("recase_all_caps_lines"))
    if leave_out == "recase":
        settings["recase_all_caps_lines"] = False
    elif leave_out:
        settings["components"] = [c for c in settings["components"] if c != leave_out]
    try:
        gold = load_gold(str(root / "gold.jsonl"))
        extractor = Extractor(ExtractOptions(model=resolve_model_name(), types=types))

        def sources():
            for g in gold:
                item = read_input(InputFile(str(root / "docs" / g.doc)))
                yield Source(g.doc, item.text, item.encoding, (g.dct or "")[:10] or None, 0)

        predicted = {o.path: o for o in extractor.extract(sources()) if isinstance(o, Document)}
        return evaluate(gold, predicted, types)
    finally:
        settings["components"], settings["recase_all_caps_lines"] = saved


def main() -> None:
    corpus = sys.argv[1] if len(sys.argv) > 1 else "conll2003_testa"
    dev = (
        Path(sys.argv[2])
        if len(sys.argv) > 2
        else Path(__file__).resolve().parents[2] / "shared" / "dev"
    )
    root = dev / corpus
    if not root.is_dir():
        sys.exit(f"development corpus not found at {root}: nothing to measure")
    from brief.pipeline.config import load_config

    types = CORPUS_TYPES[corpus]
    rules = [None, *load_config()["components"], "recase"]
    print(f"{'left out':<24}{'micro F1':>9}  " + "  ".join(f"{t:>12}" for t in types))
    for rule in rules:
        report = score(root, types, rule)
        row = "  ".join(f"{report['mention'][t]['f1']:>12.4f}" for t in types)
        print(f"{rule or '(nothing)':<24}{report['mention_micro']['f1']:>9.4f}  {row}")


if __name__ == "__main__":
    main()
