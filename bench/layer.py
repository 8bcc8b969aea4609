"""What brief's rule layer costs on top of the statistical model, measured in one process.

    python bench/layer.py [FOLDER] [--sample 4] [--rounds 4]

FOLDER defaults to ../shared/bench/bbc. Prints the CPU milliseconds per document of each of
brief's components (on documents the model has tagged, each document through every component
in turn, a first pass over the text), and the CPU time of the model alone against the model
with the rule layer, in alternating rounds (so a slow spell of the machine hits both alike),
with the layer's cost as a share of the model's. CPU time, not wall time: on a shared 2-core
machine wall times spread 10-20% between runs.

Last, brief's whole extraction in the process (`Extractor.extract`: the rule layer, values and
entities; no file reading, no cache), with the collector set as the command line sets it,
against the model alone, alternating every 64 documents: the steady ratio that `bench/run.py`'s
`--jobs 1` line approaches on a long run, without its start-up or the drift between runs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = ROOT.parent / "shared" / "bench" / "bbc"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", default=str(DEFAULT_CORPUS))
    parser.add_argument("--sample", type=int, default=4, help="keep every Nth file")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    folder = Path(args.folder)
    if not folder.is_dir():
        sys.exit(f"{folder}: no such folder (the BBC corpus lives in ../shared/bench/bbc)")

    from brief.compute import one_blas_thread_from_the_start

    one_blas_thread_from_the_start()  # as the command does, before numpy is loaded
    from brief.collector import use_for_batch_run
    from brief.compute import use_numpy_blas
    from brief.extract import ExtractOptions, Extractor
    from brief.pipeline import build_pipeline, resolve_model_name
    from brief.pipeline.model import load_statistical_model
    from brief.sources import Source, decode_bytes

    files = sorted(folder.rglob("*.txt"))[:: args.sample]
    texts = [decode_bytes(p.read_bytes())[0] for p in files]
    model = load_statistical_model(resolve_model_name())
    use_numpy_blas(model)  # the model as brief runs it, so that only the layer differs
    layered = build_pipeline(resolve_model_name())
    print(f"{len(texts)} documents from {folder}")

    tagged = list(model.pipe(texts, batch_size=64))
    print("\ncomponent                     CPU ms/document")
    # Document by document, as spaCy's pipe runs them: each document goes through every
    # component before the next document does (what `doctext.entities` relies on).
    layer = [(n, layered.get_pipe(n)) for n in layered.pipe_names if n not in model.pipe_names]
    spent = dict.fromkeys((name for name, _ in layer), 0.0)
    clock = time.process_time
    for doc in tagged:
        for name, component in layer:
            start = clock()
            doc = component(doc)
            spent[name] += clock() - start
    total = 0.0
    for name, seconds in spent.items():
        cost = 1000 * seconds / len(texts)
        total += cost
        print(f"{name:<30}{cost:>8.2f}")
    print(f"{'(all of the rule layer)':<30}{total:>8.2f}")

    times: dict[str, list[float]] = {"model": [], "model + rule layer": []}
    for _ in range(args.rounds):
        for label, pipeline in (("model", model), ("model + rule layer", layered)):
            start = time.process_time()
            for _doc in pipeline.pipe(texts, batch_size=64):
                pass
            times[label].append(time.process_time() - start)
    print(f"\nalternating rounds ({args.rounds}), CPU seconds")
    for label, values in times.items():
        shown = ", ".join(f"{v:.1f}" for v in values)
        print(f"  {label:<20} median {statistics.median(values):6.2f}   ({shown})")
    ratio = statistics.median(times["model + rule layer"]) / statistics.median(times["model"])
    print(f"  the rule layer costs {100 * (ratio - 1):.1f}% of the model's time")

    use_for_batch_run()
    extractor = Extractor(ExtractOptions(model=resolve_model_name()))
    start = time.process_time()
    extractor.nlp  # noqa: B018 - loaded here, so its start-up is timed apart
    loading = time.process_time() - start
    sources = [Source(str(p), text, "utf-8") for p, text in zip(files, texts, strict=True)]
    spent = {"model": 0.0, "extraction": 0.0}
    for _ in range(args.rounds):
        for at in range(0, len(texts), 64):
            start = time.process_time()
            for _doc in model.pipe(texts[at : at + 64], batch_size=64):
                pass
            spent["model"] += time.process_time() - start
            start = time.process_time()
            for _document in extractor.extract(sources[at : at + 64]):
                pass
            spent["extraction"] += time.process_time() - start
    done = args.rounds * len(texts)
    per = {label: 1000 * seconds / done for label, seconds in spent.items()}
    print("\nbrief's extraction against the model, alternating every 64 documents, CPU ms/document")
    print(
        f"  model {per['model']:.2f}, extraction {per['extraction']:.2f}: "
        f"{per['model'] / per['extraction']:.3f}x the model's speed, "
        f"{per['extraction'] - per['model']:.2f} ms more per document"
    )
    print(
        f"  loading brief's pipeline here: {loading:.2f} s CPU (spaCy already imported; a fresh process takes longer)"
    )


if __name__ == "__main__":
    main()
