"""Date and money expressions in running sentences, end to end.

Every case in `tests/expressions/*.txt` is one document (its sentence under a `date` header
giving the reference date). All of them go through the installed `brief extract` in one run
per option set, and each test checks one case: the mention's exact span and its value, or, for
what must not match, that no mention of the type touches the marked stretch.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

CASES = Path(__file__).resolve().parent / "expressions"
DEFAULT_REFERENCE = "2024-11-08"
KINDS = {"dates.txt": "date", "money.txt": "money"}


@dataclass(frozen=True)
class Case:
    kind: str
    family: str
    options: tuple[str, ...]
    reference: str
    text: str
    start: int
    end: int
    expected: Any  # the value, or NONE for "no mention here"
    line: int

    @property
    def id(self) -> str:
        return f"{self.kind}/{self.family}/{self.text[self.start : self.end] or self.text}"


NONE = object()
_MARK = re.compile(r"\[\[(.+?)\]\]|\{\{(.+?)\}\}")


def date_value(spec: str) -> Any:
    words = spec.split()
    if words == ["null"]:
        return None
    if words[0] == "range":
        _, grain, start, end = words
        return {"start": start, "end": end, "grain": grain}
    if words[0] == "mod":
        _, mod, grain, iso = words
        return {"iso": iso, "grain": grain, "mod": mod}
    if words[0] == "ref":
        return {"iso": words[1], "grain": "reference"}
    grain, iso = words
    return {"iso": iso, "grain": grain}


def money_value(spec: str) -> Any:
    currency, amount = spec.split()
    value: dict[str, Any] = {"currency": None if currency == "?" else currency}

    def number(text: str) -> int | float:
        return float(text) if "." in text else int(text)

    if amount == "~":
        return {**value, "amount": None, "approximate": True}
    if amount.startswith("~"):
        return {**value, "amount": number(amount[1:]), "approximate": True}
    if amount.startswith(">="):
        return {**value, "min": number(amount[2:])}
    if amount.startswith("<="):
        return {**value, "max": number(amount[2:])}
    if ".." in amount:
        low, high = amount.split("..")
        return {**value, "min": number(low), "max": number(high)}
    return {**value, "amount": number(amount)}


def load_cases() -> list[Case]:
    cases = []
    for name, kind in KINDS.items():
        family, options = "", ()
        for number, line in enumerate((CASES / name).read_text().splitlines(), 1):
            if line.startswith("% "):
                match = re.fullmatch(r"% (.+?)(?: \[(.+)\])?", line)
                family = match.group(1)
                options = tuple(match.group(2).split()) if match.group(2) else ()
                continue
            if not line.strip() or line.startswith("#"):
                continue
            reference, marked, expected = (part.strip() for part in line.split(" | "))
            mark = _MARK.search(marked)
            assert mark, f"{name}:{number}: no [[mention]] or {{{{stretch}}}}"
            inner = mark.group(1) or mark.group(2)
            text = marked[: mark.start()] + inner + marked[mark.end() :]
            if expected == "none":
                value: Any = NONE
            else:
                value = date_value(expected) if kind == "date" else money_value(expected)
            cases.append(
                Case(kind, family, options, DEFAULT_REFERENCE if reference == "-" else reference,
                     text, mark.start(), mark.start() + len(inner), value, number)
            )  # fmt: skip
    return cases


ALL = load_cases()


def brief_command() -> list[str]:
    """The installed `brief`, as a user runs it (the module, where no script is on PATH)."""
    found = shutil.which("brief", path=str(Path(sys.executable).parent)) or shutil.which("brief")
    return [found] if found else [sys.executable, "-m", "brief"]


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> dict[tuple[str, ...], dict[str, dict]]:
    """Every case's document as brief extracted it, by option set and file name."""
    runs: dict[tuple[str, ...], dict[str, dict]] = {}
    for options in sorted({c.options for c in ALL}):
        folder = tmp_path_factory.mktemp("expressions")
        for index, case in enumerate(ALL):
            if case.options == options:
                (folder / f"case{index:04d}.txt").write_text(
                    f"date {case.reference}\n\n{case.text}\n"
                )
        done = subprocess.run(
            [*brief_command(), "extract", str(folder), "-f", "json", "--no-cache", "-q", *options],
            capture_output=True, text=True, timeout=900,
        )  # fmt: skip
        assert done.returncode == 0, done.stderr
        runs[options] = {Path(d["path"]).name: d for d in json.loads(done.stdout)["documents"]}
    return runs


