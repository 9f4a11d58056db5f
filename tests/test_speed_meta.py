"""The metadata reader's speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from speechclean.dom.parse import parse
from speechclean.meta import lines as L
from speechclean.meta.reach import TrackedLines

_OLD_TEXTS = etree.XPath("//body//text()")
_OLD_ALL_TEXTS = etree.XPath("//text()")
_OLD_FOLLOWING = etree.XPath("following::text()[position() <= $limit]")


def _old_lines_and_more(root, after=None, limit=L.FOLLOWING_TEXTS):  # type: ignore[no-untyped-def]
    """lines_and_more before the rewrite: an XPath query for the text nodes, a loop over them."""
    from speechclean.dom.render import INLINE

    texts = _OLD_FOLLOWING(after, limit=limit) if after is not None else (_OLD_TEXTS(root) or _OLD_ALL_TEXTS(root))
    more = after is not None and len(texts) >= limit
    block_of: dict = {}

    def block(node):  # type: ignore[no-untyped-def]
        chain = []
        while True:
            if node in block_of:
                found = block_of[node]
                break
            chain.append(node)
            tag = node.tag
            parent = node.getparent()
            if tag in L._SKIP_SET:
                found = None
            elif tag in INLINE and parent is not None:
                node = parent
                continue
            elif parent is not None and parent.tag in L._SKIP_SET:
                found = None
            else:
                found = node
            break
        for n in chain:
            block_of[n] = found
        return found

    parts = []
    previous = None
    for s in texts:
        if s.isspace():
            parts.append("\n" if "\n" in s else " ")
            continue
        el = s.getparent()
        if el is None:
            continue
        if s.is_tail:
            if el.tag not in INLINE or el.tag == "br":
                parts.append("\n")
            el = el.getparent()
            if el is None:
                continue
        key = block_of[el] if el in block_of else block(el)
        if key is None:
            continue
        if key is not previous:
            parts.append("\n")
            previous = key
        parts.append(s)
    out = [" ".join(line.split()) for line in "".join(parts).split("\n") if line and not line.isspace()]
    return out, more


def _same_lines(root) -> None:  # type: ignore[no-untyped-def]
    assert L.lines_and_more(root) == _old_lines_and_more(root)
    for after in [*root.iter("h1", "h2", "p", "span", "br")][:6]:
        for limit in (1, 3, 10, 40, 6000):
            assert L.lines_and_more(root, after, limit) == _old_lines_and_more(root, after, limit)
        reader = L.LineReader(root, after)  # reading on gives what one read of as many nodes gives
        for limit in (2, 7, 30, 6000):
            assert (reader.read(limit), reader.more) == _old_lines_and_more(root, after, limit)


_PARTS = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<h1>", "</h1>", "<h2>", "</h2>", "<br>", "<b>", "</b>",
     "<font>", "</font>", "<script>var a=1;</script>", "<select><option>甲</option>\n<option>乙</option></select>",
     "<noscript><p>无</p></noscript>", "<style>.a{}</style>", "<a href='#'>", "</a>", "<table><tr><td>", "</td></tr></table>",
     "<li>", "</li>", "2019-09-07", "来源：新京报", "今天，我们召开会议。", "标题", " ", "\n", "\n  \t", "\u3000", "\xa0",
     "<!-- 注释 -->", "<?pi x?>", "<img src=x>", "尾"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_PARTS, max_size=50))
def test_line_reader_is_the_old_xpath_loop(parts: list[str]) -> None:
    html = "<html><head><title>t</title></head><body>" + "".join(parts) + "</body></html>"
    _same_lines(parse(html))
    _same_lines(etree.fromstring(html, etree.HTMLParser()))  # comments and processing instructions kept


def test_line_reader_without_body_text_reads_the_whole_document() -> None:
    root = parse("<html><head><title>标题</title></head><body> </body></html>")
    assert L.lines_and_more(root) == _old_lines_and_more(root)
    assert L.visible_lines(root) == []


def _gne_pages(n: int) -> list[str]:
    from support import CORPUS

    from speechclean.steps.decode import decode_bytes

    pages = sorted((CORPUS / "extraction" / "gne_tests" / "tests").glob("*/*.html"))[:n]
    if not pages:
        pytest.skip("no corpus")
    return [decode_bytes(path.read_bytes())[0] for path in pages]


def test_line_reader_is_the_old_xpath_loop_on_real_pages() -> None:
    from speechclean.dom.parse import parse_report

    for html in _gne_pages(12):
        root, _ = parse_report(html)
        _same_lines(root)


def test_reading_the_first_nodes_only_changes_no_metadata_on_real_pages(monkeypatch: pytest.MonkeyPatch) -> None:
    """A first read that settles gives what reading the first 1,500 text nodes (and on) gave."""
    import speechclean.meta as M
    from speechclean.dom.parse import parse_report
    from speechclean.dom.title import find_title

    for html in _gne_pages(30):
        root, _ = parse_report(html)
        title = find_title(root)
        fast = M.read_html(root, title=title)
        with monkeypatch.context() as m:
            m.setattr(M, "FIRST_READ", M.FIRST_TEXTS)
            whole = M.read_html(root, title=title)
        assert dataclasses.asdict(fast) == dataclasses.asdict(whole)


def test_tracked_lines_record_what_was_read() -> None:
    lines = TrackedLines(["标题", "2019-09-07", "正文", "尾"])
    assert lines[1] == "2019-09-07" and lines.furthest == 1 and lines.settled()
    assert lines[1:3] == ["2019-09-07", "正文"] and lines.furthest == 2 and lines.settled()
    assert lines[-1] == "尾" and not lines.settled()
    fresh = TrackedLines(["a", "b", "c"])
    assert "b" in fresh and not fresh.settled()
    fresh = TrackedLines(["a", "b", "c"])
    assert [*fresh] == ["a", "b", "c"] and fresh.furthest == 2
    assert TrackedLines([]).settled() is False  # nothing to settle on: read on
