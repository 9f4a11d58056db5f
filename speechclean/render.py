"""A readable view of a cleaned page: the text with every removed piece struck through in place.

Used by ``Page._repr_html_`` (Jupyter). Removed lines and blocks stand before the line they
preceded; pieces cut out of a kept line (pinyin annotations, page markers) stand inside it, at
the place they were cut when the removal says where (:attr:`Removal.context
<speechclean.page.Removal.context>`), else at its end. Long removals fold into ``<details>``.

>>> from speechclean import clean
>>> view = page_html(clean("當(dāng)前的工(gōng)作很重要。"))
>>> "当<del" in view and "前的工<del" in view
True
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Sequence

from .cuts import split_pieces
from .page import Page, Removal

#: Removals longer than this (characters), or of several lines, are folded into ``<details>``.
FOLD = 120

_STYLE = (
    "<style>.sc-page{font-family:sans-serif;line-height:1.6;max-width:60em}"
    ".sc-page del{color:#b00;background:#fee;text-decoration:line-through}.sc-page del.sc-cut{background:#fdd}"
    ".sc-page .sc-rule{font-size:70%;color:#555;background:#eee;border-radius:3px;padding:0 3px;margin:0 3px}"
    ".sc-page details{margin:.3em 0}.sc-page summary{cursor:pointer;color:#b00}"
    ".sc-page .sc-flag{background:#ffec99}.sc-page p{margin:.3em 0}.sc-page .sc-meta{color:#555;font-size:85%}</style>"
)


def _rule(rule: str) -> str:
    return f'<span class="sc-rule">{html.escape(rule)}</span>'


def _removed(rule: str, text: str) -> str:
    """A struck-through piece with its rule; long or multi-line pieces folded."""
    struck = f'<del title="{html.escape(rule)}">{html.escape(text)}</del>'
    if len(text) > FOLD or "\n" in text.strip():
        head = text.strip().split("\n", 1)[0][:40]
        return (f"<details><summary>{_rule(rule)} {len(text)} chars removed: {html.escape(head)}…</summary>"
                f"{struck}</details>")
    return struck + _rule(rule)


#: What the punctuation step makes of half-width marks in Chinese text.
_FULL_WIDTH = str.maketrans(",:;?!()", "，：；？！（）")


def _probes(ctx: str) -> list[str]:
    """What to look for: the context as recorded, in Simplified script, with full-width marks; then
    the same for its last two characters and its last character."""
    out: list[str] = []
    for part in (ctx, ctx[-2:], ctx[-1:]):
        simplified = _t2s(part)
        out.extend((part, simplified, simplified.translate(_FULL_WIDTH)))
    return [p for p in dict.fromkeys(out) if p]


def _t2s(text: str) -> str:
    """The context in Simplified script (contexts are recorded before conversion)."""
    try:
        from .steps.convert import converter

        return str(converter("t2s").convert(text))  # type: ignore[attr-defined]
    except Exception:  # noqa: BLE001 - no converter: match the context as recorded
        return text


def place(line: str, pieces: Sequence[str], context: Sequence[str], start: int = 0) -> list[tuple[int, str]]:
    """``(position in line, piece)`` for each piece: right after its context, searched left to right
    from ``start``, so the pieces keep their order; a piece whose context is not found stays right
    after the previous one.

    >>> place("当前的工作", ["(dāng)", "(gōng)"], ["當", "當前的工"])
    [(1, '(dāng)'), (4, '(gōng)')]
    """
    return _place(line, pieces, context, start)[0]


def _place(line: str, pieces: Sequence[str], context: Sequence[str], start: int = 0) -> tuple[list[tuple[int, str]], int]:
    out: list[tuple[int, str]] = []
    hits = 0
    pos = start
    for piece, ctx in zip(pieces, context):
        # the context as recorded, then in Simplified script, then its last two and last character
        for probe in _probes(ctx):
            i = line.find(probe, max(start, pos - len(probe))) if probe else -1  # ends at or after pos
            if i >= 0:
                pos = i + len(probe)
                hits += 1
                break
        out.append((pos, piece))
    return out, hits


def _interleave(text: str, cuts: list[tuple[int, str]], segment: str = "{}") -> str:
    """``text`` escaped with the rendered pieces inserted at their positions."""
    out, last = [], 0
    for pos, piece in sorted(cuts, key=lambda c: c[0]):  # stable: equal positions keep their order
        if pos > last:
            out.append(segment.format(html.escape(text[last:pos])))
        out.append(piece)
        last = max(last, pos)
    if last < len(text) or not out:
        out.append(segment.format(html.escape(text[last:])))
    return "".join(out)


def _pieces(r: Removal) -> list[str] | None:
    return split_pieces(r.text, len(r.context)) if r.context else None


def _line_html(line: str, inline: list[Removal], tail: list[str], blocks: list[Removal]) -> tuple[list[str], str]:
    """The removed blocks before a kept line and the line itself, with the pieces cut from them put
    back in place: each multi-piece removal goes where most of its contexts are found (the kept line,
    or a removed block when the whole line it was cut from was removed afterwards)."""
    cuts: list[tuple[int, str]] = []
    block_cuts: dict[int, list[tuple[int, str]]] = defaultdict(list)
    start = 0
    block_start: dict[int, int] = defaultdict(int)
    for r in inline:
        pieces = _pieces(r)
        if pieces is None:
            tail.insert(0, _removed(r.rule, r.text))
            continue
        context = r.context or ()
        best, best_hits, target = _place(line, pieces, context, start), -1, -1
        best_hits = best[1]
        for k, b in enumerate(blocks):
            got = _place(b.text, pieces, context, block_start[k])
            if got[1] > best_hits:
                best, best_hits, target = got, got[1], k
        placed = best[0]
        rendered = [(p, f'<del title="{html.escape(r.rule)}" class="sc-cut">{html.escape(piece)}</del>')
                    for p, piece in placed]
        if target < 0:
            start = placed[-1][0] if placed else start
            cuts.extend(rendered)
        else:
            block_start[target] = placed[-1][0] if placed else block_start[target]
            block_cuts[target].extend(rendered)
    rule = f"{_rule(inline[0].rule)}" if cuts else ""
    body = _interleave(line, cuts)
    before = []
    for k, b in enumerate(blocks):
        if block_cuts.get(k):
            struck = _interleave(b.text, block_cuts[k], f'<del title="{html.escape(b.rule)}">{{}}</del>')
            before.append(f"{struck}{_rule(b.rule)}{_rule(inline[0].rule)}")
        else:
            before.append(_removed(b.rule, b.text))
    return before, f"<p>{body}{rule}{' ' + ' '.join(tail) if tail else ''}</p>"


def page_html(page: Page) -> str:
    """HTML for a notebook: title, encoding, then each line with removals shown where they stood."""
    before: dict[int, list[Removal]] = defaultdict(list)
    inline: dict[int, list[Removal]] = defaultdict(list)
    spans: dict[int, list[str]] = defaultdict(list)
    floating: list[str] = []
    for r in page.removals:
        if r.line is None:
            floating.append(_removed(r.rule, r.text))
        elif r.span and r.context:
            inline[r.line].append(r)
        elif r.span:
            spans[r.line].append(_removed(r.rule, r.text))
        else:
            before[r.line].append(r)
    flagged: dict[int, list[str]] = defaultdict(list)
    for f in page.flags:
        flagged[f.line if f.line is not None else -1].append(
            f'<span class="sc-flag" title="{html.escape(f.kind)}">⚠ {html.escape(f.text)}</span>'
            f'{_rule(f.kind)}'
        )
    lines = [s for s in page.text.split("\n") if s.strip()]  # anchors count the lines that hold text
    out = [_STYLE, '<div class="sc-page">']
    meta = []
    if page.title:
        meta.append(f"<b>title</b> {html.escape(page.title)}")
    if page.encoding:
        e = page.encoding
        meta.append(f"<b>encoding</b> {html.escape(e.name)} ({html.escape(e.source)}, {e.confidence:.2f})")
    meta.append(f"<b>removed</b> {len(page.removals)} · <b>flagged</b> {len(page.flags)} · "
                f"<b>documents</b> {len(page.documents)}")
    out.append('<div class="sc-meta">' + " · ".join(meta) + "</div>")
    if page.error is not None:
        out.append(f'<p class="sc-flag">error: {html.escape(repr(page.error))}</p>')
    if floating:
        out.append("<p>" + " ".join(floating) + "</p>")
    for i, line in enumerate(lines):
        blocks, kept = _line_html(line, inline.get(i, []), spans.get(i, []) + flagged.get(i, []), before.get(i, []))
        out.extend(f"<p>{piece}</p>" for piece in blocks)
        out.append(kept)
    for key in sorted(k for k in set(before) | set(inline) | set(spans) if k >= len(lines)):  # after the last line
        blocks, rest = _line_html("", inline.get(key, []), spans.get(key, []), before.get(key, []))
        out.extend(f"<p>{piece}</p>" for piece in blocks)
        if rest != "<p></p>":
            out.append(rest)
    if flagged.get(-1):
        out.append("<p>" + " ".join(flagged[-1]) + "</p>")
    out.append("</div>")
    return "".join(out)


__all__ = ["FOLD", "page_html", "place"]
