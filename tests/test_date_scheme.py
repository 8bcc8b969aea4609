"""`--date-scheme`: the model's OntoNotes convention by default, TimeML's on request."""

from __future__ import annotations

import json

import jsonschema
from conftest import ROOT, invoke

from brief.schema import extract_schema

TIMEML_GOLD = ROOT / "tests" / "gold" / "timeml"

TEXT = (
    "date 2022-11-10\n"
    "Jorge Hernandez, 49, said profit for the quarter ended Sept. 30 fell. The airline runs "
    "daily flights and the 6-year-old route is now profitable. Crews worked Wednesday night. "
    "Last year's show ran from Aug. 26 to Oct. 20 and may return in the future.\n"
)


def dates(runner, tmp_path, *options: str) -> list[tuple[str, int, int, object]]:
    path = tmp_path / "story.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = invoke(runner, "extract", str(path), "-f", "json", "-t", "date", *options)
    assert result.exit_code == 0, result.stderr
    output = json.loads(result.stdout)
    jsonschema.validate(output, extract_schema())  # "reference" values are in the contract
    (document,) = output["documents"]
    found = [
        (m["text"], m["start"], m["end"], entity["value"])
        for entity in document["entities"]
        for m in entity["mentions"]
    ]
    for text, start, end, _ in found:
        assert TEXT[start:end] == text
    return sorted(found, key=lambda mention: mention[1])


def test_default_scheme_follows_the_model_ontonotes(runner, tmp_path):
    found = [text for text, *_ in dates(runner, tmp_path)]
    # Ages and frequencies are dates in OntoNotes, "now" and "the future" are not, and a
    # span with two dates stays one.
    assert "49" in found and "daily" in found and "6-year-old" in found
    assert "the quarter ended Sept. 30" in found and "Aug. 26 to Oct. 20" in found
    assert "now" not in found and "the future" not in found


def test_timeml_scheme_redraws_dates(runner, tmp_path):
    found = dates(runner, tmp_path, "--date-scheme", "timeml")
    day = lambda iso: {"iso": iso, "grain": "day"}  # noqa: E731
    assert [(text, value) for text, _, _, value in found] == [
        ("the quarter", {"iso": "2022-Q3", "grain": "quarter"}),
        ("Sept. 30", day("2022-09-30")),
        ("now", {"iso": "PRESENT_REF", "grain": "reference"}),
        ("Wednesday night", day("2022-11-09")),
        ("Last year", {"iso": "2021", "grain": "year"}),
        ("Aug. 26", day("2022-08-26")),
        ("Oct. 20", day("2022-10-20")),
        ("the future", {"iso": "FUTURE_REF", "grain": "reference"}),
    ]


def test_scheme_from_the_environment(runner, tmp_path, monkeypatch):
    monkeypatch.setenv("BRIEF_DATE_SCHEME", "timeml")
    assert "now" in [text for text, *_ in dates(runner, tmp_path)]


def test_unknown_scheme_is_a_usage_error(runner, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Now.", encoding="utf-8")
    result = invoke(runner, "extract", str(path), "--date-scheme", "iso")
    assert result.exit_code == 2
    assert "--date-scheme must be one of ontonotes, timeml, not 'iso'" in result.stderr
    assert result.stdout == ""


def test_timeml_gold_set_thresholds(runner):
    # Just under `brief eval tests/gold/timeml/gold.jsonl tests/gold/timeml/docs --date-scheme
    # timeml` (1.000 F1, values 38/39); the model's own convention scores far lower there.
    gold, docs = str(TIMEML_GOLD / "gold.jsonl"), str(TIMEML_GOLD / "docs")
    result = invoke(
        runner, "eval", gold, docs, "-t", "date", "--date-scheme", "timeml",
        "--min-f1", "date=0.97", "-f", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stdout
    report = json.loads(result.stdout)
    assert report["settings"]["date_scheme"] == "timeml"
    assert report["value_accuracy"]["date"]["accuracy"] >= 0.94
    default = json.loads(invoke(runner, "eval", gold, docs, "-t", "date", "-f", "json").stdout)
    assert default["settings"]["date_scheme"] == "ontonotes"
    assert default["mention"]["date"]["f1"] < 0.6


def test_cached_results_are_per_scheme(runner, tmp_path):
    cache = str(tmp_path / "cache")
    first = dates(runner, tmp_path, "--cache", cache)
    assert dates(runner, tmp_path, "--cache", cache, "--date-scheme", "timeml") != first
    assert dates(runner, tmp_path, "--cache", cache) == first


def test_timeml_current_is_a_date_but_not_in_current_account(runner, tmp_path):
    path = tmp_path / "economy.txt"
    text = "date 2024-01-05\nThe current account deficit widened, the current owners said.\n"
    path.write_text(text, encoding="utf-8")
    result = invoke(runner, "extract", str(path), "-f", "jsonl", "--date-scheme", "timeml")
    (line,) = [json.loads(line) for line in result.stdout.splitlines()]
    mentions = [(m["start"], m["end"]) for e in line["entities"] for m in e["mentions"]]
    assert mentions == [(text.index("current owners"), text.index("current owners") + 7)]


def test_check_warns_when_the_baseline_used_another_scheme(runner, tmp_path):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "story.txt").write_text(TEXT, encoding="utf-8")
    lock = str(tmp_path / "lock.json")
    docs = str(tmp_path / "docs")
    recorded = invoke(runner, "extract", docs, "-f", "json", "-o", lock, "--date-scheme", "timeml")
    assert recorded.exit_code == 0
    assert json.loads((tmp_path / "lock.json").read_text())["date_scheme"] == "timeml"
    same = invoke(runner, "check", docs, "-b", lock, "--date-scheme", "timeml")
    assert same.exit_code == 0 and "warning" not in same.stderr
    other = invoke(runner, "check", docs, "-b", lock)
    assert other.exit_code == 1
    assert "warning: date scheme differs from the baseline's: timeml -> ontonotes" in other.stderr
    assert "'now' removed" in other.stdout
