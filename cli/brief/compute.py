"""How the statistical model multiplies matrices: numpy's BLAS, on one thread per process.

thinc's CPU ops hand matrix products to BLIS by default. thinc also supports handing them to
numpy (`NumpyOps(use_blis=False)`), whose OpenBLAS does the products of a small spaCy model
(tens of thousands of token vectors by a few hundred weights) about 1.4x faster on one thread
of this machine's CPUs: `en_core_web_sm`'s NER takes 9-12% less time over the BBC corpus, with the
same entities in every article (`python bench/run.py` prints both, as "raw spaCy" and "raw spaCy,
numpy BLAS"). The other CPU operations stay thinc's own.

OpenBLAS starts a thread per core unless told otherwise: with batches this small that is slower
(the same NER took 17.5 s of wall time and 25.8 s of CPU on two threads, 14.6 s on one), and
under `--jobs 1` it would be a second core. brief's parallelism is `--jobs`, processes of one
thread each. The command sets `OPENBLAS_NUM_THREADS=1` before numpy is loaded, so that OpenBLAS
starts no threads (its workers inherit that); where numpy was loaded first (brief used as a
library), the BLAS libraries are limited to one thread when the pipeline is built, which works
but is slower: the threads exist and OpenBLAS keeps them waking (22.9 s against 20.0 s for
every 4th BBC article end to end).

Only an optimised BLAS is worth the switch: numpy's wheels bring OpenBLAS, conda's may bring MKL,
macOS has Accelerate. A numpy built on another BLAS (a distribution's reference BLAS is many
times slower than BLIS) or one that does not say what it was built with keeps thinc's BLIS.
"""

from __future__ import annotations

import os
import sys
from typing import Any

BLAS_THREADS_ENV = "OPENBLAS_NUM_THREADS"
_THREAD_ENVS = (BLAS_THREADS_ENV, "MKL_NUM_THREADS")
_OPTIMISED_BLAS = ("openblas", "mkl", "accelerate")
_limited_in: set[int] = set()  # the processes (by pid) whose BLAS threads are limited


def one_blas_thread_from_the_start() -> None:
    """For the command, before numpy is loaded: OpenBLAS (or MKL) then starts no threads."""
    if "numpy" not in sys.modules:
        for name in _THREAD_ENVS:
            os.environ[name] = "1"


def numpy_blas_name() -> str:
    """The BLAS numpy was built with, as numpy reports it ("scipy-openblas", "mkl-sdl",
    "accelerate", "blas", ...), in lower case; "" when this numpy does not say."""
    try:
        import numpy

        return str(numpy.__config__.CONFIG["Build Dependencies"]["blas"]["name"]).lower()
    except Exception:  # numpy before 1.26 has no such record
        return ""


def use_numpy_blas(nlp: Any) -> None:
    """Every thinc layer of `nlp` that runs on thinc's default CPU ops (BLIS) runs on the same
    ops with numpy's matrix product instead, when numpy's BLAS is an optimised one; layers on
    other ops (a GPU, Apple's) are left."""
    blas = numpy_blas_name()
    if not any(name in blas for name in _OPTIMISED_BLAS):
        return
    from thinc.api import NumpyOps

    numpy_blas = NumpyOps(use_blis=False)
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for layer in model.walk():
            if type(layer.ops) is NumpyOps and layer.ops.use_blis:
                layer.ops = numpy_blas
    one_blas_thread()


def one_blas_thread() -> None:
    """Hold this process's BLAS libraries to one thread, unless the command started them with
    one (once per process: a forked worker limits its own)."""
    started_with_one = all(os.environ.get(name) == "1" for name in _THREAD_ENVS)
    if started_with_one or os.getpid() in _limited_in:
        return
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")
    _limited_in.add(os.getpid())


__all__ = [
    "BLAS_THREADS_ENV",
    "numpy_blas_name",
    "one_blas_thread",
    "one_blas_thread_from_the_start",
    "use_numpy_blas",
]
