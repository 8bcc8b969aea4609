"""The rule layer reads a document's entities once per change (`doctext.entities`), and what it
keeps is always what the Doc holds: after each component, after a span ruler, after a
retokenization, and when a document is run through the pipeline again."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Span

from brief.pipeline import build_pipeline, resolve_model_name
from brief.pipeline.doctext import entities, forget_entities, set_entities

PIPELINE = Path(__file__).resolve().parent.parent / "cli" / "brief" / "pipeline"

STORY = (
    "Sandra Pryce, chief executive of Quantix Robotics (QR), said on 27 March 2024 that the "
    "firm would spend $18 billion in Leeds. Pryce told the BBC that QR had grown by 3 per cent "
    "in the three months to September. Manchester City beat Brentford 2-1 at the Etihad."
)


def keys(spans) -> list[tuple[int, int, str]]:
    return [(s.start, s.end, s.label_) for s in spans]


@pytest.fixture(scope="module")
def nlp():
    return build_pipeline(resolve_model_name())


def test_after_every_component_the_kept_entities_are_the_docs(nlp) -> None:
    doc = nlp.make_doc(STORY)
    for name, component in nlp.pipeline:
        doc = component(doc)
        if name.startswith("brief_"):
            assert keys(entities(doc)) == keys(doc.ents), name
    assert ("Sandra Pryce", "PERSON") in [(e.text, e.label_) for e in doc.ents]


@pytest.mark.parametrize("text", [STORY, "Ada Lovelace wrote to Charles Babbage in London ."])
def test_a_document_run_again_gets_the_same_entities(nlp, text: str) -> None:
    """As extract's one-piece-at-a-time retry runs a document again after a batch failed:
    the model sets its entities afresh, and the span ruler forgets those kept before."""
    first = nlp(text)
    found = keys(first.ents)
    again = first
    for name, component in nlp.pipeline:
        again = component(again)
        if name.startswith("brief_"):
            assert keys(entities(again)) == keys(again.ents), name
    assert keys(again.ents) == found


def test_kept_entities_follow_another_document_and_a_direct_write() -> None:
    blank = spacy.blank("en")
    one, two = blank("Ada Lovelace met Charles Babbage ."), blank("Paris in May .")
    set_entities(one, [Span(one, 0, 2, label="PERSON")])
    set_entities(two, [Span(two, 0, 1, label="GPE")])
    assert keys(entities(one)) == [(0, 2, "PERSON")]  # read again from the Doc, not the other's
    one.ents = [Span(one, 3, 5, label="PERSON")]  # by a span ruler or the model
    forget_entities(one)
    assert keys(entities(one)) == [(3, 5, "PERSON")]


def test_refused_entities_leave_nothing_stale() -> None:
    doc = spacy.blank("en")("Ada Lovelace met Charles Babbage .")
    set_entities(doc, [Span(doc, 0, 2, label="PERSON")])
    with pytest.raises(ValueError):
        set_entities(doc, [Span(doc, 0, 2, label="PERSON"), Span(doc, 1, 3, label="ORG")])
    assert keys(entities(doc)) == keys(doc.ents) == [(0, 2, "PERSON")]


def test_unlabelled_and_empty_spans_are_dropped_as_spacy_drops_them() -> None:
    doc = spacy.blank("en")("Ada Lovelace met Charles Babbage .")
    set_entities(doc, [Span(doc, 3, 5, label="PERSON"), Span(doc, 0, 2), Span(doc, 2, 2, "X")])
    assert keys(entities(doc)) == keys(doc.ents) == [(3, 5, "PERSON")]


def test_components_change_entities_only_through_set_entities() -> None:
    """A component that assigned `doc.ents` itself would leave `entities` stale."""
    offenders = []
    for path in sorted(PIPELINE.glob("*.py")):
        if path.name == "doctext.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets = node.targets if isinstance(node, ast.Assign) else []
            if any(isinstance(t, ast.Attribute) and t.attr == "ents" for t in targets):
                offenders.append(f"{path.name}:{node.lineno}")
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") == "set_ents":
                offenders.append(f"{path.name}:{node.lineno}")
    assert offenders == []
