"""Never lose a file: odd, hostile and huge input, every case a user's folder may hold."""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from conftest import SEEDS, invoke
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import brief
from brief.extract import ExtractOptions, Extractor, split_pieces
from brief.output import open_output
from brief.pipeline import resolve_model_name
from brief.results import SCHEMA_VERSION, Document
from brief.schema import extract_schema
from brief.sources import InputFile, decode_bytes, read_input

SENTENCE = "Shinzo Abe visited Tokyo on 27 March 2024."
CP1252_TEXT = "Angela Merkel met “Emmanuel Macron” in Paris – café talks cost €5 million."


@pytest.fixture
def hostile(tmp_path) -> tuple[Path, dict[str, str], set[str]]:
    """A folder with every awkward case; returns it, the expected errors and documents."""
    root = tmp_path / "in"
    root.mkdir()
    w = lambda name, data: (root / name).write_bytes(data)  # noqa: E731
    w("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    w("archive.txt", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + os.urandom(64) + b"\x00\x00")
    w("utf8.txt", SENTENCE.encode("utf-8"))
    w("utf8_bom.txt", codecs.BOM_UTF8 + SENTENCE.encode("utf-8"))
    w("utf16le.txt", codecs.BOM_UTF16_LE + SENTENCE.encode("utf-16-le"))
    w("utf16be.txt", codecs.BOM_UTF16_BE + SENTENCE.encode("utf-16-be"))
    w("cp1252.txt", CP1252_TEXT.encode("cp1252"))
    w("latin1.txt", "Zürich and Genève: Nestlé paid Fr. 300 million in März.".encode("latin-1"))
    w("empty.txt", b"")
    w("blank.md", b"  \n\t\n  ")
    w("with space.txt", SENTENCE.encode())
    w('quote"and,comma.txt', SENTENCE.encode())
    w("new\nline.txt", SENTENCE.encode())
    w("ünïcødé.txt", SENTENCE.encode())
    w("ignored.csv", b"not,matched,by,glob")
    os.symlink(root / "gone.txt", root / "broken.txt")
    sub = root / "sub"
    sub.mkdir()
    (sub / "nested.md").write_text(SENTENCE)
    os.symlink(root, sub / "loop")
    os.mkfifo(root / "fifo.txt")
    errors = {
        "binary.txt": "binary file",
        "archive.txt": "binary file",
        "broken.txt": "broken symbolic link",
        "fifo.txt": "not a regular file (FIFO)",
        "sub/loop": "symbolic link loop (a folder inside itself)",
    }
    documents = {
        "utf8.txt", "utf8_bom.txt", "utf16le.txt", "utf16be.txt", "cp1252.txt", "latin1.txt",
        "empty.txt", "blank.md", "with space.txt", 'quote"and,comma.txt', "new\nline.txt",
        "ünïcødé.txt", "sub/nested.md",
    }  # fmt: skip
    return root, errors, documents


def relative(root: Path, path: str) -> str:
    return os.path.relpath(path, root)


def test_every_file_is_a_document_or_an_error(runner, hostile):
    root, errors, documents = hostile
    result = invoke(runner, "extract", str(root), "-f", "json", "--no-cache")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    jsonschema.validate(data, extract_schema())
    assert {relative(root, e["path"]): e["error"] for e in data["errors"]} == errors
    assert {relative(root, d["path"]) for d in data["documents"]} == documents
    for path, reason in errors.items():
        assert f"{root / path}: {reason}" in result.stderr
    assert "5 failed" in result.stderr
    by_name = {relative(root, d["path"]): d for d in data["documents"]}
    assert by_name["empty.txt"]["entities"] == [] and by_name["blank.md"]["entities"] == []
    assert by_name["utf16le.txt"]["encoding"] == "utf-16"
    assert by_name["utf8_bom.txt"]["encoding"] == "utf-8-sig"
    assert by_name["cp1252.txt"]["encoding"] == "cp1252"
    people = {e["text"] for e in by_name["cp1252.txt"]["entities"] if e["type"] == "person"}
    assert "Angela Merkel" in people


@pytest.mark.parametrize(
    ("name", "encoding", "text"),
    [
        ("utf8_bom.txt", "utf-8-sig", SENTENCE),
        ("utf16le.txt", "utf-16-le", SENTENCE),
        ("utf16be.txt", "utf-16-be", SENTENCE),
        ("cp1252.txt", "cp1252", CP1252_TEXT),
    ],
)
def test_offsets_index_the_decoded_text(runner, hostile, name, encoding, text):
    root, _, _ = hostile
    result = invoke(runner, "extract", str(root / name), "-f", "json", "--no-cache")
    (document,) = json.loads(result.stdout)["documents"]
    assert document["entities"]
    for entity in document["entities"]:
        for mention in entity["mentions"]:
            assert text[mention["start"] : mention["end"]] == mention["text"]


def test_awkward_file_names_survive_csv_and_table(runner, hostile):
    root, _, _ = hostile
    result = invoke(runner, "extract", str(root), "-f", "csv", "--no-cache")
    paths = {relative(root, row["path"]) for row in csv.DictReader(io.StringIO(result.stdout))}
    assert {"new\nline.txt", 'quote"and,comma.txt', "with space.txt", "ünïcødé.txt"} <= paths
    table = invoke(runner, "extract", str(root), "-f", "table", "--no-cache")
    assert 'quote"and,comma.txt' in table.stdout and "ünïcødé.txt" in table.stdout


def test_unreadable_and_vanished_files_are_errors(tmp_path, monkeypatch):
    secret = tmp_path / "secret.txt"
    secret.write_text(SENTENCE)
    real_open = os.open

    def deny(path, *args, **kwargs):
        if str(path) == str(secret):
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    denied = read_input(InputFile(str(secret)))
    assert (denied.path, denied.error) == (str(secret), "permission denied")
    vanished = read_input(InputFile(str(tmp_path / "deleted.txt")))
    assert vanished.error == "file vanished before it could be read"


@pytest.mark.parametrize(
    ("data", "expected"),
    [(b"", None), (b"\x00\x01\x02binary", "binary file"), (b"Caf\xe9 in Z\xfcrich", None)],
)
def test_stdin_empty_binary_or_not_utf8(runner, data, expected):
    result = invoke(runner, "extract", "-", "-f", "json", "--no-cache", input=data)
    parsed = json.loads(result.stdout)
    if expected:
        assert result.exit_code == 1 and parsed["errors"] == [{"path": "-", "error": expected}]
    else:
        assert result.exit_code == 0 and parsed["documents"][0]["path"] == "-"


def test_decode_prefers_bom_then_utf8_then_detection():
    assert decode_bytes("é".encode()) == ("é", "utf-8")
    assert decode_bytes(codecs.BOM_UTF16_LE + "é".encode("utf-16-le")) == ("é", "utf-16")
    text, encoding = decode_bytes("“Zürich” – café".encode("cp1252"))
    assert text == "“Zürich” – café" and encoding == "cp1252"


def test_long_document_is_processed_in_pieces_with_exact_offsets():
    text = "date 2024-03-16\n" + "\n".join(f"{SENTENCE} Paragraph {i}." for i in range(300))
    extractor = Extractor(ExtractOptions(model=resolve_model_name(), piece_chars=2_000))
    from brief.sources import Source, parse_header

    published, body_start = parse_header(text)
    (document,) = extractor.extract([Source("long.txt", text, "utf-8", published, body_start)])
    people = {e.text: e for e in document.entities if e.type == "person"}
    assert people["Shinzo Abe"].count == 300
    for entity in document.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


def test_pieces_cover_the_text_and_respect_the_limit():
    text = ("word " * 50 + "\n\n") * 200 + "x" * 5_000
    pieces = list(split_pieces(text, 1_000))
    assert "".join(p for _, p, _ in pieces) == text
    assert all(len(p) <= 1_000 for _, p, _ in pieces)
    assert all(text[o : o + len(p)] == p for o, p, _ in pieces)
    assert [last for _, _, last in pieces] == [False] * (len(pieces) - 1) + [True]
    offset, piece, _ = next(split_pieces(text, 1_000, start=7))
    assert offset == 7 and piece == text[7 : 7 + len(piece)]


def test_failed_write_leaves_the_previous_output(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("previous")
    with pytest.raises(KeyboardInterrupt), open_output(str(target)) as stream:
        stream.write("{ half")
        raise KeyboardInterrupt
    assert target.read_text() == "previous"
    assert list(tmp_path.iterdir()) == [target]


def test_unwritable_destination_fails_before_work(runner, tmp_path):
    result = invoke(runner, "extract", str(SEEDS), "-o", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr


def test_no_network_is_touched(tmp_path):
    code = (
        "import socket, sys\n"
        "def refuse(*a, **k):\n    raise RuntimeError('network access attempted')\n"
        "socket.socket.connect = refuse\nsocket.socket.connect_ex = refuse\n"
        "socket.socket.sendto = refuse\nsocket.create_connection = refuse\n"
        "socket.getaddrinfo = refuse\n"
        "from brief.cli import main\n"
        f"sys.argv = ['brief', 'extract', {str(SEEDS)!r}, '-f', 'json', '--no-cache']\nmain()\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["documents"][0]["entities"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises_and_offsets_slice(text):
    (document,) = brief.extract_texts([("doc", text)])
    for entity in document.entities:
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text


WORDS = st.sampled_from(
    ["Shinzo", "Abe", "visited", "Tokyo", "on", "27", "March", "2024", "$18", "billion", "the",
     "Bank", "of", "England", "(", "BoE", ")", ".", "\n", "Mr", "yesterday", "JETRO", "€3m",
     "now", "between", "and", "to", "recently", "Wednesday", "night", "52", "the", "future"]
)  # fmt: skip


@pytest.mark.parametrize("scheme", ["ontonotes", "timeml"])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(WORDS, max_size=60).map(" ".join))
def test_newsy_text_offsets_and_schema(scheme, text):
    (document,) = brief.extract_texts([("doc", "date 2024-03-16 " + text)], date_scheme=scheme)
    assert isinstance(document, Document), document
    full = "date 2024-03-16 " + text
    data = {"schema_version": SCHEMA_VERSION, "brief_version": "x", "model": {"name": "m", "version": "v"},
            "documents": [document.to_dict()], "errors": []}  # fmt: skip
    jsonschema.validate(data, extract_schema())
    for entity in document.entities:
        for mention in entity.mentions:
            assert full[mention.start : mention.end] == mention.text


def test_a_bug_on_one_document_costs_that_file_only(runner, tmp_path, monkeypatch):
    import brief.extract as extract_module

    (tmp_path / "a.txt").write_text(SENTENCE)
    (tmp_path / "b.txt").write_text("Trigger the bug: Barack Obama.")
    real = extract_module.build_entities

    def fragile(mentions, *args):
        if any(m.text == "Barack Obama" for m in mentions):
            raise ValueError("simulated normaliser bug")
        return real(mentions, *args)

    monkeypatch.setattr(extract_module, "build_entities", fragile)
    result = invoke(runner, "extract", str(tmp_path), "-f", "json", "--no-cache")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in data["documents"]] == ["a.txt"]
    assert data["errors"] == [
        {"path": str(tmp_path / "b.txt"),
         "error": "internal error: ValueError: simulated normaliser bug"}
    ]  # fmt: skip


def _interrupted_extract(tmp_path, texts: list[str], *options: str, until: bytes) -> tuple:
    """Run the installed `brief extract` over `texts` as JSON Lines, read its stdout (at the
    file descriptor: a buffered reader would keep bytes `communicate` never sees) until
    `until` has come (b"": any byte), wait, and send Ctrl-C. Returns (exit code, stdout, stderr)."""
    import shutil
    import signal
    import time

    brief_command = shutil.which("brief")
    if brief_command is None:
        pytest.skip("the brief command is not installed")
    corpus = tmp_path / "docs"
    corpus.mkdir()
    for i, text in enumerate(texts):
        (corpus / f"d{i:03d}.txt").write_text(text)
    process = subprocess.Popen(
        [brief_command, "extract", str(corpus), "-f", "jsonl", "--no-cache", "-j", "1", *options],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    first = os.read(process.stdout.fileno(), 1)
    while until not in first:
        chunk = os.read(process.stdout.fileno(), 65536)
        assert chunk, process.stderr.read()
        first += chunk
    time.sleep(0.5)
    process.send_signal(signal.SIGINT)
    rest, stderr = process.communicate(timeout=120)
    return process.returncode, first + rest, stderr


def test_ctrl_c_exits_130_with_complete_lines(tmp_path):
    texts = [f"{SENTENCE} Item {i}.\n" * 20 for i in range(400)]
    code, output, stderr = _interrupted_extract(tmp_path, texts, until=b"\n")
    assert code == 130
    assert b"Traceback" not in stderr and b"interrupted" in stderr
    lines = output.decode().splitlines()
    assert 1 <= len(lines) < 400
    for line in lines:
        json.loads(line)


def test_ctrl_c_while_a_line_is_half_written_waits_for_the_rest_of_it(tmp_path):
    """Lines longer than a pipe holds, and a reader that stops reading: brief is blocked inside
    a line when Ctrl-C comes. It finishes that line once the reader reads on, then stops."""
    texts = [f"Item {i} of a long list.\n" * 8000 for i in range(40)]  # ~200 KB each
    code, output, stderr = _interrupted_extract(tmp_path, texts, "--include-text", until=b"")
    assert code == 130, stderr
    assert output.endswith(b"\n")
    lines = output.decode().splitlines()
    assert 1 <= len(lines) < 40
    for line in lines:
        assert json.loads(line)["text"].startswith("Item ")


def test_extraction_makes_no_reference_cycles():
    """Documents' objects are freed by reference counting, which lets a batch run keep the
    cyclic collector almost idle (`brief.collector`); a cycle per expression once left 250
    objects per BBC article for it."""
    import gc

    from brief.sources import Source

    text = (
        "Between 1 March and 3 April 2024 the Japan External Trade Organisation (JETRO) paid "
        "from $1m to $2m, or £3bn-£4bn, to Sandra Pryce in Paris. Mrs Pryce said prices were "
        "the highest in three years, up from 5 pence in the past 10 days."
    )
    extractor = Extractor(ExtractOptions(model=resolve_model_name()))
    sources = [Source(f"doc{i}.txt", text, "utf-8") for i in range(20)]
    list(extractor.extract(sources[:1]))  # load the pipeline, fill its caches
    gc.collect()
    gc.disable()
    try:
        documents = list(extractor.extract(sources))
        left = gc.collect()
    finally:
        gc.enable()
    assert len(documents) == 20 and all(d.entities for d in documents)
    assert left < 100  # spaCy's parser leaves a few per batch; 20 documents made thousands


def test_a_batch_run_collects_between_batches_not_during_them():
    """The command line's collector walks no batch in flight: one young collection before
    each batch of documents, none while the model and the rule layer make their objects."""
    script = """
import gc, json, sys
from brief.collector import use_for_batch_run
from brief.extract import ExtractOptions, Extractor
from brief.pipeline import resolve_model_name
from brief.sources import Source
use_for_batch_run()
text = "On 2 May 2024 Sandra Pryce of Quantix Robotics paid $3m in Paris. " * 20
extractor = Extractor(ExtractOptions(model=resolve_model_name()))
sources = [Source(f"doc{i}.txt", text, "utf-8") for i in range(130)]
extractor.nlp
seen = []
gc.callbacks.append(lambda phase, info: phase == "start" and seen.append(info["generation"]))
documents = list(extractor.extract(sources, batch_size=64))
print(json.dumps([len(documents), seen]))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
    count, generations = json.loads(done.stdout)
    assert count == 130
    assert generations == [0, 0, 0]  # 130 documents in batches of 64: three batches
