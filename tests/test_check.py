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


@pytest.mark.parametrize(("version", "code"), [(1, 0), (2, 0), (4, 2)])
def test_baselines_of_other_schema_versions(runner, corpus, version, code):
    # A v1 or v2 baseline (before the "reference" date grain, before formats) still compares;
    # a newer one is refused.
    lock = record(runner, corpus)
    data = json.loads(lock.read_text())
    data["schema_version"] = version
    lock.write_text(json.dumps(data))
    result = invoke(runner, "check", str(corpus), "--baseline", str(lock))
    assert result.exit_code == code
    if code:
        assert "written by a newer brief (schema_version 4)" in result.stderr


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


# The pre-commit hook checks git's index: what the commit will hold.

GIT_ENV = {
    "GIT_AUTHOR_NAME": "A User", "GIT_AUTHOR_EMAIL": "user@example.com",
    "GIT_COMMITTER_NAME": "A User", "GIT_COMMITTER_EMAIL": "user@example.com",
}  # fmt: skip


@pytest.fixture
def repository(tmp_path) -> Path:
    """A git repository with docs/ and its baseline committed and docs/pre-commit-hook.sh
    installed as its pre-commit hook."""
    if shutil.which("brief") is None or shutil.which("git") is None:
        pytest.skip("needs the installed brief command and git")
    repo = tmp_path / "project"
    shutil.copytree(SEEDS, repo / "docs")
    git(repo, "init", "-q")
    hook = repo / ".git" / "hooks" / "pre-commit"
    shutil.copyfile(ROOT / "docs" / "pre-commit-hook.sh", hook)
    hook.chmod(0o755)
    brief_in(repo, "extract", "docs/", "-f", "json", "-o", "brief.lock.json")
    git(repo, "add", ".")
    assert git(repo, "commit", "-q", "-m", "baseline").returncode == 0
    return repo


def git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    import os

    env = {**os.environ, **GIT_ENV}
    return subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env)


def brief_in(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["brief", *args], cwd=repo, capture_output=True, text=True)


def edit_a_document(repo: Path) -> str:
    seed = sorted((repo / "docs").glob("*.txt"))[0]
    seed.write_text(seed.read_text() + "\nBarack Obama spoke in Chicago on 4 July 2010.\n")
    return seed.name


def test_the_hook_refuses_a_staged_change_whose_baseline_update_is_not_staged(repository):
    name = edit_a_document(repository)
    git(repository, "add", f"docs/{name}")
    assert brief_in(repository, "check", "docs/", "--update").returncode == 0  # not staged
    assert brief_in(repository, "check", "docs/").returncode == 0  # the working tree agrees
    commit = git(repository, "commit", "-m", "edit")
    assert commit.returncode == 1
    said = commit.stdout + commit.stderr  # git shows a hook's output on stderr
    assert f"{name}:" in said and "+ person 'Barack Obama' added" in said
    assert "git add brief.lock.json" in said
    git(repository, "add", "brief.lock.json")
    assert git(repository, "commit", "-q", "-m", "edit").returncode == 0


def test_the_hook_lets_an_unrelated_commit_through_despite_unstaged_edits(repository):
    edit_a_document(repository)  # an unstaged edit that the baseline does not hold
    assert brief_in(repository, "check", "docs/").returncode == 1
    commit = git(repository, "commit", "--allow-empty", "-m", "unrelated")
    assert commit.returncode == 0, commit.stdout + commit.stderr


def test_staged_check_from_a_subfolder_and_its_usage_errors(repository):
    (repository / "sub").mkdir()
    done = brief_in(
        repository / "sub", "check", "../docs", "--baseline", "../brief.lock.json", "--staged"
    )
    assert (done.returncode, done.stdout) == (0, "")
    done = brief_in(repository, "check", "docs/", "--staged", "--update")
    assert done.returncode == 2 and done.stderr.startswith("brief: error: --staged checks what git")
    done = brief_in(repository, "check", "docs/", "--baseline", "other.json", "--staged")
    assert done.returncode == 2
    assert "--staged: other.json is not in git's index" in done.stderr
    (repository / "new").mkdir()
    (repository / "new" / "a.txt").write_text("Paris.")
    done = brief_in(repository, "check", "new/", "--staged")
    assert done.returncode == 2 and "nothing under new/ is in git's index" in done.stderr


def test_pre_commit_framework_manifest_runs_the_staged_check(repository):
    """`.pre-commit-hooks.yaml` is a valid manifest, and its entry and arguments, run by the
    pre-commit framework, refuse a commit whose staged baseline is stale."""
    pre_commit = shutil.which("pre-commit")
    if pre_commit is None:
        pytest.skip("pre-commit is not installed")
    import yaml

    manifest = ROOT / ".pre-commit-hooks.yaml"
    assert subprocess.run([pre_commit, "validate-manifest", str(manifest)]).returncode == 0
    (hook,) = yaml.safe_load(manifest.read_text())
    # The same entry and arguments as a local hook, using the installed brief (no download).
    local = {**hook, "language": "system"}
    config = {"repos": [{"repo": "local", "hooks": [local]}]}
    (repository / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    (repository / ".git" / "hooks" / "pre-commit").unlink()
    git(repository, "add", ".pre-commit-config.yaml")

    def run() -> subprocess.CompletedProcess:
        return subprocess.run([pre_commit, "run"], cwd=repository, capture_output=True, text=True)

    assert run().returncode == 0
    name = edit_a_document(repository)
    git(repository, "add", f"docs/{name}")
    refused = run()
    assert refused.returncode == 1 and "+ person 'Barack Obama' added" in refused.stdout


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
