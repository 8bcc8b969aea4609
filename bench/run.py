"""brief's speed and memory against raw spaCy, measured in one run.

    python bench/run.py [FOLDER] [--sample N] [--repeat 3] [--dask] [--memory-scale 10]

FOLDER defaults to ../shared/bench/bbc (2,225 BBC articles). `--sample N` keeps every Nth file.
Prints words/s and documents/s for brief end to end (files read to JSON Lines written,
normalisation included) with --jobs 1 and 2, raw spaCy `nlp.pipe` with the same model and
components (NER only) in 1 and 2 processes on the same texts, as spaCy runs it (thinc's BLIS
for matrix products) and, in 1 process, as brief runs it (numpy's BLAS: see
`brief/compute.py`), the same with brief's rule layer added to the pipeline, the ratios
(against the loop alone and against the whole raw process, start-up included, as brief is
timed; each brief run follows the raw run it is compared with, and a ratio is the median over
rounds of those pairs), a warm-cache re-run, peak RSS of each (of the main process), and the
wall time of `brief --help` and of one small extraction.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "bbc"

RAW_SPACY = """
import sys, time
from pathlib import Path
from brief.pipeline import build_pipeline
from brief.pipeline.model import load_statistical_model, resolve_model_name
from brief.sources import decode_bytes
paths = [Path(p) for p in Path(sys.argv[1]).read_text().splitlines()]
texts = [decode_bytes(p.read_bytes())[0] for p in paths]
if sys.argv[3] == "rules":
    nlp = build_pipeline(resolve_model_name())
else:
    nlp = load_statistical_model(resolve_model_name())
    if sys.argv[3] == "numpy-blas":
        from brief.compute import use_numpy_blas
        use_numpy_blas(nlp)
start = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64, n_process=int(sys.argv[2])):
    pass
