"""`brief eval` against a small hand-annotated gold file: figures, values, thresholds."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, invoke

from brief.evaluate import _gold_value_matches

GOLD = ROOT / "tests" / "gold" / "tiny.jsonl"
DOCS = ROOT / "tests" / "gold" / "tiny"


def test_eval_scores_mentions_documents_and_values(runner):
    result = invoke(runner, "eval", str(GOLD), str(DOCS), "-f", "json")
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["documents"] == 2
    assert report["mention"]["person"]["tp"] == 1
    assert report["mention"]["date"]["tp"] == 2
    assert report["value_accuracy"]["date"] == {"right": 2, "total": 2, "accuracy": 1.0}
    assert report["value_accuracy"]["money"] == {"right": 1, "total": 1, "accuracy": 1.0}
    assert report["mention_micro"]["f1"] == 1.0


def test_threshold_failure_exits_1(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "a.txt", "entities": [
            {"type": "organization", "start": 19, "end": 24, "text": "Tokyo"}]}) + "\n"
    )  # fmt: skip
    result = invoke(
        runner, "eval", str(gold), str(DOCS), "--min-f1", "organization=0.5", "--errors"
    )
    assert result.exit_code == 1
    assert "below threshold: organization F1 0.000 < 0.5" in result.stderr
    assert "false negative: a.txt organization 'Tokyo'" in result.stdout


def test_malformed_gold_is_a_usage_error(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{not json}\n")
    result = invoke(runner, "eval", str(gold), str(DOCS))
    assert result.exit_code == 2 and "not a gold line" in result.stderr


@pytest.mark.parametrize(
    ("predicted", "gold", "right"),
    [
        ({"iso": "197X", "grain": "decade"}, "197", True),  # TIMEX3 writes decades short
        ({"iso": "19XX", "grain": "century"}, "19", True),
        ({"iso": "197X", "grain": "decade"}, "198", False),
        ({"iso": "1970", "grain": "year"}, "197", False),
        ({"start": "2024-07-01", "end": "2024-09-30", "grain": "day"}, "2024-07-01", True),
        (None, "2024", False),
    ],
)
def test_date_values_match_across_notations(predicted, gold, right):
    assert _gold_value_matches("date", predicted, gold) is right


def test_errors_list_a_value_that_differs_from_the_gold(runner, tmp_path):
    gold = tmp_path / "gold.jsonl"
    line = json.loads(GOLD.read_text().splitlines()[0])
    for entity in line["entities"]:
        if entity["text"] == "yesterday":
            entity["value"] = "2024-03-14"  # the gold says another day
    gold.write_text(json.dumps(line) + "\n")
    result = invoke(runner, "eval", str(gold), str(DOCS), "--errors")
    assert result.exit_code == 0
    assert "date values right: 1/2 = 0.500" in result.stdout
    assert (
        "wrong value: a.txt date 'yesterday' "
        '{"grain":"day","iso":"2024-03-15"} (gold "2024-03-14")'
    ) in result.stdout
    listed = json.loads(
        invoke(runner, "eval", str(gold), str(DOCS), "--errors", "-f", "json").stdout
    )
    wrong = [e for e in listed["errors"] if e["kind"] == "wrong value"]
    assert wrong == [
        {"doc": "a.txt", "kind": "wrong value", "type": "date", "start": 51, "end": 60,
         "value": {"grain": "day", "iso": "2024-03-15"}, "gold_value": "2024-03-14"}
    ]  # fmt: skip
