"""The grammar's start-key index: which forms are tried where in a text."""

from __future__ import annotations

import pytest

from brief import grammar
from brief.normalize.dates import date_grammar
from brief.normalize.money import money_grammar


@pytest.mark.parametrize("make", [date_grammar, money_grammar], ids=["date", "money"])
def test_keys_from_pieces_analysed_once_are_those_of_the_forms_written_out(make):
    # The index analyses each piece ({MONTH}, {YEAR}) once and each form with placeholders;
    # it must find what analysing every form written out in full finds.
    g = make()
    indexed = g._atomic + [r for r in g.rules if r.pieces and r.starter is not None]
    for rule in indexed:
        written_out = grammar.start_keys((rule.pattern or rule.starter).pattern)
        indexed_keys = (
            None if rule in g._always else frozenset(k for k, rs in g._index.items() if rule in rs)
        )
        assert indexed_keys == written_out, rule.name
    for rule in g.rules:
        if id(rule) in g._long_keys:
            written_out = grammar.start_keys(
                (rule.pattern or rule.starter).pattern, 7, fold=True, most=100_000
            )
            assert g._long_keys[id(rule)] == written_out, rule.name


def test_a_piece_in_an_alternation_of_pieces_gives_its_own_keys():
    # Python's parser reads `A|B` of single characters as a set: each placeholder there
    # stands for its piece, not for itself.
    pieces = {"\ue000": "(?:19[0-9]{2})", "\ue001": "(?:'[0-9]{2})"}
    assert grammar.start_keys("(?:\ue000|\ue001)x", pieces=pieces) == {"000", "'00"}
    assert grammar.start_keys("(?:19[0-9]{2}|'[0-9]{2})x") == {"000", "'00"}
