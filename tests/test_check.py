"""A team guarding its corpus in CI: record a baseline, check it, change a document, see why."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import jsonschema
import pytest
from conftest import ROOT, SEEDS, invoke

from brief.schema import extract_schema, jsonl_line_schema


@pytest.fixture
def corpus(tmp_path) -> Path:
    target = tmp_path / "docs"
    shutil.copytree(SEEDS, target)
    return target


def record(runner, corpus: Path) -> Path:
    lock = corpus.parent / "brief.lock.json"
    result = invoke(runner, "extract", str(corpus), "--format", "json", "-o", str(lock))
    assert result.exit_code == 0
    return lock


def test_unchanged_corpus_passes(runner, corpus):
    lock = record(runner, corpus)
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == 0
    assert result.stderr.strip() == "brief: no changes"
    assert result.stdout == ""


def test_edited_document_fails_with_a_readable_report(runner, corpus):
    lock = record(runner, corpus)
    (seed,) = corpus.glob("*.txt")
    text = seed.read_text(encoding="utf-8")
    seed.write_text(text.replace("Batyr Atdayev", "he").replace("$18 billion", "$20 billion"))
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == 1
    assert f"{seed.name}:" in result.stdout
    assert "- person 'Batyr Atdayev' removed (1 mention)" in result.stdout
    assert (
        "~ money '$18 billion' -> '$20 billion' value 18,000,000,000 USD -> 20,000,000,000 USD"
        in result.stdout
    )
    report = json.loads(
        invoke(runner, "check", str(corpus), "--baseline", str(lock), "-f", "json").stdout
    )
    (doc,) = report["documents"]
    assert doc["entities_removed"][0]["text"] == "Batyr Atdayev"
    (money,) = doc["values_changed"]
    assert money["old"]["amount"] == 18000000000 and money["new"]["amount"] == 20000000000


def test_added_and_missing_documents_and_update(runner, corpus):
    lock = record(runner, corpus)
    (corpus / "new.txt").write_text("Angela Merkel visited Paris on 3 May 2019.\n")
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == 1
    assert "+ new.txt: document added" in result.stdout
    assert invoke(runner, "check", str(corpus), "-b", str(lock), "--update").exit_code == 0
    assert invoke(runner, "check", str(corpus), "-b", str(lock)).exit_code == 0
    (corpus / "new.txt").unlink()
    missing = invoke(runner, "check", str(corpus), "-b", str(lock))
    assert missing.exit_code == 1 and "- new.txt: document missing" in missing.stdout


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "no such file"),
        ('{"documents": [', "not valid JSON"),
        ('{"hello": 1}', "not a brief result"),
    ],
)
def test_missing_or_malformed_baseline_is_a_usage_error(runner, corpus, content, message):
    lock = corpus.parent / "lock.json"
    if content is not None:
        lock.write_text(content)
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_other_model_version_warns_but_brief_version_is_ignored(runner, corpus):
    lock = record(runner, corpus)
    data = json.loads(lock.read_text())
    data["model"]["version"] = "3.7.1"
    data["brief_version"] = "0.0.1"
    lock.write_text(json.dumps(data))
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == 0
    assert "warning: model differs from the baseline's" in result.stderr
    assert "3.7.1" in result.stderr


@pytest.mark.parametrize(("version", "code"), [(1, 0), (3, 2)])
def test_baselines_of_other_schema_versions(runner, corpus, version, code):
    # A v1 baseline (before the "reference" date grain) still compares; a newer one is refused.
    lock = record(runner, corpus)
    data = json.loads(lock.read_text())
    data["schema_version"] = version
    lock.write_text(json.dumps(data))
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == code
    if code:
        assert "written by a newer brief (schema_version 3)" in result.stderr


def test_diff_of_two_saved_outputs(runner, corpus, tmp_path):
    old = record(runner, corpus)
    (seed,) = corpus.glob("*.txt")
    seed.write_text(seed.read_text().replace("October 2015", "November 2016"))
    new = tmp_path / "new.json"
    invoke(runner, "extract", str(corpus), "-f", "json", "-o", str(new))
    result = invoke(runner, "diff", str(old), str(new))
    assert result.exit_code == 1
    assert "value 2015-10 -> 2016-11" in result.stdout


def test_every_json_output_validates_against_the_schema(runner, seeds_json):
    schema = extract_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(seeds_json, schema)
    with_summary = json.loads(
        invoke(runner, "extract", str(SEEDS), "-f", "json", "--summary").stdout
    )
    jsonschema.validate(with_summary, schema)
    assert with_summary["summary"][0]["documents"] == 1
    line_schema = jsonl_line_schema()
    for line in invoke(runner, "extract", str(SEEDS), "-f", "jsonl").stdout.splitlines():
        jsonschema.validate(json.loads(line), line_schema)
    printed = json.loads(invoke(runner, "schema").stdout)
    assert printed == schema


def test_readme_ci_recipe_commands_work(tmp_path):
    """The plain shell commands of the README's CI recipe, run as a user would."""
    brief = shutil.which("brief")
    if brief is None:
        pytest.skip("the brief command is not installed")
    docs = tmp_path / "docs"
    shutil.copytree(SEEDS, docs)
    run = lambda *args: subprocess.run([brief, *args], cwd=tmp_path, capture_output=True, text=True)  # noqa: E731
    assert run("extract", "docs/", "--format", "json", "-o", "brief.lock.json").returncode == 0
    assert run("check", "docs/", "--baseline", "brief.lock.json").returncode == 0
    assert "brief check docs/ --baseline brief.lock.json" in (ROOT / "README.md").read_text()
    hook = subprocess.run(
        ["sh", str(ROOT / "docs" / "pre-commit-hook.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert hook.returncode == 0
    (docs / "extra.txt").write_text("Barack Obama spoke in Chicago on 4 July 2010.\n")
    hook = subprocess.run(
        ["sh", str(ROOT / "docs" / "pre-commit-hook.sh")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert hook.returncode == 1 and "extra.txt: document added" in hook.stdout


def _distribution_name() -> str:
    import re

    found = re.search(r'^name = "([^"]+)"', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert found is not None
    return found.group(1)


def test_ci_recipes_install_this_project_not_the_other_brief_on_pypi():
    """`pip install brief` installs an unrelated PyPI project: every recipe names this one."""
    name = _distribution_name()
    assert name == "brief-extract"
    installs = [
        line.split("pip install", 1)[1].split("&&")[0].strip(" `")
        for source in (ROOT / "README.md", ROOT / "docs" / "brief-check.yml")
        for line in source.read_text().splitlines()
        if "pip install" in line and not line.lstrip().startswith("#")
    ]
    recipes = [i for i in installs if "brief" in i and not i.startswith(("'.", ".", "-e"))]
    assert recipes, installs
    for packages in recipes:
        first = packages.split()[0].strip("'\"")
        assert first.split("[")[0] == name, packages


def test_the_installed_distribution_is_brief_extract():
    from importlib.metadata import distribution

    assert (
        distribution(_distribution_name())
        .entry_points.select(group="console_scripts")["brief"]
        .value
        == "brief.cli:main"
    )
