"""Precision, recall and F1 against gold annotations, from the same records `extract` prints.

Gold is JSON Lines, one document a line:
`{"doc": "name.txt", "entities": [{"type", "start", "end", "text", "value"?}], "dct"?, "ignore"?}`
(`dct`: the document date, used as the reference for relative dates; `ignore`: spans where a
predicted date is neither right nor wrong). Documents are read from DOCS_DIR/doc.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .results import ENTITY_TYPES, Document


class GoldError(Exception):
    """An unreadable gold file: a usage error."""


@dataclass
class GoldDocument:
    doc: str
    entities: list[dict[str, Any]]
    dct: str | None = None
    ignore: list[tuple[int, int]] = field(default_factory=list)


def load_gold(path: str) -> list[GoldDocument]:
    documents = []
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise GoldError(f"{path}: {exc.strerror or exc}") from None
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
            documents.append(
                GoldDocument(
                    data["doc"], list(data["entities"]), data.get("dct"),
                    [(s["start"], s["end"]) for s in data.get("ignore", [])],
                )
            )  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise GoldError(f"{path}:{number}: not a gold line ({exc})") from None
    return documents


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def scores(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}  # fmt: skip


def _key_text(text: str) -> str:
    return " ".join(text.split()).casefold()


def _gold_value_matches(kind: str, predicted: Any, gold: Any) -> bool:
    if kind == "date":
        if not isinstance(predicted, dict):
            return False
        iso = predicted.get("iso")
        if isinstance(iso, str) and isinstance(gold, str) and re.fullmatch(r"\d{2,3}", gold):
            # TIMEX3 writes decades and centuries short ("197", "19"); brief pads ("197X").
            iso = iso.rstrip("X")
        if isinstance(gold, str) and (weekend := re.fullmatch(r"(\d{4})-W(\d{2})-WE", gold)):
            # TIMEX3 names a weekend by its week ("1998-W32-WE"); brief gives its two days.
            saturday = dt.date.fromisocalendar(int(weekend[1]), int(weekend[2]), 6).isoformat()
            return predicted.get("start") == saturday and predicted.get("grain") == "day"
        return iso == gold or (isinstance(gold, str) and predicted.get("start") == gold)
    if kind == "money":
        if isinstance(gold, dict):
            return predicted == gold
        return isinstance(predicted, dict) and predicted.get("amount") == gold
    return predicted == gold


def evaluate(
    gold: list[GoldDocument], predicted: dict[str, Document], types: tuple[str, ...] = ENTITY_TYPES
) -> dict[str, Any]:
    mention = {t: Counts() for t in types}
    document = {t: Counts() for t in types}
    values: dict[str, Counter[str]] = {t: Counter() for t in ("date", "money")}
    errors: list[dict[str, Any]] = []
    for gold_doc in gold:
        doc = predicted.get(gold_doc.doc)
        found = set()
        found_text: dict[str, set[str]] = {t: set() for t in types}
        predicted_values: dict[tuple[int, int, str], Any] = {}
        if doc is not None:
            for entity in doc.entities:
                if entity.type not in types:
                    continue
                found_text[entity.type].add(_key_text(entity.text))
                for m in entity.mentions:
                    found.add((m.start, m.end, entity.type))
                    predicted_values[(m.start, m.end, entity.type)] = entity.value
                    found_text[entity.type].add(_key_text(m.text))
        gold_set = {
            (e["start"], e["end"], e["type"]) for e in gold_doc.entities if e["type"] in types
        }
        for start, end, kind in sorted(found - gold_set):
            if kind == "date" and any(a < end and start < b for a, b in gold_doc.ignore):
                continue
            mention[kind].fp += 1
            errors.append(
                {
                    "doc": gold_doc.doc,
                    "kind": "false positive",
                    "type": kind,
                    "start": start,
                    "end": end,
                }
            )
        for start, end, kind in sorted(gold_set - found):
            mention[kind].fn += 1
            errors.append(
                {
                    "doc": gold_doc.doc,
                    "kind": "false negative",
                    "type": kind,
                    "start": start,
                    "end": end,
                }
            )
        for _, _, kind in gold_set & found:
            mention[kind].tp += 1
        gold_text: dict[str, set[str]] = {t: set() for t in types}
        for e in gold_doc.entities:
            if e["type"] in types:
                gold_text[e["type"]].add(_key_text(e["text"]))
            if e["type"] in values and "value" in e and e.get("value") is not None:
                key = (e["start"], e["end"], e["type"])
                if key in predicted_values:
                    ok = _gold_value_matches(e["type"], predicted_values[key], e["value"])
                    values[e["type"]]["right" if ok else "wrong"] += 1
                    if not ok:
                        errors.append(
                            {
                                "doc": gold_doc.doc,
                                "kind": "wrong value",
                                "type": e["type"],
                                "start": e["start"],
                                "end": e["end"],
                                "value": predicted_values[key],
                                "gold_value": e["value"],
                            }
                        )
        # Document level: unique entities by normalised text; a predicted entity counts as
        # right when its canonical text or any of its mentions' texts is a gold entity.
        if doc is not None:
            for entity in doc.entities:
                if entity.type not in types:
                    continue
                names = {_key_text(entity.text)} | {_key_text(m.text) for m in entity.mentions}
                if names & gold_text[entity.type]:
                    document[entity.type].tp += 1
                else:
                    document[entity.type].fp += 1
            for kind in types:
                matched = {
                    g for g in gold_text[kind]
                    if any(g in ({_key_text(e.text)} | {_key_text(m.text) for m in e.mentions})
                           for e in doc.entities if e.type == kind)
                }  # fmt: skip
                document[kind].fn += len(gold_text[kind] - matched)
    micro = Counts(*(sum(getattr(c, f) for c in mention.values()) for f in ("tp", "fp", "fn")))
    return {
        "documents": len(gold),
        "mention": {t: c.scores() for t, c in mention.items()},
        "mention_micro": micro.scores(),
        "document": {t: c.scores() for t, c in document.items()},
        "value_accuracy": {
            t: {
                "right": c["right"],
                "total": c["right"] + c["wrong"],
                "accuracy": round(c["right"] / (c["right"] + c["wrong"]), 4)
                if c["right"] + c["wrong"]
                else None,
            }
            for t, c in values.items()
            if t in types
        },
        "errors": errors,
    }
