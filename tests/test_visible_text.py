"""Every visible character of an HTML page is kept or in ``.removals``: over every shared real page."""

from __future__ import annotations

import json
import unicodedata
from collections import Counter
from pathlib import Path

from lxml import etree

import speechclean
from speechclean.dom.parse import parse
from speechclean.steps.convert import converter
from speechclean.steps.decode import decode_bytes

INVISIBLE = frozenset(("script", "style", "template"))


def skeleton(text: str) -> Counter[str]:
    """Ideographs and ASCII letters/digits, after NFKC and Traditional → Simplified."""
    text = converter("t2s").convert(unicodedata.normalize("NFKC", text))  # type: ignore[attr-defined]
    return Counter(ch for ch in text if ch.isascii() and ch.isalnum() or "\u3400" <= ch <= "\u9fff")


def visible(html: str) -> Counter[str]:
    """What a reader of the page's body sees (everything but scripts, styles, templates, comments)."""
    root = parse(html)
    if root is None:
        return Counter()
    body = root.find("body")
    out: list[str] = []

    def walk(el: etree._Element) -> None:
        if not isinstance(el.tag, str) or el.tag in INVISIBLE:
            return
        out.append(el.text or "")
        for child in el:
            walk(child)
            out.append(child.tail or "")

    walk(body if body is not None else root)
    return skeleton(" ".join(out))


def accounted(page: speechclean.Page) -> Counter[str]:
    kept = skeleton(page.text) + skeleton(page.title or "")
    for r in page.removals:
        kept += skeleton(r.text)
    if page.title and any(r.rule == "structure.title" for r in page.removals):
        kept -= skeleton(page.title)  # a title taken from the text is in both
    return kept


def test_controls_and_fallbacks_are_recorded() -> None:
    html = ("<html><body><article><p>今天，我们召开会议，研究部署工作。会议强调，要落实责任。</p>"
            "<button>下载全文</button><select><option>第一章</option></select><textarea>留言内容</textarea>"
            "<noscript>请启用脚本</noscript><iframe>框架说明</iframe></article></body></html>")
    page = speechclean.clean(html)
    recorded = {r.text for r in page.removals if r.rule == "extract.code"}
    assert {"下载全文", "第一章", "留言内容", "请启用脚本"} <= recorded
    assert visible(html) - accounted(page) == Counter()


def _pages(corpus: Path) -> list[Path]:
    rows = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text(encoding="utf-8").splitlines()]
    return [corpus / r["local_file"] for r in rows if r["set"] == "extraction"]


def test_every_visible_character_of_every_shared_page_is_accounted_for(corpus: Path) -> None:
    lost: dict[str, str] = {}
    for path in _pages(corpus):
        raw = path.read_bytes()
        page = speechclean.clean(raw, kind="html")
        missing = visible(decode_bytes(raw)[0]) - accounted(page)
        if missing:
            lost[path.name] = "".join(missing.elements())[:40]
    assert lost == {}
