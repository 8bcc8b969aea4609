"""brief's speed and memory against raw spaCy, measured in one run.

    python bench/run.py [FOLDER] [--sample N]

FOLDER defaults to ../shared/bench/bbc (2,225 BBC articles). `--sample N` keeps every Nth file.
Prints words/s and documents/s for brief end to end (files read to JSON Lines written,
normalisation included) with --jobs 1 and 2, raw spaCy `nlp.pipe` with the same model and
components in 1 and 2 processes on the same texts, the ratios, a warm-cache re-run, peak RSS of
each (of the main process), and the wall time of `brief --help` and of one small extraction.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "bbc"

RAW_SPACY = """
import sys, time
from pathlib import Path
from brief.pipeline.model import load_statistical_model, resolve_model_name
from brief.sources import decode_bytes
paths = [Path(p) for p in Path(sys.argv[1]).read_text().splitlines()]
texts = [decode_bytes(p.read_bytes())[0] for p in paths]
nlp = load_statistical_model(resolve_model_name())
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
print(time.perf_counter() - start)
"""


def timed(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float, str]:
    """Wall seconds and peak RSS in MiB (via /usr/bin/time when present)."""
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = [timer, "-f", "%M", "-o", rss.name, *command] if timer else command
        start = time.perf_counter()
        done = subprocess.run(full, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        if done.returncode not in (0, 1):
            sys.exit(f"command failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        peak = float(rss.read().strip().splitlines()[-1]) / 1024 if timer else float("nan")
    return wall, peak, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=1, help="keep every Nth file")
    args = parser.parse_args()
    corpus = Path(args.folder)
    if not corpus.is_dir():
        sys.exit(f"benchmark corpus not found: {corpus} (give a folder of .txt files)")
    brief = shutil.which("brief") or sys.exit("the brief command is not installed")

    from brief.sources import decode_bytes

    files = sorted(corpus.rglob("*.txt"))[:: args.sample]
    work = Path(tempfile.mkdtemp(prefix="brief-bench-"))
    sample = work / "corpus"
    for path in files:
        target = sample / path.relative_to(corpus)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
    words = sum(len(decode_bytes(p.read_bytes())[0].split()) for p in files)
    docs = len(files)
    list_file = work / "files.txt"
    list_file.write_text("\n".join(str(p) for p in sorted(sample.rglob("*.txt"))))
    print(f"corpus: {corpus} ({docs} documents, {words:,} words; sample 1 in {args.sample})")
    env = {**os.environ, "BRIEF_CACHE_DIR": str(work / "cache")}

    rows: list[tuple[str, float, float]] = []

    def brief_run(label: str, *options: str) -> float:
        out = work / "out.jsonl"
        wall, peak, _ = timed(
            [brief, "extract", str(sample), "-f", "jsonl", "-q", "-o", str(out), *options], env
        )
        rows.append((label, wall, peak))
        return wall

    def raw_run(label: str, processes: int) -> float:
        _wall, peak, stdout = timed(
            [sys.executable, "-c", RAW_SPACY, str(list_file), str(processes)]
        )
        rows.append((label, float(stdout.strip()), peak))
        return float(stdout.strip())

    raw1 = raw_run("raw spaCy nlp.pipe, 1 process", 1)
    raw2 = raw_run("raw spaCy nlp.pipe, n_process=2", 2)
    j1 = brief_run("brief --jobs 1 (no cache)", "--no-cache", "-j", "1")
    j2 = brief_run("brief --jobs 2 (no cache)", "--no-cache", "-j", "2")
    cold = brief_run("brief cold cache (--jobs 2)", "-j", "2")
    warm = brief_run("brief warm cache re-run", "-j", "2")

    print(f"\n{'run':<36} {'seconds':>8} {'words/s':>9} {'docs/s':>8} {'peak RSS MiB':>13}")
    for label, seconds, peak in rows:
        print(
            f"{label:<36} {seconds:>8.2f} {words / seconds:>9,.0f} {docs / seconds:>8.1f} {peak:>13.0f}"
        )
    print("\nratios (same run):")
    print(f"  brief --jobs 1 / raw 1 process   {raw1 / j1:.2f}  (target >= 0.90)")
    print(f"  brief --jobs 2 / raw n_process=2 {raw2 / j2:.2f}  (target >= 0.85)")
    print(f"  brief --jobs 2 / brief --jobs 1  {j1 / j2:.2f}  (target >= 1.5)")
    print(f"  warm cache speed-up over cold    {cold / warm:.1f}x  (target >= 20x)")
    print("  (raw spaCy times exclude model loading; brief's include start-up and loading)")

    seed = next((ROOT / "seeds").glob("*.txt"))
    help_wall = min(timed([brief, "--help"])[0] for _ in range(3))
    seed_wall = min(
        timed([brief, "extract", str(seed), "-f", "json", "--no-cache"], env)[0] for _ in range(2)
    )
    print(
        f"\nbrief --help: {help_wall:.3f} s (target < 0.25 s); brief extract one seed file: {seed_wall:.2f} s"
    )
    shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
