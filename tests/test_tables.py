"""What people read at a terminal and in spreadsheets: typed CSV columns, mentions in context,
the summary's length and when it is shown, narrow terminals, the progress line."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess

import pytest
from conftest import invoke

from brief.render.progress import progress_text

SENTENCE = (
    "date 2024-03-16\nSiemens paid €3m in Berlin last week, between $5m and $7m in Q3 2023, "
    "and a multibillion-dollar sum that Shinzo Abe approved.\n"
)


def csv_rows(runner, path) -> list[dict[str, str]]:
    result = invoke(runner, "extract", str(path), "-f", "csv", "--no-cache", "-q")
    assert result.exit_code == 0, result.stderr
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(SENTENCE, encoding="utf-8")
    return path


def test_csv_typed_columns_spell_out_each_value(runner, article):
    rows = {row["text"]: row for row in csv_rows(runner, article)}
    typed = ("iso", "date_start", "date_end", "grain", "amount", "min", "max", "currency",
             "country")  # fmt: skip

    def cells(text):
        return {k: rows[text][k] for k in typed if rows[text][k]}

    assert cells("€3m") == {"amount": "3000000", "currency": "EUR"}
    assert cells("between $5m and $7m") == {"min": "5000000", "max": "7000000", "currency": "USD"}
    assert cells("Q3 2023") == {"iso": "2023-Q3", "grain": "quarter"}
    assert cells("last week") == {"iso": "2024-W10", "grain": "week"}
    assert cells("Berlin") == {"country": "DE"}
    assert cells("Siemens") == {}
    # The JSON value column stays, and offsets still index the text.
    assert json.loads(rows["€3m"]["value"]) == {"amount": 3000000, "currency": "EUR"}
    for row in rows.values():
        assert SENTENCE[int(row["start"]) : int(row["end"])] == row["text"]


def test_date_ranges_fill_date_start_and_date_end(runner, tmp_path):
    path = tmp_path / "range.txt"
    path.write_text("date 2024-03-16\nThe talks ran from 3 May to 9 June 2023 in Geneva.\n")
    ranges = [r for r in csv_rows(runner, path) if r["date_start"]]
    assert ranges, "no date range found"
    assert (ranges[0]["date_start"], ranges[0]["date_end"]) == ("2023-05-03", "2023-06-09")
    assert ranges[0]["iso"] == ""


def test_context_in_json_and_in_tables(runner, article):
    result = invoke(runner, "extract", str(article), "-f", "json", "--context", "12", "--no-cache")
    for entity in json.loads(result.stdout)["documents"][0]["entities"]:
        for m in entity["mentions"]:
            assert m["context"] == SENTENCE[max(0, m["start"] - 12) : m["end"] + 12]
    table = invoke(runner, "extract", str(article), "-f", "table", "--context", "12", "--no-cache")
    assert "in context" in table.stdout
    assert "paid €3m in Berlin" in table.stdout
    assert "…" in table.stdout  # where the context was cut


def test_without_context_json_has_none(runner, article):
    result = invoke(runner, "extract", str(article), "-f", "json", "--no-cache")
    mentions = [m for e in json.loads(result.stdout)["documents"][0]["entities"]
                for m in e["mentions"]]  # fmt: skip
    assert mentions and not [m for m in mentions if "context" in m]


def test_one_document_gets_no_repeated_summary_two_do(runner, article, tmp_path):
    alone = invoke(runner, "extract", str(article), "-f", "table", "--no-cache")
    assert "All documents" not in alone.stdout and "Shinzo Abe" in alone.stdout
    (tmp_path / "second.txt").write_text("Angela Merkel visited Paris.")
    both = invoke(runner, "extract", str(tmp_path), "-f", "table", "--no-cache")
    assert "All documents" in both.stdout


def test_long_runs_show_the_summary_unless_per_document_is_asked(runner, tmp_path):
    for i in range(21):
        (tmp_path / f"doc{i:02d}.txt").write_text(f"Angela Merkel met {i} people in Paris.")
    short = invoke(runner, "extract", str(tmp_path), "-f", "table", "--no-cache", "-q")
    assert "doc00.txt" not in short.stdout and "All documents" in short.stdout
    full = invoke(runner, "extract", str(tmp_path), "-f", "table", "--per-document", "-q",
                  "--no-cache")  # fmt: skip
    assert "doc00.txt" in full.stdout and "All documents" in full.stdout


def test_top_keeps_the_most_frequent_of_each_type(runner, tmp_path):
    (tmp_path / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris and Berlin.")
    (tmp_path / "b.txt").write_text("Angela Merkel visited Paris.")
    result = invoke(runner, "extract", str(tmp_path), "-f", "json", "--summary", "--top", "1",
                    "--no-cache")  # fmt: skip
    summary = json.loads(result.stdout)["summary"]
    by_type = {r["type"]: r["text"] for r in summary}
    assert len(summary) == len(by_type)  # one row of each type
    assert (by_type["person"], by_type["place"]) == ("Angela Merkel", "Paris")
    table = invoke(runner, "extract", str(tmp_path), "-f", "table", "--top", "1", "--no-cache")
    assert "the 1 most frequent of each type" in table.stdout
    assert "Berlin" in table.stdout  # in a.txt's own table, not in the summary's


def test_a_narrow_terminal_never_splits_a_word(article):
    done = subprocess.run(
        ["brief", "extract", str(article), "-f", "table", "--no-cache", "-q"],
        capture_output=True, text=True, env={**os.environ, "COLUMNS": "50"}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert max(len(line) for line in done.stdout.splitlines()) <= 50
    cells = [c.strip() for line in done.stdout.splitlines() for c in line.split("│")]
    words = {w for c in cells for w in c.split()}
    # Each word is whole, or cut with an ellipsis: "multibill…", never "multibillion-d" and
    # "ollar" on the next line.
    assert [w for w in words if w.startswith("multibill")], "the amount is not in the table"
    fragments = [w for w in words if w.startswith("multibill") and not w.endswith("…")]
    assert fragments in ([], ["multibillion-dollar"])
    assert not [w for w in words if w in ("ollar", "dollar")]


@pytest.mark.parametrize(
    ("done", "total", "elapsed", "text"),
    [
        (0, 100, 0.5, "0/100 documents · 0.0 docs/s · ETA -:--:--"),
        (50, 2225, 10.0, "50/2,225 documents · 5.0 docs/s · ETA 0:07:15"),
        (2225, 2225, 120.0, "2,225/2,225 documents · 18.5 docs/s · ETA 0:00:00"),
        (10, 4000, 2.0, "10/4,000 documents · 5.0 docs/s · ETA 0:13:18"),
    ],
)
def test_progress_line_labels_count_rate_and_eta(done, total, elapsed, text):
    assert progress_text(done, total, elapsed) == text