@pytest.mark.parametrize("case", ALL, ids=[c.id for c in ALL])
def test_expression_in_a_sentence(case: Case, extracted) -> None:
    document = extracted[case.options][f"case{ALL.index(case):04d}.txt"]
    offset = len(f"date {case.reference}\n\n")
    mentions = [
        (m["start"] - offset, m["end"] - offset, m["text"], entity["value"])
        for entity in document["entities"] if entity["type"] == case.kind
        for m in entity["mentions"]
    ]  # fmt: skip
    found = [(m[2], m[3]) for m in mentions]
    if case.expected is NONE:
        touching = [m for m in mentions if m[0] < case.end and case.start < m[1]]
        assert not touching, (
            f"{case.text!r}: no {case.kind} expected at {case.text[case.start : case.end]!r}, found {found}"
        )
        return
    wanted = case.text[case.start : case.end]
    exact = [m for m in mentions if (m[0], m[1]) == (case.start, case.end)]
    assert exact, f"{case.text!r}: expected the {case.kind} mention {wanted!r}, found {found}"
    assert exact[0][3] == case.expected, f"{case.text!r}: {wanted!r} has value {exact[0][3]}"


def test_the_suite_covers_every_family_with_enough_cases() -> None:
    families = {(c.kind, c.family) for c in ALL}
    assert len(ALL) >= 400
    assert len(families) >= 20
    assert sum(c.expected is NONE for c in ALL) >= 25  # what must not match


def test_every_example_in_readmes_families_table_is_a_case() -> None:
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = readme.split("<!-- families:", 1)[1].split("\n\n", 1)[0]
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line][1:]
    assert len(rows) >= 18
    sentences = [c.text.lower() for c in ALL]
    for row in rows:
        family, written = (cell.strip() for cell in row.strip("|").split("|")[:2])
        examples = re.findall(r"`([^`]+)`", written)
        assert examples, family
        for example in examples:
            assert any(example.lower() in s for s in sentences), (
                f"{family}: {example!r} is in no case"
            )


def test_a_markdown_heading_is_no_amount(tmp_path) -> None:
    (tmp_path / "notes.md").write_text(
        "date 2024-11-08\n\n# Q3 results\n\nRevenue rose to $5m in Q3.\n"
    )
    done = subprocess.run(
        [*brief_command(), "extract", str(tmp_path), "-f", "json", "--no-cache", "-q"],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    entities = json.loads(done.stdout)["documents"][0]["entities"]
    money = [
        (m["text"], e["value"]) for e in entities if e["type"] == "money" for m in e["mentions"]
    ]
    dates = [
        (m["text"], e["value"]) for e in entities if e["type"] == "date" for m in e["mentions"]
    ]
    assert money == [("$5m", {"amount": 5000000, "currency": "USD"})]
    assert ("Q3", {"iso": "2024-Q3", "grain": "quarter"}) in dates


def test_no_word_alternative_hides_a_longer_one_in_the_grammar() -> None:
    """A form's words before a slot are matched once, without backtracking into them: in
    `(?:through|through to) {POINT}` the slot is tried after `through` alone and `the three
    months through to September` is missed. A longer word alternative must come first."""
    grammar = Path(__file__).resolve().parent.parent / "models" / "grammar"
    hidden = []
    for rules in sorted(grammar.glob("*.rules")):
        for number, line in enumerate(rules.read_text().splitlines(), 1):
            for group in re.finditer(r"\(\?:([A-Za-z' |-]+)\)", line):
                words = group.group(1).split("|")
                hidden += [
                    f"{rules.name}:{number}: {a!r} before {b!r}"
                    for i, a in enumerate(words)
                    for b in words[i + 1 :]
                    if b.startswith(a) and b != a
                ]
    assert not hidden, hidden