print(time.perf_counter() - start)
"""


def timed(
    command: list[str], env: dict[str, str] | None = None, ok: tuple[int, ...] = (0,)
) -> tuple[float, float, str]:
    """Wall seconds and peak RSS in MiB (via /usr/bin/time when present)."""
    timer = shutil.which("time") or ("/usr/bin/time" if Path("/usr/bin/time").exists() else None)
    with tempfile.NamedTemporaryFile("r", suffix=".rss") as rss:
        full = [timer, "-f", "%M", "-o", rss.name, *command] if timer else command
        start = time.perf_counter()
        done = subprocess.run(full, capture_output=True, text=True, env=env)
        wall = time.perf_counter() - start
        if done.returncode not in ok:
            sys.exit(f"command failed ({done.returncode}): {' '.join(command)}\n{done.stderr}")
        peak = float(rss.read().strip().splitlines()[-1]) / 1024 if timer else float("nan")
    return wall, peak, done.stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=1, help="keep every Nth file")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each configuration (median)")
    parser.add_argument(
        "--dask", action="store_true", help="also time --engine dask (needs brief[dask])"
    )
    parser.add_argument(
        "--memory-scale", type=int, default=0, help="compare peak RSS on an N-times copy"
    )
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

    def brief_run(
        *options: str, cache: Path | None = None, where: Path = sample
    ) -> tuple[float, float]:
        out = work / "out.jsonl"
        command = [brief, "extract", str(where), "-f", "jsonl", "-q", "-o", str(out), *options]
        run_env = {**env, "BRIEF_CACHE_DIR": str(cache)} if cache else env
        wall, peak, _ = timed(command, run_env, ok=(0, 1))  # 1: some inputs failed; still timed
        return wall, peak

    # The whole raw process (Python start-up, imports, model loading, reading the files and
    # the loop), timed like brief's runs, next to the loop alone.
    raw_walls: dict[tuple[int, str], list[float]] = {}

    # One BLAS thread per process, as in brief's own (raw spaCy's products go to BLIS, which
    # runs on one thread anyway).
    raw_env = {**env, "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}

    def raw_run(processes: int, pipeline: str = "ner") -> tuple[float, float]:
        wall, peak, stdout = timed(
            [sys.executable, "-c", RAW_SPACY, str(list_file), str(processes), pipeline], raw_env
        )
        raw_walls.setdefault((processes, pipeline), []).append(wall)
        return float(stdout.strip()), peak

    # Each brief run comes right after the raw run it is compared with, and a ratio is the
    # median of the ratios of those pairs: on a shared machine the speed of the cores drifts
    # by 10-30% over minutes, and pairs cancel that drift where a median of each does not.
    configs: dict[str, Any] = {
        "raw spaCy nlp.pipe, 1 process": lambda r: raw_run(1),
        "brief --jobs 1 (no cache)": lambda r: brief_run("--no-cache", "-j", "1"),
        "raw spaCy, numpy BLAS, 1 process": lambda r: raw_run(1, "numpy-blas"),
        "raw spaCy nlp.pipe, n_process=2": lambda r: raw_run(2),
        "brief --jobs 2 (no cache)": lambda r: brief_run("--no-cache", "-j", "2"),
        "spaCy + brief rule layer, 1 proc": lambda r: raw_run(1, "rules"),
        "spaCy + brief rule layer, 2 procs": lambda r: raw_run(2, "rules"),
        "brief cold cache (--jobs 2)": lambda r: brief_run("-j", "2", cache=work / f"cache{r}"),
        "brief warm cache re-run": lambda r: brief_run("-j", "2", cache=work / f"cache{r}"),
    }
    if args.dask:
        configs["brief --engine dask, 1 worker"] = lambda r: brief_run(
            "--engine", "dask", "-j", "1"
        )
        configs["brief --engine dask, 2 workers"] = lambda r: brief_run(
            "--engine", "dask", "-j", "2"
        )
    samples: dict[str, list[tuple[float, float]]] = {label: [] for label in configs}
    for round_number in range(args.repeat):
        for label, measure in configs.items():
            samples[label].append(measure(round_number))
    seconds = {label: statistics.median(s for s, _ in runs) for label, runs in samples.items()}
    peaks = {label: max(p for _, p in runs) for label, runs in samples.items()}

    print(
        f"\n{'run (median of ' + str(args.repeat) + ')':<36} {'seconds':>8} {'words/s':>9} {'docs/s':>8} {'peak RSS MiB':>13}"
    )
    for label in configs:
        s_ = seconds[label]
        print(f"{label:<36} {s_:>8.2f} {words / s_:>9,.0f} {docs / s_:>8.1f} {peaks[label]:>13.0f}")
    raw1, raw2 = (
        seconds["raw spaCy nlp.pipe, 1 process"],
        seconds["raw spaCy nlp.pipe, n_process=2"],
    )
    rules1, rules2 = (
        seconds["spaCy + brief rule layer, 1 proc"],
        seconds["spaCy + brief rule layer, 2 procs"],
    )
    j1, j2 = seconds["brief --jobs 1 (no cache)"], seconds["brief --jobs 2 (no cache)"]
    cold, warm = seconds["brief cold cache (--jobs 2)"], seconds["brief warm cache re-run"]

    def paired(raw_label: str, brief_label: str) -> str:
        """The median of the per-round ratios, and their range."""
        ratios = sorted(
            r / b for (r, _), (b, _) in zip(samples[raw_label], samples[brief_label], strict=True)
        )
        spread = f" (rounds {ratios[0]:.2f}-{ratios[-1]:.2f})" if len(ratios) > 1 else ""
        return f"{statistics.median(ratios):.2f}{spread}"

    print("\nratios (each brief run against the raw run just before it; median of the rounds):")
    whole1, whole2 = (statistics.median(raw_walls[(n, "ner")]) for n in (1, 2))
    one = paired("raw spaCy nlp.pipe, 1 process", "brief --jobs 1 (no cache)")
    two = paired("raw spaCy nlp.pipe, n_process=2", "brief --jobs 2 (no cache)")
    like = paired("raw spaCy, numpy BLAS, 1 process", "brief --jobs 1 (no cache)")
    print(f"  brief --jobs 1 / raw 1 process   {one}  (target >= 0.90)")
    print(f"  brief --jobs 1 / raw 1 process with numpy's BLAS, as brief runs the model {like}")
    numpy_blas = seconds["raw spaCy, numpy BLAS, 1 process"]
    print(f"  (numpy's BLAS makes raw spaCy's own loop {raw1 / numpy_blas:.2f}x as fast)")
    print(f"  brief --jobs 2 / raw n_process=2 {two}  (target >= 0.85)")
    print(f"  (the same from the medians of each: {raw1 / j1:.2f} and {raw2 / j2:.2f})")
    print(f"  brief --jobs 2 / brief --jobs 1  {j1 / j2:.2f}  (target >= 1.5)")
    print(f"  warm cache speed-up over cold    {cold / warm:.1f}x  (target >= 20x)")
    print(f"  brief --jobs 1 / spaCy + rule layer, 1 process   {rules1 / j1:.2f}")
    print(f"  brief --jobs 2 / spaCy + rule layer, 2 processes {rules2 / j2:.2f}")
    print("  (raw spaCy times exclude start-up and model loading; brief's include them. The last")
    print("   two ratios isolate what brief adds outside the spaCy pipeline.)")
    print("whole processes, start-up included on both sides:")
    print(f"  raw spaCy script, 1 process {whole1:.2f} s; n_process=2 {whole2:.2f} s")
    print(f"  brief --jobs 1 / raw script, 1 process   {whole1 / j1:.2f}")
    print(f"  brief --jobs 2 / raw script, n_process=2 {whole2 / j2:.2f}")
    if args.dask:
        d1, d2 = seconds["brief --engine dask, 1 worker"], seconds["brief --engine dask, 2 workers"]
        print(
            f"  dask 1 worker / brief --jobs 1   {j1 / d1:.2f};  dask 2 workers / brief --jobs 2  {j2 / d2:.2f}"
        )
    if args.memory_scale > 1:
        bigger = work / "scaled"
        for copy in range(args.memory_scale):
            for path in sorted(sample.rglob("*.txt")):
                target = bigger / f"copy{copy:02d}" / path.relative_to(sample)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
        _, one = brief_run("--no-cache", "-j", "1")
        _, many = brief_run("--no-cache", "-j", "1", where=bigger)
        print(
            f"  peak RSS, {args.memory_scale}x corpus / 1x corpus (--jobs 1): {many:.0f} / {one:.0f} MiB = {many / one:.2f}  (target <= 1.25)"
        )

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
