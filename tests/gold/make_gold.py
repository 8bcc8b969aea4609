"""Turn the hand-annotated markup files into docs/*.txt and gold.jsonl: news.annotated.txt into
tests/gold/, timeml.annotated.txt (dates by TimeML conventions) into tests/gold/timeml/.

    python tests/gold/make_gold.py

Markup: [[text|type]] or [[text|type|value]]; a date value is its ISO/TIMEX3 form, a money value
"AMOUNT CUR"; [[text|ignore]] marks a span where a predicted date is neither right nor wrong. The committed docs/ and gold.jsonl must equal what this script writes (a test
checks), so edit the markup, never the outputs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
MARK = re.compile(r"\[\[(?P<text>[^|\]]+)\|(?P<type>[a-z]+)(?:\|(?P<value>[^\]]+))?\]\]")
TYPES = {"date", "money", "person", "place", "organization"}
SETS = {"news.annotated.txt": HERE, "timeml.annotated.txt": HERE / "timeml"}


def parse_value(kind: str, raw: str | None):
    if raw is None:
        return None
    if kind == "money":
        amount, currency = raw.split()
        number = float(amount)
        return {"amount": int(number) if number.is_integer() else number, "currency": currency}
    return raw


def documents(source: str) -> list[tuple[str, str, list[dict], list[dict]]]:
    blocks = re.split(r"^=== (\S+)\n", source, flags=re.MULTILINE)
    result = []
    for name, block in zip(blocks[1::2], blocks[2::2], strict=True):
        if block.endswith("\n"):
            block = block[:-1]
        text, entities, ignore, position = [], [], [], 0
        length = 0
        for match in MARK.finditer(block):
            before = block[position : match.start()]
            text.append(before)
            length += len(before)
            kind = match.group("type")
            if kind != "ignore" and kind not in TYPES:
                sys.exit(f"{name}: unknown type {kind!r} in {match.group(0)}")
            entity = {"type": kind, "start": length, "end": length + len(match.group("text")),
                      "text": match.group("text")}  # fmt: skip
            value = parse_value(kind, match.group("value"))
            if value is not None:
                entity["value"] = value
            if kind == "ignore":
                ignore.append({k: entity[k] for k in ("start", "end", "text")})
            else:
                entities.append(entity)
            text.append(match.group("text"))
            length += len(match.group("text"))
            position = match.end()
        text.append(block[position:])
        result.append((name, "".join(text), entities, ignore))
    return result


def build(out: Path, markup: str = "news.annotated.txt") -> None:
    source = (HERE / markup).read_text(encoding="utf-8")
    source = "\n".join(line for line in source.split("\n") if not line.startswith("# "))
    docs = out / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    lines = []
    for name, text, entities, ignore in documents(source):
        (docs / name).write_text(text, encoding="utf-8")
        for entity in entities + ignore:
            assert text[entity["start"] : entity["end"]] == entity["text"]
        line = {"doc": name, "entities": entities, **({"ignore": ignore} if ignore else {})}
        lines.append(json.dumps(line, ensure_ascii=False, sort_keys=True))
    (out / "gold.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    for markup, out in SETS.items():
        build(out, markup)
