"""Peak memory of `brief extract` on one large document of real prose.

    python bench/big_file.py [--mb 5] [--jobs 1] [--engine local|dask] [--corpus DIR]

The document is BBC articles (../shared/bench/bbc) laid end to end until it holds --mb
megabytes: ordinary news text, as dense in entities as the corpus. Runs the installed `brief`
on it and samples the memory of every process of the run (the parent, and Dask's worker when
--engine dask) from /proc every 0.2 s. Prints the wall time, each process's peak RSS, and checks
that every mention's offsets slice the document's text.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "bench" / "bbc"


def build(corpus: Path, megabytes: float, target: Path) -> int:
    """Articles end to end, in path order and round again, until the file is large enough."""
    articles = sorted(corpus.rglob("*.txt"))
    if not articles:
        raise SystemExit(f"no articles under {corpus}")
    goal, written = int(megabytes * 1e6), 0
    with target.open("wb") as out:
        while written < goal:
            for path in articles:
                data = path.read_bytes().decode("utf-8", errors="replace").encode() + b"\n\n"
                out.write(data)
                written += len(data)
                if written >= goal:
                    break
    return written


def _rss_by_process(session: int) -> dict[int, tuple[str, int]]:
    """(command, RSS in bytes) of each process in the session."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            if int(fields[3]) != session:
                continue
            pages = int((entry / "statm").read_text().split()[1])
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()[:80]
        except (OSError, IndexError, ValueError):
            continue
        found[int(entry.name)] = (command, pages * 4096)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5, help="size of the document in MB")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--corpus", default=str(DEFAULT_CORPUS), help="articles to lay end to end")
    args = parser.parse_args()
    brief = shutil.which("brief") or exit("the brief command is not installed")
    work = Path(tempfile.mkdtemp(prefix="brief-big-"))
    big = work / "big.txt"
    size = build(Path(args.corpus), args.mb, big)
    out = work / "out.jsonl"
    command = [brief, "extract", str(big), "-f", "jsonl", "--no-cache", "-q",
               "-j", str(args.jobs), "--engine", args.engine]  # fmt: skip
    started = time.perf_counter()
    with out.open("w") as sink:
        process = subprocess.Popen(command, stdout=sink, start_new_session=True)
        peaks: dict[int, tuple[str, int]] = {}
        while process.poll() is None:
            for pid, (name, rss) in _rss_by_process(process.pid).items():
                if rss > peaks.get(pid, ("", 0))[1]:
                    peaks[pid] = (name, rss)
            time.sleep(0.2)
    wall = time.perf_counter() - started
    document = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    if "error" in document:
        raise SystemExit(f"brief failed on the document: {document['error']}")
    text = big.read_text(encoding="utf-8")
    mentions = [m for e in document["entities"] for m in e["mentions"]]
    exact = all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    print(f"document: {size / 1e6:.1f} MB of BBC prose, {len(text):,} characters; "
          f"exit code {process.returncode}; wall {wall:.0f} s")  # fmt: skip
    for pid, (name, rss) in sorted(peaks.items(), key=lambda item: -item[1][1]):
        role = "brief" if pid == process.pid else "child"
        print(f"  peak RSS {rss / 2**20:7.0f} MiB  {role:<5} {name}")
    print(f"mentions: {len(mentions):,} in {len(document['entities']):,} entities; "
          f"offsets {'all exact' if exact else 'NOT EXACT'}")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
