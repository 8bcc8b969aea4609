"""`--format html`: one self-contained report to read an extraction in its text.

Nothing is loaded from elsewhere (a Content-Security-Policy forbids it): styles and the small
script are inline, the timeline is inline SVG. Documents are written as they finish, one
section each, and only the one asked for is shown (by address: `#d12`, or a mention in it), so
a report of thousands of documents lays out like one of a few. Every highlighted mention is a `<mark>` with
`data-type`, `data-start` and `data-end`, for tests and users' own tools. All document text is
escaped.
"""

from __future__ import annotations

import json
from html import escape
from typing import IO, Any

from ..results import ENTITY_TYPES, Document, DocumentError, ModelInfo, Outcome, summary_key
from .text import describe_value
from .timeline import date_interval, timeline_svg

ABBREVIATIONS = {"date": "DATE", "money": "MONEY", "person": "PER", "place": "PLACE",
                 "organization": "ORG"}  # fmt: skip
# Colour and, for readers without it, a line style and a label per type.
STYLES = {
    "date": ("#ffe08a", "solid"),
    "money": ("#b5e8b0", "double"),
    "person": ("#bcd7ff", "dotted"),
    "place": ("#ffc9a8", "dashed"),
    "organization": ("#e3c8ff", "wavy"),
}
# The cross-document index is rendered in the browser from data; this many rows at a time.
INDEX_ROWS = 1000
MENTION_LINKS = 10  # links to an entity's mentions in its document's table


class HtmlRenderer:
    def __init__(
        self, stream: IO[str], brief_version: str, model: ModelInfo, date_scheme: str | None
    ) -> None:
        self.stream = stream
        self.heading = f"brief {brief_version} · {model.name} {model.version}"
        if date_scheme:
            self.heading += f" · dates: {date_scheme}"
        self.documents: list[tuple[str, str]] = []  # (section id, path)
        self.errors: list[DocumentError] = []
        self.index: dict[tuple[str, str], dict[str, Any]] = {}
        self.money: list[tuple[str, str, Any, str]] = []  # (section, text, value, path)

    def begin(self) -> None:
        legend = "".join(f'<mark class="legend" data-type="{t}">{t}</mark> ' for t in ENTITY_TYPES)
        self.stream.write(_HEAD.replace("{styles}", _styles()) + (
            f'<header><h1>brief report</h1><p>{escape(self.heading)}</p>'
            f'<p class="legend-row">{legend}</p></header>\n<main id="documents">\n'
        ))  # fmt: skip

    def write(self, outcome: Outcome) -> None:
        if isinstance(outcome, DocumentError):
            self.errors.append(outcome)
            return
        section = f"d{len(self.documents) + 1}"
        self.documents.append((section, outcome.path))
        self.stream.write(self._document(section, outcome))
        self.stream.flush()

    def _document(self, section: str, document: Document) -> str:
        text = document.text or ""
        marks = []
        rows = []
        for number, entity in enumerate(document.entities):
            shown = describe_value(entity.type, entity.value)
            row = self.index.setdefault(summary_key(entity), {
                "type": entity.type, "text": entity.text, "value": shown, "mentions": 0,
                "documents": 0, "first": f"{section}-{number}",
            })  # fmt: skip
            row["mentions"] += entity.count
            row["documents"] += 1
            if entity.type == "money" and entity.value is not None:
                self.money.append((section, entity.text, entity.value, document.path))
            for i, mention in enumerate(entity.mentions):
                marks.append((mention, entity, number, i))
            links = " ".join(
                f'<a href="#{section}-{number}-{i}">{i + 1}</a>'
                for i in range(min(entity.count, MENTION_LINKS))
            ) + (" …" if entity.count > MENTION_LINKS else "")
            rows.append(
                f'<tr data-type="{entity.type}"><td>{entity.type}</td>'
                f"<td>{escape(entity.text)}</td><td>{escape(shown)}</td>"
                f"<td>{entity.count}</td><td>{links}</td></tr>"
            )
        body = _highlighted(text, marks, section)
        about = [f"format {escape(document.format)}", f"encoding {escape(document.encoding)}"]
        if document.published:
            about.append(f"published {escape(document.published)}")
        if document.title:
            about.append(f"title “{escape(document.title)}”")
        return (
            f'<section class="doc" id="{section}"><h2>{escape(document.path)}</h2>'
            f'<p class="about">{" · ".join(about)}</p>'
            f'<pre class="text">{body}</pre>'
            '<table class="entities"><thead><tr><th>type</th><th>entity</th><th>value</th>'
            f"<th>mentions</th><th>go to</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
            "</section>\n"
        )

    def end(self, summary: list[dict[str, Any]] | None) -> None:
        write = self.stream.write
        write('</main>\n<nav id="list"><h2>Documents</h2><ol>')
        for section, path in self.documents:
            write(f'<li><a href="#{section}">{escape(path)}</a></li>')
        write("</ol></nav>\n")
        rows = sorted(self.index.values(),
                      key=lambda r: (-r["documents"], -r["mentions"], r["type"], r["text"]))  # fmt: skip
        options = "".join(f'<option value="{t}">{t}</option>' for t in ENTITY_TYPES)
        write(
            '<section id="index"><h2>Entities across documents</h2>'
            '<p><label>Type <select id="type-filter"><option value="">all</option>'
            f'{options}</select></label> <label>Find <input id="find" type="search"></label> '
            '<span id="shown"></span></p><table id="index-table"><thead><tr>'
            '<th data-key="type">type</th><th data-key="text">entity</th>'
            '<th data-key="value">value</th><th data-key="mentions">mentions</th>'
            '<th data-key="documents">documents</th></tr></thead><tbody></tbody></table>'
            "</section>\n"
        )
        # Dates with a value are index rows keyed by that value ("=" + JSON).
        dated = [(json.loads(key[1:]), row["mentions"]) for (kind, key), row in self.index.items()
                 if kind == "date" and key.startswith("=")]  # fmt: skip
        placed = [(v, span, n) for v, n in dated if (span := date_interval(v)) is not None]
        write('<section id="timeline"><h2>Timeline of dated mentions</h2>')
        write(timeline_svg(placed) if placed else "<p>No dated mentions with a value.</p>")
        write("</section>\n")
        write(self._money_table())
        write('<section id="errors"><h2>Errors</h2>')
        if self.errors:
            write("<ul>" + "".join(
                f"<li><code>{escape(e.path)}</code>: {escape(e.error)}</li>" for e in self.errors
            ) + "</ul>")  # fmt: skip
        else:
            write("<p>Every input was extracted.</p>")
        write("</section>\n")
        data = json.dumps({"rows": rows, "limit": INDEX_ROWS}, ensure_ascii=False, sort_keys=True)
        write('<div id="tip" role="tooltip" hidden></div>\n')
        write('<script type="application/json" id="index-data">')
        write(data.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))
        write("</script>\n<script>" + _SCRIPT + "</script>\n</body></html>\n")
        self.stream.flush()

    def _money_table(self) -> str:
        rows = []
        for section, text, value, path in self.money:
            if (
                value.get("amount") is None
                and value.get("min") is None
                and value.get("max") is None
            ):
                continue
            if value.get("amount") is not None:
                low = high = f"{value['amount']:,}"
            else:
                low = "" if value.get("min") is None else f"{value['min']:,}"
                high = "" if value.get("max") is None else f"{value['max']:,}"
            amount = low if low == high else f"{low or '…'} – {high or '…'}"
            rows.append(
                f'<tr><td><a href="#{section}">{escape(path)}</a></td><td>{escape(text)}</td>'
                f'<td class="number">{"≈ " if value.get("approximate") else ""}{amount}</td>'
                f"<td>{escape(value.get('currency') or '?')}</td></tr>"
            )
        body = "".join(rows) or '<tr><td colspan="4">No money amounts with a value.</td></tr>'
        return (
            '<section id="money"><h2>Money</h2><table><thead><tr><th>document</th>'
            "<th>as written</th><th>amount</th><th>currency</th></tr></thead>"
            f"<tbody>{body}</tbody></table></section>\n"
        )


