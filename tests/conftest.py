from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from brief.cli import app

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SEED = next(SEEDS.glob("*.txt"))


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory, monkeypatch):
    """Tests never read or write the user's cache."""
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def invoke(runner: CliRunner, *args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture(scope="session")
def seeds_json() -> dict:
    result = CliRunner().invoke(app, ["extract", str(SEEDS), "--format", "json", "--no-cache"])
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def entities_of(document: dict, kind: str) -> dict[str, dict]:
    return {e["text"]: e for e in document["entities"] if e["type"] == kind}


def make_corpus(root: Path, count: int = 12) -> Path:
    """A folder of short generated news items (each with a header date) and one binary file."""
    root.mkdir(parents=True, exist_ok=True)
    for i in range(count):
        (root / f"doc{i:03d}.txt").write_text(
            f"date 2024-03-{i % 28 + 1:02d} Shinzo Abe met Angela Merkel in Berlin last week; "
            f"Siemens paid €{i + 1}m for a plant in Osaka.\n"
        )
    (root / "bad.txt").write_bytes(b"\x00\x01binary")
    return root
