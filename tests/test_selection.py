"""Which files a run takes, with ripgrep's conventions: hidden files, ignore files, --exclude,
--files-from, symbolic links and duplicates, and a run that matches nothing."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest
from conftest import invoke

SENTENCE = "Angela Merkel met Emmanuel Macron in Berlin on 3 May 2021."


def write(root: Path, *names: str) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(SENTENCE)


def taken(runner, *args: str, input: str | None = None, where: Path | None = None) -> list[str]:
    """The paths a run of the installed brief reports (documents and errors), relative to
    `where`."""
    done = subprocess.run(
        ["brief", "extract", *args, "-f", "jsonl", "-q", "--no-cache"],
        input=input, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode in (0, 1), done.stderr
    paths = [json.loads(line)["path"] for line in done.stdout.splitlines()]
    return [os.path.relpath(p, where) if where else p for p in paths]


@pytest.fixture
def project(tmp_path) -> Path:
    """A project folder as users have them: documents, a venv, caches, an ignored build."""
    root = tmp_path / "project"
    write(root, "docs/a.txt", "docs/B.TXT", "docs/drafts/c.md", "build/out.txt",
          ".venv/lib/python3.11/site-packages/pkg/LICENSE.txt", ".pytest_cache/README.md",
          ".notes/private.txt", "docs/.hidden.txt", "docs/keep.log.txt")  # fmt: skip
    os.symlink("lib", root / ".venv" / "lib64")
    (root / ".gitignore").write_text("build/\n*.log.txt\n")
    return root


def test_a_project_folder_skips_hidden_and_ignored_paths(runner, project):
    assert taken(runner, str(project), where=project) == ["docs/B.TXT", "docs/a.txt",
                                                          "docs/drafts/c.md"]  # fmt: skip


def test_hidden_and_no_ignore_take_them_back(runner, project):
    everything = taken(runner, str(project), "--hidden", "--no-ignore", where=project)
    assert ".venv/lib/python3.11/site-packages/pkg/LICENSE.txt" in everything
    assert ".venv/lib64/python3.11/site-packages/pkg/LICENSE.txt" not in everything  # once
    assert {"build/out.txt", "docs/keep.log.txt", ".notes/private.txt"} <= set(everything)
    hidden_only = taken(runner, str(project), "--hidden", where=project)
    assert ".notes/private.txt" in hidden_only and "build/out.txt" not in hidden_only


def test_briefignore_negation_and_a_deeper_file_win(runner, project):
    (project / "docs" / ".briefignore").write_text("*.md\n")
    (project / "docs" / "drafts" / ".gitignore").write_text("!c.md\n")
    assert taken(runner, str(project), where=project) == ["docs/B.TXT", "docs/a.txt",
                                                          "docs/drafts/c.md"]  # fmt: skip
    (project / "docs" / "drafts" / ".gitignore").unlink()
    assert taken(runner, str(project), where=project) == ["docs/B.TXT", "docs/a.txt"]


def test_gitignore_above_the_folder_counts_inside_a_repository(runner, project):
    (project / ".gitignore").write_text("drafts/\n")
    assert "docs/drafts/c.md" in taken(runner, str(project / "docs"), where=project)
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    assert taken(runner, str(project / "docs"), where=project) == ["docs/B.TXT", "docs/a.txt",
                                                                   "docs/keep.log.txt"]  # fmt: skip


def test_exclude_globs(runner, project):
    assert taken(runner, str(project), "--exclude", "drafts/", "-x", "B.*", where=project) == [
        "docs/a.txt"
    ]


def test_explicit_paths_are_taken_whatever_their_name(runner, project):
    hidden = project / "docs" / ".hidden.txt"
    assert taken(runner, str(hidden)) == [str(hidden)]


def test_a_venv_like_link_is_no_loop_but_a_real_loop_is_reported(runner, tmp_path):
    root = tmp_path / "env"
    write(root, "lib/site/x.txt")
    os.symlink("lib", root / "lib64")
    result = invoke(runner, "extract", str(root), "-f", "jsonl", "-q", "--no-cache")
    assert result.exit_code == 0 and result.stderr == ""
    assert [json.loads(x)["path"] for x in result.stdout.splitlines()] == [
        str(root / "lib/site/x.txt")
    ]
    os.symlink("..", root / "lib" / "up")
    result = invoke(runner, "extract", str(root), "-f", "jsonl", "-q", "--no-cache")
    assert result.exit_code == 1
    assert f"{root / 'lib' / 'up'}: symbolic link loop (a folder inside itself)" in result.stderr


def test_files_from_stdin_and_from_a_file(runner, project, tmp_path, monkeypatch):
    listing = "docs/a.txt\n\ndocs/drafts/c.md\n"
    monkeypatch.chdir(project)
    assert taken(runner, "--files-from", "-", input=listing) == ["docs/a.txt", "docs/drafts/c.md"]
    listed = tmp_path / "list.txt"
    listed.write_text(listing)
    assert taken(runner, "docs/B.TXT", "--files-from", str(listed)) == [
        "docs/B.TXT", "docs/a.txt", "docs/drafts/c.md",
    ]  # fmt: skip


def test_installed_brief_reads_git_ls_files(project):
    subprocess.run(["git", "init", "-q", str(project)], check=True)
    subprocess.run(["git", "-C", str(project), "add", "docs"], check=True)
    listing = subprocess.run(["git", "-C", str(project), "ls-files", "*.txt"],
                             capture_output=True, check=True).stdout  # fmt: skip
    done = subprocess.run(["brief", "extract", "--files-from", "-", "-f", "jsonl", "-q", "--no-cache"],
                          input=listing, capture_output=True, cwd=project, timeout=300)  # fmt: skip
    assert done.returncode == 0, done.stderr
    paths = [json.loads(line)["path"] for line in done.stdout.splitlines()]
    # Listed paths are named explicitly: taken even when hidden; git left the ignored one out.
    assert paths == ["docs/.hidden.txt", "docs/a.txt"]  # git matches case: not B.TXT


def test_the_same_file_by_two_routes_is_read_once(runner, project, monkeypatch):
    monkeypatch.chdir(project.parent)
    assert taken(runner, "project/docs", "./project/docs", str(project / "docs" / "a.txt")) == [
        "project/docs/B.TXT", "project/docs/a.txt", "project/docs/drafts/c.md",
        "project/docs/keep.log.txt",  # outside a repository, ../.gitignore does not apply
    ]  # fmt: skip


@pytest.mark.parametrize("args", [[], ["--glob", "*.rst"]], ids=["empty folder", "no glob match"])
def test_nothing_matched_exits_66_with_one_line_and_no_output(tmp_path, args):
    folder = tmp_path / "in"
    folder.mkdir()
    if args:
        write(folder, "a.txt")
    out = tmp_path / "out.json"
    done = subprocess.run(["brief", "extract", str(folder), *args, "-o", str(out)],
                          capture_output=True, text=True, timeout=300)  # fmt: skip
    assert done.returncode == 66
    assert done.stderr.startswith(f"brief: error: no documents found in {folder} (names matching")
    assert done.stderr.count("\n") == 1 and not out.exists()
