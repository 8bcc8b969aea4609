"""Money values: amounts with scales and currencies, ranges, open ranges and vague amounts."""

from __future__ import annotations

import pytest

from brief.normalize import parse_money


def amount(value, currency):
    return {"amount": value, "currency": currency}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$18 billion", amount(18_000_000_000, "USD")),
        ("$2", amount(2, "USD")),
        ("$1,250.75", amount(1250.75, "USD")),
        ("US$1.2bn", amount(1_200_000_000, "USD")),
        ("€3m", amount(3_000_000, "EUR")),
        ("€3 million", amount(3_000_000, "EUR")),
        ("£1,200.50", amount(1200.5, "GBP")),
        ("£5bn", amount(5_000_000_000, "GBP")),
        ("¥500 million", amount(500_000_000, "JPY")),
        ("50 million yen", amount(50_000_000, "JPY")),
        ("JPY 300 million", amount(300_000_000, "JPY")),
        ("EUR 2.5 billion", amount(2_500_000_000, "EUR")),
        ("HK$5bn", amount(5_000_000_000, "HKD")),
        ("A$3 million", amount(3_000_000, "AUD")),
        ("C$2.5 billion", amount(2_500_000_000, "CAD")),
        ("$10k", amount(10_000, "USD")),
        ("$4.5 trillion", amount(4_500_000_000_000, "USD")),
        ("$7mn", amount(7_000_000, "USD")),
        ("two million dollars", amount(2_000_000, "USD")),
        ("a billion euros", amount(1_000_000_000, "EUR")),
        ("twenty-five dollars", amount(25, "USD")),
        ("5 pounds sterling", amount(5, "GBP")),
        ("10 Swiss francs", amount(10, "CHF")),
        ("300 Canadian dollars", amount(300, "CAD")),
        ("1.5 billion yuan", amount(1_500_000_000, "CNY")),
        ("Rs 50 crore", amount(500_000_000, "INR")),
        ("50 cents", amount(0.5, "USD")),
        ("20 pence", amount(0.2, "GBP")),
        ("$1.2bn-1.5bn", {"min": 1_200_000_000, "max": 1_500_000_000, "currency": "USD"}),
        ("between $5 and $10 million", {"min": 5_000_000, "max": 10_000_000, "currency": "USD"}),
        ("$20-30 million", {"min": 20_000_000, "max": 30_000_000, "currency": "USD"}),
        ("under $5 million", {"max": 5_000_000, "currency": "USD"}),
        ("less than £100", {"max": 100, "currency": "GBP"}),
        ("more than €3bn", {"min": 3_000_000_000, "currency": "EUR"}),
        ("at least $2 billion", {"min": 2_000_000_000, "currency": "USD"}),
        ("about $3 million", {"amount": 3_000_000, "currency": "USD", "approximate": True}),
        ("multibillion-dollar", {"amount": None, "currency": "USD", "approximate": True}),
        ("multimillion-pound", {"amount": None, "currency": "GBP", "approximate": True}),
        ("billions of dollars", {"amount": None, "currency": "USD", "approximate": True}),
    ],
)
def test_money_values(text, expected):
    assert parse_money(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "profit", "a lot"])
def test_no_amount_and_no_currency_is_null(text):
    assert parse_money(text) is None


def test_bare_dollar_is_usd_unless_qualified():
    assert parse_money("$5")["currency"] == "USD"
    assert parse_money("A$5")["currency"] == "AUD"
    assert parse_money("NZ$5")["currency"] == "NZD"
