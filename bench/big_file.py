"""Peak memory of `brief extract` on one very large generated file (default 200 MB).

    python bench/big_file.py [--mb 200] [--jobs 1]

Each line is a 2,000-character token (so the file is large in characters while the model has
few tokens to read and the run takes minutes, not hours) followed by a news sentence with a
person, a place and a date. Prints the wall time, peak RSS (from /usr/bin/time -v), and checks
that every mention's offsets slice the file's text.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import tempfile
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mb", type=int, default=200)
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    brief = shutil.which("brief") or exit("the brief command is not installed")
    work = Path(tempfile.mkdtemp(prefix="brief-big-"))
    big = work / "big.txt"
    filler = ("x" * 1999) + " "
    sentence = "Shinzo Abe visited Tokyo on 27 March 2024.\n"
    line = filler + sentence
    lines = args.mb * 1024 * 1024 // len(line)
    with big.open("w", encoding="utf-8") as handle:
        for _ in range(lines):
            handle.write(line)
    size = big.stat().st_size
    out = work / "out.jsonl"
    command = ["/usr/bin/time", "-v", brief, "extract", str(big), "-f", "jsonl", "--no-cache",
               "-q", "-j", str(args.jobs), "-o", str(out)]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True)
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr).group(1))
    wall = re.search(r"Elapsed \(wall clock\) time.*: (.+)", done.stderr).group(1)
    document = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    text = big.read_text(encoding="utf-8")
    mentions = [m for e in document["entities"] for m in e["mentions"]]
    assert all(text[m["start"] : m["end"]] == m["text"] for m in mentions)
    counts = {e["text"]: e["count"] for e in document["entities"]}
    print(f"file: {size / 1e6:.0f} MB, {lines:,} lines; exit code {done.returncode}")
    print(f"wall: {wall}; peak RSS: {peak_kb / 1024:.0f} MiB (target < 1024 MiB)")
    print(f"mentions: {len(mentions):,}, all offsets exact; Shinzo Abe {counts.get('Shinzo Abe')}, "
          f"Tokyo {counts.get('Tokyo')} (expected {lines:,} each)")  # fmt: skip
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
