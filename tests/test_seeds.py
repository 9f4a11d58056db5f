"""Acceptance on the five real seed pages in fixtures/seeds."""

from __future__ import annotations

import re

import pytest
from support import lines, seed

import speechclean

PINYIN = re.compile(r"[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]")  # a tone mark anywhere is a leftover annotation
DOUBLED = re.compile(r"[，、；：。][，、；：。？！]|[，、；：][？！]")
HALF_IN_CHINESE = re.compile(r"(?<=[\u4e00-\u9fff])[,:;?!()]|[,:;()](?=[\u4e00-\u9fff])")


def test_000_becomes_002_exactly() -> None:
    page = speechclean.clean(seed("000"))
    assert lines(page.text) == lines(seed("002"))
    assert page.title == "副区长在区政府第二次全体会上讲话"


def test_002_comes_out_unchanged() -> None:
    page = speechclean.clean(seed("002"))
    assert lines(page.text) == lines(seed("002"))
    assert page.removals == []


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_again_changes_nothing(prefix: str) -> None:
    once = speechclean.clean(seed(prefix)).text
    assert speechclean.clean(once).text == once


def test_001_preface_recommend_and_punctuation() -> None:
    page = speechclean.clean(seed("001"))
    assert "小编" not in page.text and "供大家参考" not in page.text
    assert "推荐访问" not in page.text
    assert HALF_IN_CHINESE.search(page.text) is None
    assert page.title == "副县长在政府工作会议上讲话"
    # the paragraph the site split at its semicolons is one paragraph again
    para = next(line for line in lines(page.text) if "防控措施存在不实不严现象；" in line)
    assert "教育教学质量与群众追求优质教育期盼还有一定差距" in para
    assert "民政工作仍有差距" in para
    rules = {r.rule for r in page.removals}
    assert {"boilerplate.editor-preface", "boilerplate.recommend-list"} <= rules


def test_003_six_simplified_documents() -> None:
    page = speechclean.clean(seed("003"))
    assert [d.title for d in page.documents] == [f"全市卫生健康工作会议讲话篇{n}" for n in "一二三四五六"]
    text = page.text
    assert not speechclean.steps.convert.has_traditional(text)  # type: ignore[attr-defined]
    assert PINYIN.search(text) is None
    assert DOUBLED.search(text.replace("？？", "").replace("？！", "")) is None
    for chrome in ("无码", "当前位置", "上传日期", "小编", "记忆力会随", "相关热词", "下载此文档", "付费复制", "付费获得", "扫码支付",
                   "已付款", "{", "margin", "感兴趣的文章"):
        assert chrome not in text, chrome
    for doc in page.documents:
        assert len(doc.text) > 3000
    # the bodies survive: first and last sentences of speeches one and six
    assert "正值全县上下抗击新冠肺炎疫情取得阶段性胜利" in page.documents[0].text
    assert "奋力开创卫健工作新局面！" in page.documents[5].text


def test_004_sharing_header_and_page_markers() -> None:
    page = speechclean.clean(seed("004"))
    assert "由会员分享" not in page.text and "文库上搜索" not in page.text
    markers = [r for r in page.removals if r.rule == "structure.page-marker"]
    assert [r.text for r in markers] == [f"{n}、" for n in range(1, 17)]
    assert "全面提升全系统干部职工的履职能力" in page.text
    assert "救治水平、基层医疗服务能力" in page.text or "重症救治水平、基层" in page.text
    assert re.search(r"(?m)^\d{1,2}、", page.text) is None