def _highlighted(text: str, marks: list[tuple[Any, Any, int, int]], section: str) -> str:
    """The text, escaped, with each mention in a `<mark>`."""
    out = []
    at = 0
    for mention, entity, number, index in sorted(marks, key=lambda m: (m[0].start, m[0].end)):
        if mention.start < at:
            continue  # overlapping mentions are not nested; the first is shown
        out.append(escape(text[at : mention.start]))
        # The entity and its value are in the document's entity table (row `data-e`): not
        # repeated on every mention, which would double a large report.
        out.append(
            f'<mark id="{section}-{number}-{index}" tabindex="0" data-type="{entity.type}" '
            f'data-start="{mention.start}" data-end="{mention.end}" data-e="{number}">'
            f"{escape(text[mention.start : mention.end])}</mark>"
        )
        at = mention.end
    out.append(escape(text[at:]))
    return "".join(out)


def _styles() -> str:
    rules = []
    for kind, (colour, line) in STYLES.items():
        rules.append(
            f'mark[data-type="{kind}"]{{background:{colour};text-decoration:underline {line} '
            f'#333;text-underline-offset:3px}}mark[data-type="{kind}"]::after{{content:"'
            f'{ABBREVIATIONS[kind]}"}}body[data-filter="{kind}"] mark:not([data-type="{kind}"])'
            "{background:none;text-decoration:none}"
            f'body[data-filter="{kind}"] mark:not([data-type="{kind}"])::after{{content:none}}'
        )
    return "".join(rules)


