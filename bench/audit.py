"""Suspicious outcomes in brief's output that need no gold annotations to count.

    python bench/audit.py [FOLDER] [--sample N] [--reference-date YYYY-MM-DD] [--examples 5]

FOLDER defaults to ../shared/bench/bbc (2,225 BBC articles); `--sample 4` keeps every 4th file.
Runs brief (model and rule layer, no cache) over the folder and counts, with examples:

- money followed by a glued scale or subunit letter: the mention stops before "m", "bn" or
  "p" written onto the number (`€3` of `€3m`);
- money below 1,000 with a scale word right after it: `£40` of `£40 million`;
- mentions with unbalanced brackets or markup (`Reuters](https://...`, `(QR`, `**`);
- dates that name a point on the calendar (a month, a weekday, a year, "last week") whose
  value is null although the document has a reference date (its `date` header or
  --reference-date); durations ("three years") and anaphora ("a year earlier") have no value
  by design.

Each count should be 0 or explainable; the examples say which. Exit status 0 always: this is a
report, not a test.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "bbc"

GLUED_SCALE = re.compile(r"(?:bn|mn|m|k|tn|b|p)(?![a-z])", re.IGNORECASE)
SCALE_WORD = re.compile(
    r"\s*-?\s*(?:thousand|million|billion|trillion|lakh|crore)\b", re.IGNORECASE
)
MARKUP = re.compile(r"\]\(|https?://|\*\*|__|`|<[a-z/]|^#|\|")
# A date that names a point on the calendar (a month, a weekday, a plausible year, a named
# relative period) should have a value; durations ("three years"), ages and anaphora ("a year
# earlier", "the following month") have none by design.
CALENDAR = re.compile(
    r"\b(?:jan(?:uary)?|feb(?:ruary)?|march|april|may|june|july|aug(?:ust)?|sept?(?:ember)?"
    r"|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday|today|tomorrow|yesterday|(?:1[5-9]|20)\d\d|q[1-4]|h[12]"
    r"|(?:last|next|this) (?:week|month|year|quarter|decade|century|spring|summer|autumn|"
    r"winter|weekend))\b",
    re.IGNORECASE,
)
ANAPHORIC = re.compile(
    r"\b(?:earlier|later|before|after|following|previous|that|same)\b", re.IGNORECASE
)


def balanced(text: str) -> bool:
    for opening, closing in ("()", "[]", "{}"):
        if text.count(opening) != text.count(closing):
            return False
    return text.count('"') % 2 == 0


def audit(folder: Path, sample: int, reference: str | None) -> dict[str, list[str]]:
    import brief
    from brief.results import Document
    from brief.sources import Source, find_inputs, read_input

    inputs = find_inputs([str(folder)])[::sample]
    texts: dict[str, str] = {}
    for item in inputs:
        source = read_input(item)
        if isinstance(source, Source):
            texts[source.path] = source.text
    findings: dict[str, list[str]] = {
        "money followed by a glued scale or subunit letter": [],
        "money below 1,000 with a scale word right after it": [],
        "mention with unbalanced brackets or markup": [],
        "date with a null value although the document has a reference": [],
    }
    counts: Counter[str] = Counter()
    options = {"reference_date": reference} if reference else {}
    documents = brief.extract_paths([item.path for item in inputs], **options)
    for document in documents:
        if not isinstance(document, Document):
            continue
        text = texts.get(document.path, "")
        for entity in document.entities:
            for mention in entity.mentions:
                counts[entity.type] += 1
                after = text[mention.end : mention.end + 12]
                where = f"{document.path}: …{text[max(0, mention.start - 30) : mention.end + 15]!r}"
                if entity.type == "money":
                    if GLUED_SCALE.match(after):
                        findings["money followed by a glued scale or subunit letter"].append(where)
                    amount = (entity.value or {}).get("amount")
                    if (
                        isinstance(amount, (int, float))
                        and amount < 1000
                        and SCALE_WORD.match(after)
                    ):
                        findings["money below 1,000 with a scale word right after it"].append(where)
                if not balanced(mention.text) or MARKUP.search(mention.text):
                    findings["mention with unbalanced brackets or markup"].append(where)
                if (
                    entity.type == "date"
                    and entity.value is None
                    and document.reference_date
                    and CALENDAR.search(mention.text)
                    and not ANAPHORIC.search(mention.text)
                ):
                    findings["date with a null value although the document has a reference"].append(
                        f"{mention.text!r} in {where}"
                    )
    findings["_counts"] = [
        f"{len(texts)} documents",
        *(f"{n} {t} mentions" for t, n in sorted(counts.items())),
    ]
    return findings


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=1, help="keep every Nth file")
    parser.add_argument("--reference-date", default=None)
    parser.add_argument("--examples", type=int, default=5)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (the BBC corpus lives in ../shared/bench/bbc)")
    findings = audit(folder, max(1, args.sample), args.reference_date)
    print("audited: " + ", ".join(findings.pop("_counts")))
    for label, items in findings.items():
        print(f"{len(items):6d}  {label}")
        for example in items[: args.examples]:
            print(f"          {example}")


if __name__ == "__main__":
    main()
