"""``Cleaner(extractor="trafilatura")``: trafilatura runs the extract step, every other step as usual."""

from __future__ import annotations

import pytest
from support import FIXTURES

import speechclean

NEWS = FIXTURES / "meta" / "news_byline.html"


def test_unknown_extractor_is_an_option_error() -> None:
    with pytest.raises(speechclean.OptionError):
        speechclean.Cleaner(extractor="goose")


def test_trafilatura_extractor() -> None:
    pytest.importorskip("trafilatura")
    page = speechclean.Cleaner(extractor="trafilatura").clean(NEWS.read_bytes())
    assert "会议指出，当前已进入秋冬季森林防火关键期" in page.text
    assert "网友评论" not in page.text and "首页" not in page.text
    assert page.changes.get("extract.trafilatura") == 1
    # metadata is read by speechclean either way
    assert (page.published, page.author, page.source) == ("2021-10-12T09:28", "王小明", "某某日报")


def test_trafilatura_extractor_keeps_the_other_steps() -> None:
    pytest.importorskip("trafilatura")
    html = ("<html><body><div class='article'><h1>會議召開</h1><p>今天，我們召開會議，研究部署下一階段的工作，"
            "會議強調，要落實責任，確保各項任務按期完成。</p><p>會議要求，各部門要加強協作，形成工作合力。</p>"
            "</div></body></html>")
    page = speechclean.Cleaner(extractor="trafilatura").clean(html)
    assert "我们召开会议" in page.text  # convert ran after trafilatura


def test_default_extractor_is_speechclean() -> None:
    assert speechclean.Cleaner().options.extractor == "speechclean"