_HEAD = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>brief report</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;margin:0;display:grid;grid-template-columns:18rem 1fr;
grid-template-areas:"head head" "list docs" "list index" "list timeline" "list money" "list errors"}
header{grid-area:head;padding:.5rem 1rem;border-bottom:1px solid #ccc}
header h1{margin:0;font-size:1.3rem}
#list{grid-area:list;max-height:100vh;overflow:auto;position:sticky;top:0;font-size:.85rem;
border-right:1px solid #ccc;padding:0 .5rem}
#list ol{padding-left:1.8rem}#list a{overflow-wrap:anywhere}
#documents{grid-area:docs;padding:0 1rem}
#index{grid-area:index}#timeline{grid-area:timeline}#money{grid-area:money}#errors{grid-area:errors}
#index,#timeline,#money,#errors{padding:0 1rem;border-top:1px solid #ccc}
.doc{display:none}
.doc:target,.doc.shown{display:block}
pre.text{white-space:pre-wrap;font:15px/1.7 Georgia,serif;max-width:50rem}
mark{padding:0 .1em;border-radius:2px;color:#000}
mark::after{font:9px/1 system-ui,sans-serif;vertical-align:super;margin-left:1px;color:#333}
mark:focus,mark:target{outline:2px solid #000}
.legend-row mark{margin-right:.5rem}
table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ddd;padding:2px 6px;text-align:left;vertical-align:top}
th[data-key]{cursor:pointer}td.number{text-align:right;font-variant-numeric:tabular-nums}
#tip{position:fixed;z-index:9;background:#222;color:#fff;padding:4px 8px;border-radius:4px;
font-size:.85rem;max-width:30rem;pointer-events:none}
svg text{font:10px system-ui,sans-serif}
{styles}
</style></head><body>
"""

_SCRIPT = r"""
(function () {
  var data = JSON.parse(document.getElementById("index-data").textContent);
  var tip = document.getElementById("tip");
  function show(mark) {
    var row = mark.closest("section").querySelectorAll(".entities tbody tr")[mark.dataset.e];
    var cells = row.querySelectorAll("td");
    var value = cells[2].textContent ? " · " + cells[2].textContent : "";
    tip.textContent = mark.dataset.type + ": " + cells[1].textContent + value;
    var box = mark.getBoundingClientRect();
    tip.style.left = Math.max(4, box.left) + "px";
    tip.style.top = (box.bottom + 6) + "px";
    tip.hidden = false;
  }
  function hide() { tip.hidden = true; }
  document.addEventListener("mouseover", function (e) {
    if (e.target.tagName === "MARK" && e.target.dataset.e !== undefined) show(e.target);
  });
  document.addEventListener("mouseout", function (e) { if (e.target.tagName === "MARK") hide(); });
  document.addEventListener("focusin", function (e) {
    if (e.target.tagName === "MARK" && e.target.dataset.e !== undefined) show(e.target);
  });
  document.addEventListener("focusout", hide);

  var body = document.querySelector("#index-table tbody");
  var filter = document.getElementById("type-filter");
  var find = document.getElementById("find");
  var sortKey = null, descending = false;
  function render() {
    var type = filter.value, needle = find.value.toLowerCase();
    var rows = data.rows.filter(function (r) {
      return (!type || r.type === type) && (!needle || r.text.toLowerCase().indexOf(needle) >= 0);
    });
    if (sortKey) {
      rows = rows.slice().sort(function (a, b) {
        var x = a[sortKey], y = b[sortKey];
        var order = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
        return descending ? -order : order;
      });
    }
    var html = [];
    rows.slice(0, data.limit).forEach(function (r) {
      var esc = function (s) { var d = document.createElement("span"); d.textContent = s; return d.innerHTML; };
      html.push('<tr data-type="' + r.type + '"><td>' + r.type + '</td><td><a href="#' + r.first +
        '-0">' + esc(r.text) + '</a></td><td>' + esc(r.value) + '</td><td>' + r.mentions +
        '</td><td>' + r.documents + '</td></tr>');
    });
    body.innerHTML = html.join("");
    document.getElementById("shown").textContent = rows.length > data.limit ?
      "showing " + data.limit + " of " + rows.length : rows.length + " entities";
    document.querySelectorAll(".entities tbody tr").forEach(function (tr) {
      tr.hidden = Boolean(type) && tr.dataset.type !== type;
    });
    document.body.dataset.filter = type;
  }
  filter.addEventListener("change", render);
  find.addEventListener("input", render);
  document.querySelectorAll("#index-table th[data-key]").forEach(function (th) {
    th.addEventListener("click", function () {
      descending = sortKey === th.dataset.key ? !descending : th.dataset.key === "mentions" || th.dataset.key === "documents";
      sortKey = th.dataset.key;
      render();
    });
  });
  render();

  // One document at a time: the one the address names, or holds the mention it names.
  // (CSS :has() could do this without a script, but costs seconds on a large report.)
  function route() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    var section = target ? target.closest("section.doc") : document.querySelector("section.doc");
    document.querySelectorAll("section.doc.shown").forEach(function (s) {
      s.classList.remove("shown");
    });
    if (section) section.classList.add("shown");
    if (target && target !== section && section) target.scrollIntoView({block: "center"});
  }
  window.addEventListener("hashchange", route);
  route();
})();
"""
