"""A readable view of a cleaned page: the text with every removed piece struck through in place.

Used by ``Page._repr_html_`` (Jupyter) and ``speechclean --explain``.

>>> from speechclean import clean
>>> html = clean("猜你喜欢\\n同志们：大家好！").__repr__()
"""

from __future__ import annotations

import html
from collections import defaultdict

from .page import Page

_STYLE = (
    "<style>.sc-page{font-family:sans-serif;line-height:1.6;max-width:60em}"
    ".sc-page del{color:#b00;background:#fee;text-decoration:line-through}"
    ".sc-page .sc-rule{font-size:70%;color:#555;background:#eee;border-radius:3px;padding:0 3px;margin:0 3px}"
    ".sc-page .sc-flag{background:#ffec99}.sc-page p{margin:.3em 0}.sc-page .sc-meta{color:#555;font-size:85%}</style>"
)


def _removed(rule: str, text: str) -> str:
    return f'<del title="{html.escape(rule)}">{html.escape(text)}</del><span class="sc-rule">{html.escape(rule)}</span>'


def page_html(page: Page) -> str:
    """HTML for a notebook: title, encoding, then each line with removals shown where they stood."""
    before: dict[int, list[str]] = defaultdict(list)
    spans: dict[int, list[str]] = defaultdict(list)
    floating: list[str] = []
    for r in page.removals:
        if r.line is None:
            floating.append(_removed(r.rule, r.text))
        elif r.span:
            spans[r.line].append(_removed(r.rule, r.text))
        else:
            before[r.line].append(_removed(r.rule, r.text))
    flagged: dict[int, list[str]] = defaultdict(list)
    for f in page.flags:
        flagged[f.line if f.line is not None else -1].append(
            f'<span class="sc-flag" title="{html.escape(f.kind)}">⚠ {html.escape(f.text)}</span>'
            f'<span class="sc-rule">{html.escape(f.kind)}</span>'
        )
    lines = [s for s in page.text.split("\n") if s.strip()]
    out = [_STYLE, '<div class="sc-page">']
    meta = []
    if page.title:
        meta.append(f"<b>title</b> {html.escape(page.title)}")
    if page.encoding:
        e = page.encoding
        meta.append(f"<b>encoding</b> {html.escape(e.name)} ({html.escape(e.source)}, {e.confidence:.2f})")
    meta.append(f"<b>removed</b> {len(page.removals)} · <b>flagged</b> {len(page.flags)} · <b>documents</b> {len(page.documents)}")
    out.append('<div class="sc-meta">' + " · ".join(meta) + "</div>")
    if page.error is not None:
        out.append(f'<p class="sc-flag">error: {html.escape(repr(page.error))}</p>')
    if floating:
        out.append("<p>" + " ".join(floating) + "</p>")
    for i, line in enumerate(lines):
        for piece in before.get(i, ()):
            out.append(f"<p>{piece}</p>")
        extra = " ".join(spans.get(i, []) + flagged.get(i, []))
        out.append(f"<p>{html.escape(line)}{' ' + extra if extra else ''}</p>")
    for key in sorted(k for k in before if k >= len(lines)):
        out.extend(f"<p>{piece}</p>" for piece in before[key])
    for key in sorted(k for k in spans if k >= len(lines)):
        out.append("<p>" + " ".join(spans[key]) + "</p>")
    if flagged.get(-1):
        out.append("<p>" + " ".join(flagged[-1]) + "</p>")
    out.append("</div>")
    return "".join(out)


__all__ = ["page_html"]
