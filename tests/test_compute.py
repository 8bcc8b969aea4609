"""brief runs the model's matrix products on numpy's BLAS, on one thread per process, and the
model finds the same entities there as on spaCy's default ops (BLIS)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from brief import compute
from brief.compute import BLAS_THREADS_ENV, numpy_blas_name, use_numpy_blas
from brief.pipeline import build_pipeline, resolve_model_name
from brief.pipeline.model import load_statistical_model

ROOT = Path(__file__).resolve().parent.parent
TEXTS = sorted([*(ROOT / "seeds").glob("*.txt"), *(ROOT / "tests" / "gold" / "docs").glob("*.txt")])

# Reports, at exit, the threads of the process and the thread limit of each BLAS library.
REPORT_THREADS = """
import atexit, os, sys
def report():
    import threadpoolctl
    blas = sorted({i["num_threads"] for i in threadpoolctl.threadpool_info() if i["user_api"] == "blas"})
    print("threads", len(os.listdir("/proc/self/task")), "blas", blas, file=sys.stderr)
atexit.register(report)
"""


def model_entities(nlp, texts: list[str]) -> list[list[tuple[int, int, str]]]:
    return [[(e.start_char, e.end_char, e.label_) for e in doc.ents] for doc in nlp.pipe(texts)]


def test_every_layer_of_brief_s_model_multiplies_with_numpy() -> None:
    from thinc.api import NumpyOps

    nlp = build_pipeline(resolve_model_name())
    layers = [layer for _, c in nlp.components if hasattr(c, "model") for layer in c.model.walk()]
    assert layers
    assert {(type(layer.ops), layer.ops.use_blis) for layer in layers} == {(NumpyOps, False)}


def test_the_model_finds_the_same_entities_on_numpy_blas_as_on_spacy_s_default_ops() -> None:
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in TEXTS]
    assert len(texts) >= 15
    default = load_statistical_model(resolve_model_name())
    ours = load_statistical_model(resolve_model_name())
    use_numpy_blas(ours)
    assert default.get_pipe("ner").model.ops.use_blis
    assert not ours.get_pipe("ner").model.ops.use_blis
    found = model_entities(default, texts)
    assert sum(map(len, found)) > 200
    assert model_entities(ours, texts) == found


def test_numpy_s_wheel_reports_an_optimised_blas() -> None:
    """The switch depends on numpy saying what it was built with: a numpy that stopped saying
    so would silently lose the speed-up."""
    assert any(name in numpy_blas_name() for name in ("openblas", "mkl", "accelerate"))


def test_a_numpy_on_a_reference_blas_keeps_thinc_s_blis(monkeypatch) -> None:
    """A distribution's reference BLAS is many times slower than BLIS."""
    monkeypatch.setattr(compute, "numpy_blas_name", lambda: "blas")
    nlp = load_statistical_model(resolve_model_name())
    use_numpy_blas(nlp)
    layers = list(nlp.get_pipe("ner").model.walk())
    assert all(layer.ops.use_blis for layer in layers)


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="counts threads in /proc")
def test_the_brief_command_starts_no_blas_threads_even_when_asked_for_more(tmp_path) -> None:
    """One thread per process: `--jobs` is brief's parallelism, and under `--jobs 1` a BLAS
    thread would be a second core."""
    out = tmp_path / "seed.json"
    run = f"""
sys.argv = ["brief", "extract", {str(ROOT / "seeds")!r}, "--no-cache", "-q", "-f", "json",
            "-o", {str(out)!r}]
from brief.cli import main
main()
"""
    env = {**os.environ, BLAS_THREADS_ENV: "4"}
    done = subprocess.run(
        [sys.executable, "-c", REPORT_THREADS + run], capture_output=True, text=True, env=env
    )
    assert done.returncode == 0, done.stderr
    assert "threads 1 blas [1]" in done.stderr
    assert '"person"' in out.read_text()


def test_a_library_user_who_loaded_numpy_first_gets_one_blas_thread() -> None:
    code = REPORT_THREADS + (
        "import numpy\n"
        "from brief.pipeline import build_pipeline, resolve_model_name\n"
        "build_pipeline(resolve_model_name())\n"
    )
    env = {k: v for k, v in os.environ.items() if k != BLAS_THREADS_ENV}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    assert "blas [1]" in done.stderr
