"""Documents as people have them: HTML, PDF, Word and Markdown, each read through `brief
extract` and checked for entities, values, the publication date, and offsets that index the
text `brief text` prints."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import invoke

BRIEF = shutil.which("brief")

ARTICLE_HTML = """<!doctype html><html><head><meta charset="utf-8">
<title>Acme buys Widget | Daily News</title>
<meta property="article:published_time" content="2024-03-16T09:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/m">Marketing by Bob Jenkins</a></nav>
<article><h1>Acme buys Widget</h1>
<p>Siemens agreed on 27 March 2024 to buy the Munich plant for $18 billion, chief executive Angela
Merkel said in London on Tuesday.</p>
<p>The deal, announced in New York, values the plant at more than &pound;14bn, and analysts at
Goldman Sachs said the price was high for a company of its size.</p>
<p>Shares rose 4% in early trading, and the board will meet again next month to approve it.</p>
</article>
<footer>Copyright 2023 Daily News Ltd, registered in Manchester. Contact Susan Pryce.</footer>
</body></html>"""

MARKDOWN = """---
title: Siemens results in Berlin
date: 2024-03-16
---
# Q3 results

**Siemens** said on *Tuesday* that revenue rose to $18 billion, according to [Reuters](https://reuters.com/siemens).
<!-- a note about Bill Gates -->

```
Elon Musk paid $5 billion
```

| Buyer | Price |
|-------|-------|
| Volkswagen | €2m |
"""


def extract(*args: str, input: bytes | None = None) -> tuple[int, list[dict], str]:
    """Run the installed brief with JSON Lines output; (exit code, records, stderr)."""
    done = subprocess.run(
        [BRIEF or "brief", "extract", *args, "-f", "jsonl", "-q", "--no-cache"],
        capture_output=True, input=input, timeout=300,
    )  # fmt: skip
    records = [json.loads(line) for line in done.stdout.decode().splitlines()]
    return done.returncode, records, done.stderr.decode()


def text_of(path: Path, *args: str) -> str:
    done = subprocess.run([BRIEF or "brief", "text", str(path), *args], capture_output=True)
    assert done.returncode == 0, done.stderr
    return done.stdout.decode("utf-8")


def mentions(record: dict, kind: str | None = None) -> list[tuple[str, object, dict]]:
    return [
        (m["text"], e["value"], m)
        for e in record["entities"]
        if kind is None or e["type"] == kind
        for m in e["mentions"]
    ]


def assert_offsets_index(record: dict, text: str) -> None:
    for mention, _, m in mentions(record):
        assert text[m["start"] : m["end"]] == mention


@pytest.fixture
def html_page(tmp_path) -> Path:
    page = tmp_path / "article.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    return page


def test_html_main_text_metadata_date_and_offsets(html_page):
    code, (record,), _ = extract(str(html_page))
    assert code == 0
    assert (record["format"], record["published"]) == ("html", "2024-03-16")
    assert record["title"] == "Acme buys Widget"
    text = text_of(html_page)
    assert "Home" not in text and "Copyright" not in text  # navigation and footer dropped
    assert_offsets_index(record, text)
    people = {t for t, _, _ in mentions(record, "person")}
    assert "Angela\nMerkel" in people or "Angela Merkel" in people
    assert not {"Bob Jenkins", "Susan Pryce"} & people
    money = {t: v for t, v, _ in mentions(record, "money")}
    assert money["$18 billion"] == {"amount": 18_000_000_000, "currency": "USD"}
    dates = {t: v for t, v, _ in mentions(record, "date")}
    # The page's date is the reference: Tuesday before 16 March 2024.
    assert dates["Tuesday"] == {"iso": "2024-03-12", "grain": "day"}
    assert dates["27 March 2024"] == {"iso": "2024-03-27", "grain": "day"}


def make_pdf(path: Path, pages: list[str]) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=12)
    for page in pages:
        pdf.add_page()
        if page:
            pdf.multi_cell(0, 8, page)
    pdf.output(str(path))
    return path


def test_pdf_pages_offsets_and_a_scan_without_text(tmp_path):
    report = make_pdf(
        tmp_path / "report.pdf",
        [
            "Annual report. Siemens paid $4 billion for the plant in Munich on 3 March 2023.",
            "On the second page, Angela Merkel visited Paris in June 2024.",
        ],
    )
    make_pdf(tmp_path / "scan.pdf", [""])
    code, records, stderr = extract(str(tmp_path))
    assert code == 1  # the scan failed; the report is still extracted
    by_name = {Path(r["path"]).name: r for r in records}
    assert by_name["scan.pdf"]["error"].startswith("no text layer")
    assert f"{tmp_path / 'scan.pdf'}: no text layer" in stderr
    record = by_name["report.pdf"]
    assert record["format"] == "pdf"
    assert_offsets_index(record, text_of(report))
    pages = {t: m["page"] for t, _, m in mentions(record)}
    assert pages["$4 billion"] == 1 and pages["Munich"] == 1
    assert pages["Angela Merkel"] == 2 and pages["Paris"] == 2
    assert {t: v for t, v, _ in mentions(record, "money")}["$4 billion"] == {
        "amount": 4_000_000_000, "currency": "USD",
    }  # fmt: skip


def test_word_paragraphs_and_tables(tmp_path):
    import docx

    document = docx.Document()
    document.core_properties.title = "Board minutes"
    document.add_paragraph("The board of Volkswagen met in Wolfsburg on 12 May 2022.")
    table = document.add_table(rows=2, cols=2)
    for (row, col), value in {(0, 0): "Buyer", (0, 1): "Price", (1, 0): "Tesla",
                              (1, 1): "$2 million"}.items():  # fmt: skip
        table.cell(row, col).text = value
    document.add_paragraph("Herbert Diess signed for the company.")
    path = tmp_path / "minutes.docx"
    document.save(str(path))
    code, (record,), _ = extract(str(path))
    assert code == 0
    assert (record["format"], record["title"]) == ("docx", "Board minutes")
    text = text_of(path)
    assert "Tesla\t$2 million" in text  # a table row is a line, cells split by tabs
    assert_offsets_index(record, text)
    money = {t: v for t, v, _ in mentions(record, "money")}
    assert money == {"$2 million": {"amount": 2_000_000, "currency": "USD"}}
    assert {"Herbert Diess"} <= {t for t, _, _ in mentions(record, "person")}
    dates = {t: v for t, v, _ in mentions(record, "date")}
    assert dates["12 May 2022"] == {"iso": "2022-05-12", "grain": "day"}


def test_markdown_markup_is_never_part_of_a_mention(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    code, (record,), _ = extract(str(path))
    assert code == 0
    assert (record["format"], record["published"]) == ("markdown", "2024-03-16")
    assert record["title"] == "Siemens results in Berlin"
    text = text_of(path)
    assert len(text) == len(MARKDOWN)  # markup blanked: offsets index the file itself too
    assert_offsets_index(record, MARKDOWN)
    found = mentions(record)
    assert not [t for t, _, _ in found if set(t) & set("[]()#*|<>`")]
    assert "Reuters" in {t for t, _, _ in found}
    # Code, comments and link targets are not text.
    assert not {"Bill Gates", "Elon Musk", "$5 billion"} & {t for t, _, _ in found}
    money = {t: v for t, v, _ in mentions(record, "money")}
    assert money == {
        "$18 billion": {"amount": 18_000_000_000, "currency": "USD"},
        "€2m": {"amount": 2_000_000, "currency": "EUR"},
    }
    dates = {t: v for t, v, _ in mentions(record, "date")}
    assert dates["Tuesday"] == {"iso": "2024-03-12", "grain": "day"}  # from front matter
    assert not [t for t in dates if "2024" in t]  # front matter holds no mention
    assert "Q3" not in money
    assert {"Berlin"} <= {t for t, _, _ in mentions(record, "place")}  # the title is prose


def test_include_text_matches_brief_text(html_page):
    _, (record,), _ = extract(str(html_page), "--include-text")
    assert record["text"] == text_of(html_page)
    assert_offsets_index(record, record["text"])


def test_input_format_overrides_the_extension_and_reads_stdin(tmp_path):
    page = tmp_path / "saved.txt"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    _, (as_text,), _ = extract(str(page))
    _, (as_html,), _ = extract(str(page), "--input-format", "html")
    assert as_text["format"] == "text" and as_html["format"] == "html"
    assert "<p>" in text_of(page) and "<p>" not in text_of(page, "--input-format", "html")
    assert as_html["published"] == "2024-03-16"
    code, (piped,), _ = extract("-", "--input-format", "markdown", input=MARKDOWN.encode())
    assert (code, piped["format"], piped["published"]) == (0, "markdown", "2024-03-16")


def test_a_missing_extra_is_an_error_record_naming_it(tmp_path):
    blocked = tmp_path / "blocked"
    (blocked / "pypdf").mkdir(parents=True)
    (blocked / "pypdf" / "__init__.py").write_text("raise ImportError('pypdf is not installed')\n")
    docs = tmp_path / "docs"
    docs.mkdir()
    make_pdf(docs / "report.pdf", ["Siemens paid $4 billion in Munich."])
    (docs / "note.txt").write_text("Angela Merkel visited Paris.")
    done = subprocess.run(
        [BRIEF or "brief", "extract", str(docs), "-f", "jsonl", "-q", "--no-cache"],
        capture_output=True, text=True, timeout=300,
        env={**os.environ, "PYTHONPATH": str(blocked)},
    )  # fmt: skip
    assert done.returncode == 1
    records = {Path(r["path"]).name: r for r in map(json.loads, done.stdout.splitlines())}
    assert records["report.pdf"]["error"] == (
        "reading PDF files needs the pdf extra: pip install 'brief-extract[pdf]'"
    )
    assert records["note.txt"]["entities"]


@pytest.mark.parametrize(
    ("encoded", "forced", "encoding"),
    [
        ("cp1252", None, "cp1252"),
        ("cp1252", "cp1252", "cp1252"),
        ("cp1252", "utf-8", "utf-8 (invalid bytes replaced)"),
        ("latin-1", None, "latin-1"),
    ],
)
def test_western_single_byte_text_keeps_its_pounds_and_euros(tmp_path, encoded, forced, encoding):
    sentence = "Chelsea paid “£15.8m” for the striker – and Siemens €3m, Zürich said."
    if encoded == "latin-1":
        sentence = sentence.replace("“", '"').replace("”", '"').replace("–", "-")
        sentence = sentence.replace("€3m", "£3m")
    path = tmp_path / "article.txt"
    path.write_bytes(sentence.encode(encoded))
    code, (record,), _ = extract(str(path), *(["--encoding", forced] if forced else []))
    assert (code, record["encoding"]) == (0, encoding)
    money = {t: v for t, v, _ in mentions(record, "money")}
    if forced == "utf-8":
        assert "£15.8m" not in money  # the bytes were not UTF-8: replaced, and said so
        return
    assert money["£15.8m"] == {"amount": 15_800_000, "currency": "GBP"}


def test_an_unknown_encoding_or_format_is_a_usage_error(runner, tmp_path):
    (tmp_path / "a.txt").write_text("x")
    result = invoke(runner, "extract", str(tmp_path), "--encoding", "klingon")
    assert result.exit_code == 2 and "--encoding 'klingon': no such encoding" in result.stderr
    result = invoke(runner, "extract", str(tmp_path), "--input-format", "rtf")
    assert result.exit_code == 2 and "--input-format must be one of text, markdown" in result.stderr


def test_brief_text_of_a_folder_or_a_bad_file(runner, tmp_path):
    result = invoke(runner, "text", str(tmp_path))
    assert result.exit_code == 2 and "is a directory" in result.stderr
    (tmp_path / "bad.txt").write_bytes(b"\x00\x01\x02")
    result = invoke(runner, "text", str(tmp_path / "bad.txt"))
    assert result.exit_code == 1 and result.stderr.endswith("bad.txt: binary file\n")


PAGE = (
    "<html><head><title>Talks</title>{head}</head><body><article><p>Angela Merkel visited "
    "Paris on Tuesday, and the talks with Emmanuel Macron went on late into the evening at "
    "the Elysee palace.</p><p>{body}</p></article></body></html>"
)


@pytest.mark.parametrize(
    ("head", "body", "published", "tuesday"),
    [
        ('<meta property="article:published_time" content="2021-01-15T08:00:00Z">', "",
         "2021-01-15", "2021-01-12"),
        ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": '
         '"NewsArticle", "datePublished": "2023-07-04T10:00:00+02:00"}</script>', "",
         "2023-07-04", "2023-07-04"),
        ("", '<time datetime="2022-11-30">30 November</time> Reporting by staff.',
         "2022-11-30", "2022-11-29"),
        ("", "", None, None),
    ],
    ids=["article:published_time", "JSON-LD datePublished", "<time>", "no date"],
)  # fmt: skip
def test_html_publication_date_sources(tmp_path, head, body, published, tuesday):
    page = tmp_path / "talks.htm"
    page.write_text(PAGE.format(head=head, body=body), encoding="utf-8")
    code, (record,), _ = extract(str(page))
    assert (code, record["published"], record["reference_date"]) == (0, published, published)
    dates = {t: v for t, v, _ in mentions(record, "date")}
    assert dates["Tuesday"] == ({"iso": tuesday, "grain": "day"} if tuesday else None)
