"""The extractor's failure mechanisms on pages from sites it has never seen (issue 10), one fixture each.

Every fixture under ``fixtures/html/mechanisms`` is hand-written to show one mechanism; the
corpus tests at the end check the invariants on every shared page.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from support import FIXTURES, lines

import speechclean
from speechclean import Cleaner
from speechclean.dom.hidden import css_hidden_classes
from speechclean.dom.parse import parse
from speechclean.dom.prune import prune
from speechclean.dom.title import site_free
from speechclean.steps.convert import converter
from speechclean.steps.extract import html_evidence

MECH = FIXTURES / "html" / "mechanisms"
_SKELETON = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffA-Za-z0-9]+")


def skeleton(text: str) -> str:
    """NFKC, Traditional → Simplified, only CJK ideographs and ASCII letters/digits."""
    text = converter("t2s").convert(unicodedata.normalize("NFKC", text))  # type: ignore[attr-defined]
    return "".join(_SKELETON.findall(text))


def clean(name: str) -> speechclean.Page:
    return speechclean.clean((MECH / name).read_bytes())


def visible_chunks(html: str) -> list[str]:
    """Skeletons of the text nodes of a page outside code, of at least four characters."""
    root = parse(html)
    assert root is not None
    for el in [
        el for el in root.iter() if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "title")
    ]:
        if el.getparent() is not None:
            el.getparent().remove(el)
    out = []
    for el in root.iter():
        for text in (el.text, el.tail):
            if text and len(sk := skeleton(text)) >= 4:
                out.append(sk)
    return out


def assert_audited(page: speechclean.Page, html: str) -> None:
    """Every visible text of the page is in the clean text or in a removal (title included)."""
    kept = skeleton(page.text) + skeleton(page.title or "")
    removed = "".join(skeleton(r.text) for r in page.removals)
    lost = [chunk for chunk in visible_chunks(html) if chunk not in kept and chunk not in removed]
    assert not lost, lost[:5]


def duplicated(text: str) -> list[str]:
    counts = Counter(sk for line in lines(text) if len(sk := skeleton(line)) >= 10)
    return [line for line, n in counts.items() if n > 1]


# ---------------------------------------------------------------- 1. a lead holding main


def test_text_in_an_inline_wrapper_around_main_does_not_repeat_the_article() -> None:
    page = clean("lead_holds_main.html")
    assert not duplicated(page.text)
    assert all(f"防火第{i}段" in page.text for i in range(1, 15))
    assert page.text.count("全区秋季防火工作会议昨日召开") <= 1
    assert_audited(page, (MECH / "lead_holds_main.html").read_text(encoding="utf-8"))


# ---------------------------------------------------------------- 2. hidden copies


def test_hidden_copies_of_the_article_and_the_copies_nested_in_them_go() -> None:
    page = clean("hidden_copy.html")
    assert [line for line in lines(page.text) if "春耕第" in line] == [
        f"春耕第{i}段：会议指出，要坚持问题导向，压实各方责任，确保各项任务落到实处、取得实效。" for i in range(1, 6)
    ]
    hidden = [r for r in page.removals if r.rule == "extract.hidden"]
    assert {r.element for r in hidden} >= {"div.print-box", "div.lightbox"}
    assert "打印版" not in page.text


def test_a_hidden_editor_pane_holding_the_only_copy_is_kept() -> None:
    body = "".join(f"<p>第{i}段，这是编辑器里唯一的一份正文，页面上别处没有。</p>" for i in range(6))
    page = speechclean.clean(
        f"<html><body><div class='nav'><a>首页</a></div><div style='display:none'>{body}</div></body></html>"
    )
    assert len(lines(page.text)) == 6


# ---------------------------------------------------------------- 3. chrome words in the wrapper's name


def test_a_wrapper_named_layer_and_fontsize_wins_over_a_footer_with_punctuation() -> None:
    page = clean("widget_named_wrapper.html")
    assert sum("解读第" in line for line in lines(page.text)) == 18
    assert "举报电话" not in page.text and "许可证编号" not in page.text


# ---------------------------------------------------------------- 4. prose beside link tables


def test_prose_in_a_cell_with_link_tables_wins_with_its_subheads_and_caption() -> None:
    page = clean("prose_beside_link_tables.html")
    text = page.text
    for kept in ("病险水库除险加固工程日前全面完工", "一、强化质量管理", "二、做好运行管护", "图为加固后的水库大坝"):
        assert kept in text, kept
    assert "相关报道" not in text and "热点新闻" not in text and "禁止下载使用" not in text
    assert any("相关报道1" in r.text for r in page.removals if r.rule == "density.links")


# ---------------------------------------------------------------- 5. reply indexes


def test_a_thread_index_is_not_taken_for_replies() -> None:
    page = clean("reply_index.html")
    assert lines(page.text) == [
        "家里是九十年代的老房子，一楼，每年梅雨季节墙面都返潮，墙皮一块块往下掉。",
        "请问是先做防水还是先铲墙皮？用什么材料比较好？谢谢大家！",
    ]


def test_real_replies_still_widen_the_main_content() -> None:
    page = speechclean.clean((FIXTURES / "html" / "forum_thread.html").read_bytes())
    assert "夜里温度低于十五度也容易落花" in page.text


# ---------------------------------------------------------------- 6, 7. comments


def test_the_post_wins_over_a_longer_comment_thread_and_comments_stay_out() -> None:
    page = clean("blog_comments.html")
    assert lines(page.text)[0].startswith("周末天气晴好")
    assert len(lines(page.text)) == 3
    assert any("读者" in r.text for r in page.removals if r.rule == "extract.comments")


def test_an_article_pasted_into_a_comment_is_not_kept() -> None:
    page = clean("pasted_in_comment.html")
    assert "转帖第" not in page.text
    assert len(lines(page.text)) == 4


def test_on_a_forum_topic_the_replies_named_comment_are_content() -> None:
    replies = "".join(
        f"<li class='comment-item'><span>用户{i}</span><p class='comment-content'>第{i}楼：我也遇到过，换了滤芯就好了，谢谢楼主。</p></li>"
        for i in range(6)
    )
    html = (
        "<html><body><div class='topic-content'><h1>净水器出水变慢怎么办？</h1><p>用了一年，出水越来越慢，请问是什么原因？</p>"
        f"</div><ul id='comments'>{replies}</ul></body></html>"
    )
    assert sum("楼：我也遇到过" in line for line in lines(speechclean.clean(html).text)) == 6


# ---------------------------------------------------------------- 8. related lists with dates


def test_a_related_list_with_dates_goes() -> None:
    page = clean("related_with_dates.html")
    assert len(lines(page.text)) == 3
    assert "重点工程开工" not in page.text and "2005-04" not in page.text


# ---------------------------------------------------------------- 9, 10. collapsed content and @media CSS


def test_collapsed_blocks_go_and_the_infobox_and_references_stay() -> None:
    page = clean("collapsed.html")
    for gone in ("甲河 乙河", "某某省地理", "甲支流"):
        assert gone not in page.text, gone
    for kept in ("320千米", "某某河是某某省境内的一条河流", "某某省水利志", "某某河流域综合规划"):
        assert kept in page.text, kept


def test_subheads_and_an_infobox_in_sectioned_articles_are_not_post_chrome() -> None:
    sections = "".join(
        f"<section><h2>第{i}节概况</h2><p>第{i}节正文，某某河流经多个县市，两岸土地肥沃，物产丰富，历史悠久。</p>"
        f"<p>第{i}节续，沿岸古镇众多，保留着明清时期的街道和石桥。</p></section>"
        for i in range(4)
    )
    infobox = (
        "<section><table class='infobox'><tr><th>长度</th><td>320千米</td></tr><tr><th>河口</th><td>某某湖</td></tr></table>"
        "<p>某某河是一条重要的河流，发源于某某山，注入某某湖。</p></section>"
    )
    html = f"<html><head><title>某某河</title></head><body><div id='content'>{infobox}{sections}</div></body></html>"
    page = speechclean.clean(html)
    assert "320千米" in page.text and all(f"第{i}节概况" in page.text for i in range(4))
    assert not [r for r in page.removals if r.rule == "density.post-chrome"]


def test_rules_inside_media_queries_do_not_hide() -> None:
    page = clean("media_css.html")
    assert "七家已有百年以上历史" in page.text and "老字号原址保留" in page.text
    assert "临时经营场所" in page.text  # @media print
    assert "隐藏的统计代码" not in page.text


def test_media_blocks_are_skipped_linearly_on_hostile_css() -> None:
    css = "@media (x){" * 20000 + ".a{display:none}" + "}" * 3
    root = parse(f"<html><head><style>{css}</style></head><body><p class='a'>正文。</p></body></html>")
    assert root is not None and css_hidden_classes(root) == frozenset()


# ---------------------------------------------------------------- 11, 13. narrowing


def test_a_papers_title_abstract_and_references_stay() -> None:
    page = clean("paper.html")
    assert page.title == "黄土高原小流域治理效益评价"
    for kept in ("以黄土高原三个典型小流域为对象", "研究第1段", "研究第10段", "参考文献", "生态效益评价指标体系构建"):
        assert kept in page.text, kept
    assert "上一篇" not in page.text


def test_the_opening_of_an_article_is_not_cut_as_outside_main() -> None:
    page = clean("long_opening.html")
    body = [line for line in lines(page.text) if "段：" in line]
    assert len(body) == 24 and body[0].startswith("开篇第1段") and body[-1].startswith("正文第16段")
    assert not [r for r in page.removals if r.rule == "density.outside-main" and "开篇" in r.text]


def test_a_teaser_stream_beside_the_article_is_still_narrowed_away() -> None:
    article = "".join(
        f"<p>第{i}段，市政府召开常务会议，研究部署夏季防汛工作，要求各部门加强值守。</p>" for i in range(5)
    )
    teasers = "".join(
        f"<li><a>其他新闻{i}</a><p>另一篇新闻的摘要，讲述了一些事情，但被截断在这里而没有</p></li>" for i in range(10)
    )
    page = speechclean.clean(f"<html><body><div><div class='a'>{article}</div><ul>{teasers}</ul></div></body></html>")
    assert len(lines(page.text)) == 5


def test_paragraphs_without_full_stops_side_by_side_are_an_article_not_teasers() -> None:
    article = "".join(
        f"<p>第{i}段游戏介绍，玩家可以在地图上冒险，收集装备，挑战关卡，体验成长的乐趣</p>" for i in range(5)
    )
    teasers = "".join(
        f"<li><a href='/{i}'><p>推荐阅读{i}：一个很长的标题，讲述了别的事情，吸引点击</p></a></li>" for i in range(6)
    )
    page = speechclean.clean(
        f"<html><body><div class='article-content'>{article}</div><ul class='pics'>{teasers}</ul></body></html>"
    )
    assert page.text.count("游戏介绍") == 5 and "推荐阅读" not in page.text


# ---------------------------------------------------------------- 12. a rule deleting a real sentence


def test_a_sentence_about_a_copyright_holder_is_not_a_copyright_line() -> None:
    html = (
        "<html><body><div class='content'><p>记者了解到，该作品的版权所有者已向法院提起诉讼，要求对方停止侵权。</p>"
        "<p>法院受理后，将择期开庭审理此案，双方均表示将积极应诉。</p></div>"
        "<div class='bottom'>版权所有：某某日报社</div></body></html>"
    )
    page = speechclean.clean(html)
    assert "版权所有者已向法院提起诉讼" in page.text and "某某日报社" not in page.text


# ---------------------------------------------------------------- 14. titles


@pytest.mark.parametrize(
    ("html_title", "expected"),
    [
        ("日本企業5月信心保持穩定,出口回升", "日本企业5月信心保持稳定，出口回升"),
        ("法国全国大罢工再次严重影响交通-新华网", "法国全国大罢工再次严重影响交通"),
        (
            "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU-EDN 电子技术设计",
            "阿里发布最强AI芯片：性能“吊打”同行，一块顶十块GPU",
        ),
        (
            "区领导一行到金融街开展调研工作，听取企业意见建议 东区办事处_中山网",
            "区领导一行到金融街开展调研工作，听取企业意见建议",
        ),
        ("新竹尖石_美樹營地賞楓 (2) @ 史蒂文的家_藍天 :: 痞客邦 PIXNET ::", "新竹尖石_美树营地赏枫 (2)"),
        (
            "明日股市预测--最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%",
            "最新出炉联合国贸发报告：2019年全球经济增长率降至2.3%",
        ),
        ("COVID-19疫苗接种工作有序推进", "COVID-19疫苗接种工作有序推进"),
    ],
)
def test_titles_lose_site_names_and_go_through_convert_and_punctuation(html_title: str, expected: str) -> None:
    page = speechclean.clean(
        f"<html><head><title>{html_title}</title></head><body><p>正文内容，共有一段。</p></body></html>"
    )
    assert page.title == expected


def test_a_badge_glued_to_the_headline_goes_and_og_site_name_is_dropped() -> None:
    html = (
        "<html><head><title>最不愁吃肉的国家：顿顿有肉吃</title></head><body><h2>原创最不愁吃肉的国家：顿顿有肉吃</h2>"
        "<p>正文内容，共有一段。</p></body></html>"
    )
    assert speechclean.clean(html).title == "最不愁吃肉的国家：顿顿有肉吃"
    html = "<html><head><title>藍天 :: 痞客邦 PIXNET ::</title><meta property='og:site_name' content='痞客邦 PIXNET'></head><body><p>正文。</p></body></html>"
    assert speechclean.clean(html).title == "蓝天"


def test_title_conversion_follows_the_options() -> None:
    html = "<html><head><title>日本企業信心穩定</title></head><body><p>正文內容。</p></body></html>"
    assert Cleaner(convert="off").clean(html).title == "日本企業信心穩定"
    assert site_free("标题 - 站名") == "标题"


# ---------------------------------------------------------------- 15. HTML recognition


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        ("<p>正體中文，這是一段話。</p>", "fragment"),
        ("<article><h2>標題</h2><p>內容。</p></article>", "fragment"),
        ("<!DOCTYPE html><title>x</title>正文", "document"),
        ("前言<div>甲，乙。</div>\n<div>丙，丁。</div>\n<p>戊。</p> 结束", "markup"),
        ("第一段，介绍HTML。\n使用<a href='x'>链接</a>标签创建链接，<input type='text'>用于输入。\n第二段。", None),
        ("价格 < 5 元的商品 > 3 种。", None),
    ],
)
def test_html_is_recognised_by_evidence(text: str, evidence: str | None) -> None:
    assert html_evidence(text) == evidence
    page = speechclean.clean(text)
    assert page.kind == ("html" if evidence else "text") and page.meta.get("html_evidence") == evidence


def test_a_fragment_loses_its_tags_and_quoted_code_keeps_its_lines() -> None:
    assert speechclean.clean("<p>正體中文，這是一段話。</p>").text == "正体中文，这是一段话。"
    text = "第一段，介绍表单。\n使用<input type='text'>标签输入，用<a>标签写链接。\n第二段，结束。"
    assert len(lines(speechclean.clean(text).text)) == 3


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet="<>/ap 甲乙，。\n", max_size=300))
def test_recognition_never_raises_and_is_linear(text: str) -> None:
    assert html_evidence(text) in (None, "document", "fragment", "markup")


# ---------------------------------------------------------------- audit trail


@pytest.mark.parametrize("name", sorted(p.name for p in MECH.glob("*.html")))
def test_every_dropped_element_is_in_the_audit_trail(name: str) -> None:
    assert_audited(clean(name), (MECH / name).read_text(encoding="utf-8"))


# ---------------------------------------------------------------- invariants over every shared page


def _page_skeleton(html: str) -> str:
    root = parse(html)
    if root is None:
        return ""
    for el in [
        el for el in root.iter() if not isinstance(el.tag, str) or el.tag in ("script", "style", "head", "template")
    ]:
        if el.getparent() is not None:
            el.getparent().remove(el)
    return skeleton(" ".join(root.itertext()))


def test_no_paragraph_appears_twice_unless_it_does_on_the_page(corpus) -> None:  # type: ignore[no-untyped-def]
    from speechclean.steps.decode import decode_bytes

    cleaner = Cleaner()
    failures = []
    count = 0
    for line in (corpus / "manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        if entry["set"] != "extraction":
            continue
        raw = (corpus / entry["local_file"]).read_bytes()
        text = cleaner.clean(raw).text
        count += 1
        repeated = Counter(sk for ln in lines(text) if len(sk := skeleton(ln)) >= 10)
        repeated = Counter({sk: n for sk, n in repeated.items() if n > 1})
        if not repeated:
            continue
        page = _page_skeleton(decode_bytes(raw)[0])
        bad = [sk for sk, n in repeated.items() if page.count(sk) < n]
        if bad:
            failures.append((entry["local_file"], bad[:2]))
    assert count >= 200
    assert not failures, failures[:5]


def test_audit_trail_covers_the_shared_pages(corpus) -> None:  # type: ignore[no-untyped-def]
    """On a sample of real pages, every visible text node is kept or recorded."""
    from speechclean.steps.decode import decode_bytes

    entries = [json.loads(line) for line in (corpus / "manifest.jsonl").open(encoding="utf-8")]
    entries = [e for e in entries if e["set"] == "extraction"][::10]
    for entry in entries:
        html = decode_bytes((corpus / entry["local_file"]).read_bytes())[0]
        assert_audited(speechclean.clean(html, kind="html"), html)


def test_prune_keeps_hidden_text_when_it_is_the_only_text() -> None:
    root = parse(
        "<html><body><div hidden><p>唯一的正文，共有几句话，内容完整，没有别的地方。</p><p>第二句，仍然在隐藏的编辑区里。</p></div></body></html>"
    )
    assert root is not None and prune(root) == [] and etree.tostring(root).count(b"<p>") == 2
