"""The notebook view: pinyin removals in place, long removals folded, removed pieces in source order."""

from __future__ import annotations

import html
import re
from collections import Counter

from support import seed

import speechclean
from speechclean.render import FOLD, page_html
from speechclean.steps.convert import _ALL_TRUSTED, converter

CUT = re.compile(r'<del title="convert\.pinyin" class="sc-cut">(.*?)</del>')


def _visible_before(view: str) -> list[tuple[str, str]]:
    """``(character shown right before the piece, piece)`` for every pinyin piece of the view, in order."""
    out = []
    marked = CUT.sub(lambda m: "\x00" + m.group(1) + "\x01", view)
    text = html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<span class="sc-rule">.*?</span>', "", marked)))
    for m in re.finditer("\x00(.*?)\x01", text):
        before = re.sub("\x00.*?\x01", "", text[: m.start()])
        out.append((before[-1:], m.group(1)))
    return out


def _is_subsequence(shown: list, expected: list) -> bool:
    it = iter(expected)
    return all(any(x == y for y in it) for x in shown)


def test_seed_pinyin_removals_stand_where_they_were_in_the_source() -> None:
    source = seed("003")
    page = speechclean.clean(source)
    view = page_html(page)
    # every annotation of the source, with the character it followed (as it reads converted), in source order
    full = str.maketrans(",:;?!()", "，：；？！（）")  # what punctuation makes of half-width marks
    expected = [(str(converter("t2s").convert(source[m.start() - 1])).translate(full), m.group())  # type: ignore
                for m in _ALL_TRUSTED.finditer(source)]
    shown = [(c.translate(full), piece) for c, piece in _visible_before(view)]
    assert len(shown) == len(expected) > 500
    # each piece right after the character it annotated (none piled at the end of its line)
    assert Counter(shown) == Counter(expected)
    # pieces cut from kept lines, and pieces inside each removed block, keep the source order
    kept, blocks = [], []
    for paragraph in view.split("<p>")[1:]:
        pairs = [(c.translate(full), piece) for c, piece in _visible_before(paragraph)]
        (blocks if paragraph.startswith("<del") else kept).append(pairs)
    assert sum(len(p) for p in kept) > 300 and any(blocks)
    assert _is_subsequence([pair for p in kept for pair in p], expected)
    assert all(_is_subsequence(p, expected) for p in blocks)


def test_pinyin_in_a_kept_line_is_shown_in_place() -> None:
    view = page_html(speechclean.clean("當(dāng)前的工(gōng)作很重(zhòng)要。"))
    assert [(c, p) for c, p in _visible_before(view)] == [("当", "(dāng)"), ("工", "(gōng)"), ("重", "(zhòng)")]


def test_long_removals_fold_and_short_ones_do_not() -> None:
    chrome = "猜你喜欢：" + "，".join(f"第{i}篇精彩范文推荐阅读" for i in range(20))
    assert len(chrome) > FOLD
    page = speechclean.Page(text="同志们：大家好！")
    page.step = "boilerplate"
    page.remove("boilerplate.recommend-list", chrome, 0)
    page.remove("boilerplate.breadcrumb", "当前位置：首页", 0)
    view = page_html(page)
    assert view.count("<details>") == 1
    folded = view[view.index("<details>"): view.index("</details>")]
    assert "boilerplate.recommend-list" in folded and f"{len(chrome)} chars removed" in folded
    assert html.escape(chrome) in folded  # the whole text is there, folded
    assert "当前位置：首页</del>" in view.split("<details>")[0] + view.split("</details>")[1]
