"""Incremental and parallel runs: the cache never returns a stale result, and any --jobs value
prints the same bytes."""

from __future__ import annotations

import json

from conftest import SEED, invoke, make_corpus

from brief.extract import ExtractOptions
from brief.results import ModelInfo


def test_cache_hit_equals_fresh_run_and_changes_are_seen(runner, tmp_path):
    corpus = make_corpus(tmp_path / "docs")
    cache = str(tmp_path / "cache")
    fresh = invoke(runner, "extract", str(corpus), "-f", "json", "--no-cache").stdout
    cold = invoke(runner, "extract", str(corpus), "-f", "json", "--cache", cache).stdout
    warm = invoke(runner, "extract", str(corpus), "-f", "json", "--cache", cache).stdout
    assert fresh == cold == warm
    assert len(list((tmp_path / "cache").rglob("*.json"))) == 12

    # A changed document is re-extracted, not served from the cache.
    (corpus / "doc000.txt").write_text("Barack Obama spoke in Chicago on 4 July 2010.\n")
    changed = json.loads(
        invoke(runner, "extract", str(corpus), "-f", "json", "--cache", cache).stdout
    )
    doc = next(d for d in changed["documents"] if d["path"].endswith("doc000.txt"))
    assert {e["text"] for e in doc["entities"] if e["type"] == "person"} == {"Barack Obama"}

    # A changed option is a different cache entry.
    only_money = json.loads(
        invoke(runner, "extract", str(corpus), "-f", "json", "--cache", cache, "-t", "money").stdout
    )
    assert {e["type"] for d in only_money["documents"] for e in d["entities"]} == {"money"}
    ref = json.loads(
        invoke(runner, "extract", str(SEED), "-f", "json", "--cache", cache,
               "--reference-date", "2020-01-01").stdout
    )  # fmt: skip
    assert ref["documents"][0]["reference_date"] == "2024-03-16"  # the header still wins


def test_cache_key_covers_model_rules_and_options():
    base = ExtractOptions(model="m")
    model = ModelInfo("en_core_web_sm", "3.8.0")
    keys = {
        base.fingerprint(model),
        base.fingerprint(ModelInfo("en_core_web_sm", "3.8.1")),
        base.fingerprint(ModelInfo("en_core_web_md", "3.8.0")),
        ExtractOptions(model="m", rules=False).fingerprint(model),
        ExtractOptions(model="m", types=("date",)).fingerprint(model),
        ExtractOptions(model="m", reference_date="2024-01-01").fingerprint(model),
        ExtractOptions(model="m", date_scheme="timeml").fingerprint(model),
    }
    assert len(keys) == 7


def test_corrupt_cache_entry_is_a_miss(runner, tmp_path):
    cache = tmp_path / "cache"
    first = invoke(runner, "extract", str(SEED), "-f", "json", "--cache", str(cache)).stdout
    for entry in cache.rglob("*.json"):
        entry.write_text("{ not json")
    again = invoke(runner, "extract", str(SEED), "-f", "json", "--cache", str(cache)).stdout
    assert again == first


def test_jobs_give_byte_identical_output(runner, tmp_path):
    corpus = make_corpus(tmp_path / "docs", count=40)
    one = invoke(runner, "extract", str(corpus), "-f", "jsonl", "--no-cache", "-j", "1")
    two = invoke(runner, "extract", str(corpus), "-f", "jsonl", "--no-cache", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    lines = [json.loads(line) for line in one.stdout.splitlines()]
    assert len(lines) == 41 and lines[0]["path"].endswith("bad.txt")


def test_a_dead_worker_costs_its_partition_not_the_run(runner, tmp_path, monkeypatch):
    import os

    import brief.parallel as parallel

    corpus = make_corpus(tmp_path / "docs", count=40)
    (corpus / "kill.txt").write_text("This file takes its worker down.\n")
    real = parallel.get_extractor

    class Killing:
        def __init__(self, extractor):
            self.extractor = extractor

        def __getattr__(self, name):
            return getattr(self.extractor, name)

        def extract(self, items):
            items = list(items)
            if any(getattr(i, "path", "").endswith("kill.txt") for i in items):
                os._exit(3)  # as an out-of-memory kill would
            return self.extractor.extract(items)

    # Forked workers inherit the patched module attribute.
    monkeypatch.setattr(parallel, "get_extractor", lambda options: Killing(real(options)))
    result = invoke(runner, "extract", str(corpus), "-f", "json", "--no-cache", "-j", "2")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    dead = [e for e in data["errors"] if e["error"].startswith("worker process died")]
    assert any(e["path"].endswith("kill.txt") for e in dead)
    assert len(data["documents"]) + len(data["errors"]) == 42  # every file, once
    assert len(data["documents"]) >= 42 - 1 - parallel.PARTITION_FILES
    # Only the partition holding kill.txt is lost, wherever the pool broke.
    assert len(dead) <= parallel.PARTITION_FILES
