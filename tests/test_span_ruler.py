"""brief's span ruler skips a document in which no pattern can match, and matches as spaCy's
SpanRuler does everywhere else."""

from __future__ import annotations

import pytest
import spacy

from brief.pipeline.components import _needed_words

PATTERNS = [
    {"label": "ORG", "pattern": [{"LOWER": {"IN": ["bank", "ministry"]}, "IS_TITLE": True},
                                 {"LOWER": "of"}, {"IS_TITLE": True, "OP": "{1,6}"}]},
    {"label": "DATE", "pattern": [{"LOWER": "the"}, {"LOWER": "near", "OP": "?"},
                                  {"LOWER": "future"}]},
]  # fmt: skip


def rulers() -> tuple[object, object]:
    guarded, plain = spacy.blank("en"), spacy.blank("en")
    config = {"spans_key": None, "annotate_ents": True, "overwrite": False}
    guarded.add_pipe("brief_span_ruler", config=config).add_patterns(PATTERNS)
    plain.add_pipe("span_ruler", config=config).add_patterns(PATTERNS)
    return guarded, plain


@pytest.mark.parametrize(
    "text, expected",
    [
        ("He left the Bank of England in the near future .", [("Bank of England", "ORG"),
                                                               ("the near future", "DATE")]),
        ("In the future the Ministry of Defence will pay .", [("the future", "DATE"),
                                                             ("Ministry of Defence", "ORG")]),
        ("The bank of England is lower case here .", []),
        ("Nothing here can match at all .", []),
        ("A Bank without the word after it .", []),
        # both needed words, but not side by side: the Matcher is not run, and finds nothing
        ("The Bank said the Ministry will speak of Defence .", []),
        ("Power belongs to the Bank , of course .", []),
    ],
)  # fmt: skip
def test_guarded_ruler_finds_what_spacys_ruler_finds(text: str, expected: list) -> None:
    guarded, plain = rulers()
    found = [(e.text, e.label_) for e in guarded(text).ents]
    assert found == [(e.text, e.label_) for e in plain(text).ents]
    assert found == expected


def test_needed_words_leave_out_optional_tokens_and_give_up_on_phrases() -> None:
    strings = spacy.blank("en").vocab.strings
    needs = _needed_words(PATTERNS, strings)
    bank_of = (frozenset({strings["bank"], strings["ministry"]}), frozenset({strings["of"]}))
    # "near" is optional, so "the" and "future" need not touch
    assert needs == [
        [bank_of],
        [(frozenset({strings["the"]}),), (frozenset({strings["future"]}),)],
    ]
    with_a_phrase = [*PATTERNS, {"label": "ORG", "pattern": "Acme Corp"}]
    assert _needed_words(with_a_phrase, strings) is None
