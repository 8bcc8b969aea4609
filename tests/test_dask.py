"""The Dask engine: a LocalCluster of two worker processes on loopback gives the local
engine's output byte for byte, failures included."""

from __future__ import annotations

import json
import pickle

import pytest
from conftest import SEEDS, invoke, make_corpus

pytest.importorskip("distributed")


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = make_corpus(tmp_path_factory.mktemp("dask") / "corpus", count=23)
    (root / "seeds").mkdir()
    for seed in SEEDS.glob("*.txt"):
        (root / "seeds" / seed.name).write_bytes(seed.read_bytes())
    return root


def test_dask_engine_matches_local_engine_byte_for_byte(runner, corpus):
    local = invoke(runner, "extract", str(corpus), "-f", "json", "--no-cache")
    distributed = invoke(
        runner, "extract", str(corpus), "-f", "json", "--engine", "dask", "--jobs", "2",
        "--partition-size", "5",
    )  # fmt: skip
    assert local.exit_code == distributed.exit_code == 1
    assert distributed.stdout == local.stdout
    data = json.loads(distributed.stdout)
    assert len(data["documents"]) == 24
    assert data["errors"] == [{"path": str(corpus / "bad.txt"), "error": "binary file"}]
    assert f"{corpus / 'bad.txt'}: binary file" in distributed.stderr


def test_dask_engine_writes_part_files(runner, corpus, tmp_path):
    out = tmp_path / "parts"
    result = invoke(
        runner, "extract", str(corpus), "--engine", "dask", "--jobs", "2",
        "--partition-size", "10", "-o", f"{out}/",
    )  # fmt: skip
    assert result.exit_code == 1
    parts = sorted(out.glob("part-*.jsonl"))
    assert [p.name for p in parts] == ["part-00000.jsonl", "part-00001.jsonl", "part-00002.jsonl"]
    lines = [json.loads(line) for p in parts for line in p.read_text().splitlines()]
    local = invoke(runner, "extract", str(corpus), "-f", "jsonl", "--no-cache")
    assert lines == [json.loads(line) for line in local.stdout.splitlines()]


def test_missing_fsspec_backend_names_the_package(runner):
    result = invoke(runner, "extract", "s3://some-bucket/docs", "--engine", "dask")
    assert result.exit_code == 2
    assert "s3fs" in result.stderr


def test_python_api_records_are_picklable(corpus):
    import brief

    records = list(brief.extract_paths([str(corpus)]))
    assert len(records) == 25
    assert pickle.loads(pickle.dumps(records)) == records
    (document,) = brief.extract_texts([("x", "Shinzo Abe visited Tokyo in 2015.")])
    assert {e.text for e in document.entities} >= {"Shinzo Abe", "Tokyo", "2015"}


def test_url_inputs_are_listed_and_read_by_the_local_engine_too(runner):
    """`sources` lists and reads fsspec URLs for every engine, and --max-bytes holds for them."""
    fsspec = pytest.importorskip("fsspec")
    fs = fsspec.filesystem("memory")
    fs.pipe("/news/a.txt", b"Shinzo Abe paid $3m in Tokyo on 2 May 2015.")
    fs.pipe("/news/big.txt", b"x" * 5000)
    fs.pipe("/news/skip.csv", b"not an input")
    try:
        result = invoke(
            runner, "extract", "memory://news", "-f", "jsonl", "--no-cache", "--max-bytes", "4000"
        )
    finally:
        fs.rm("/news", recursive=True)
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["path"] for r in records] == ["memory:///news/a.txt", "memory:///news/big.txt"]
    assert records[1]["error"] == "larger than --max-bytes (4,000 bytes)"
    money = [e for e in records[0]["entities"] if e["type"] == "money"]
    assert [(m["text"], m["value"]["amount"]) for m in money] == [("$3m", 3_000_000)]
    assert "memory:///news/big.txt: larger than --max-bytes" in result.stderr
