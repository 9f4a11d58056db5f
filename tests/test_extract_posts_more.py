"""More mechanisms of issue 10 on forum, Q&A and list pages, one hand-written fixture each
(``fixtures/html/mechanisms``): the audit-trail test of ``test_extract_mechanisms`` covers them too."""

from __future__ import annotations

import pytest
from support import FIXTURES

import speechclean

MECH = FIXTURES / "html" / "mechanisms"


def clean(name: str) -> speechclean.Page:
    return speechclean.clean((MECH / name).read_bytes())


def rules_of(page: speechclean.Page, fragment: str) -> set[str]:
    return {r.rule for r in page.removals if fragment in r.text}


# ---------------------------------------------------------------- an article's own <footer>


def test_the_footer_of_a_post_is_part_of_the_post_not_the_page_footer() -> None:
    page = clean("post_footer.html")
    # the best-answer quote in the first post's <footer class="Post-footer"> stays, as the page shows it twice
    assert page.text.count("可以试试定时任务加上官方的导出命令") == 2
    assert "最佳回复" in page.text
    # the line every post's footer repeats is per-post chrome, and the site's own footer still goes
    assert "回复了此帖" not in page.text and rules_of(page, "回复了此帖") == {"posts.chrome"}
    assert "京ICP备" not in page.text and rules_of(page, "京ICP备") == {"extract.layout"}


# ---------------------------------------------------------------- link lists judged on what stays


def test_a_short_reply_is_not_a_link_list_once_its_author_card_and_bar_are_gone() -> None:
    page = clean("short_replies.html")
    # counted before post chrome went, the reply was mostly link text (the author's name, 回复 1)
    assert "花钱就可以解决问题嘛？" in page.text and not rules_of(page, "花钱就可以解决问题嘛")
    assert "马亮南生同学" not in page.text and rules_of(page, "马亮南生同学") == {"density.post-chrome"}
    assert page.text.count("回复 1") == 0


# ---------------------------------------------------------------- site names on titles


@pytest.mark.parametrize(
    ("html_title", "expected"),
    [
        ("简历无法下载，提示服务器出现问题。-开发者客栈-帮助开发者面试的平台", "简历无法下载，提示服务器出现问题。"),
        ("河北遵化：数字农机服务助力农业生产-新华网河北频道-新华网", "河北遵化：数字农机服务助力农业生产"),
        ("静夜思•夜-中国诗歌网", "静夜思•夜"),
        ("中国-东盟博览会开幕-新华网", "中国-东盟博览会开幕"),
        ("上海-新华网", "上海-新华网"),  # too short a head to tell a title from a place name
        ("COVID-19疫苗接种工作有序推进", "COVID-19疫苗接种工作有序推进"),
    ],
)
def test_every_site_name_glued_on_by_a_hyphen_goes(html_title: str, expected: str) -> None:
    page = speechclean.clean(
        f"<html><head><title>{html_title}</title></head><body><p>正文内容，共有一段。</p></body></html>"
    )
    assert page.title == expected


def test_a_title_that_is_only_a_site_suffix_gives_way_to_the_headline() -> None:
    html = (
        "<html><head><title>-铜雀历史网</title></head><body><h1>疫情一刀切政策怎么投诉举报</h1>"
        "<p>有关疫情一刀切的防疫政策，是民众最为关注的问题之一，可以向当地政府部门反映。</p></body></html>"
    )
    assert speechclean.clean(html).title == "疫情一刀切政策怎么投诉举报"


# ---------------------------------------------------------------- placeholders in a thread


def test_thread_placeholders_go_and_a_short_reply_between_them_is_not_a_second_title() -> None:
    page = clean("thread_placeholders.html")
    assert page.title == "简历无法下载，提示服务器出现问题。"
    for placeholder in ("该评论已删除", "没有更多了"):
        assert placeholder not in page.text and rules_of(page, placeholder) == {"boilerplate.forum-chrome"}
    # the HTML gave the title: a reply framed by removed placeholders is not taken for another one
    assert "现在确实可以了 感谢" in page.text
    assert "已经修好了再试试" in page.text and "我还以为是我网络的问题" in page.text


# ---------------------------------------------------------------- code examples are not post chrome


def test_a_tutorials_code_examples_are_not_post_chrome() -> None:
    page = clean("code_examples.html")
    assert "arr = np.array([[1, 2, 3], [4, 5, 6]])" in page.text
    assert page.text.count("import numpy as np") == 3
    assert "运行实例" not in page.text and "Python 教程" not in page.text
    assert not [r for r in page.removals if r.rule == "density.post-chrome"]


# ---------------------------------------------------------------- a page that is a list of links


def test_a_chapter_index_is_the_content_of_its_page() -> None:
    page = clean("chapter_index.html")
    lines = page.text.split("\n")
    assert len(lines) == 200 and lines[0] == "第1章 少年" and lines[-1] == "第200章 指点之五"
    assert not [r for r in page.removals if r.rule == "density.links"]
    # the menus and the footer around it are still chrome
    for chrome in ("手机版", "玄幻", "Copyright"):
        assert chrome not in page.text


def test_an_article_beside_a_long_link_list_is_still_the_content() -> None:
    html = (MECH / "chapter_index.html").read_text(encoding="utf-8")
    article = "".join(
        f"<p>第{i}段：会议指出，要坚持问题导向，把各项工作落到实处，确保群众满意，推动高质量发展取得新成效。</p>"
        for i in range(8)
    )
    page = speechclean.clean(
        html.replace('<div class="mulu">', f'<div class="article">{article}</div><div class="mulu">')
    )
    assert page.text.count("会议指出") == 8 and "第1章 少年" not in page.text
    # inside a link-heavy container, the prose chosen is an article among its related links: no list page
    lead = "<p>会议指出，要坚持问题导向，把各项工作落到实处，确保群众满意，推动高质量发展取得新成效。</p>"
    inside = speechclean.clean(html.replace("<ul>\n<li>", f"<ul>\n<li>{lead}</li><li>", 1)).text
    assert "会议指出" in inside and "第1章 少年" not in inside


# ---------------------------------------------------------------- the page's one <article>


def test_the_pages_only_article_wins_over_two_sentences_of_a_pay_dialog() -> None:
    page = clean("short_article.html")
    assert page.text == "1107436458 某鹅 说明来处"
    assert rules_of(page, "余额是钱包充值的虚拟货币") == {"density.outside-main"}


def test_repeated_articles_or_real_prose_outside_say_nothing() -> None:
    html = (MECH / "short_article.html").read_text(encoding="utf-8")
    teasers = html.replace("</article>", "</article><article><a href='/2'>另一篇文章的标题</a></article>", 1)
    assert "余额是钱包充值的虚拟货币" in speechclean.clean(teasers).text
    prose = "".join(f"<p>第{i}条，余额可以用于购买会员，也可以用于购买课程，详情请见帮助页面。</p>" for i in range(5))
    longer = html.replace('<p class="title">抵扣说明：</p>', prose)
    assert "余额可以用于购买会员" in speechclean.clean(longer).text


# ---------------------------------------------------------------- a best answer shown apart


def test_the_card_and_bar_of_a_best_answer_shown_apart_are_post_chrome_too() -> None:
    page = clean("best_answer_card.html")
    assert "举报" not in page.text and "采纳数" not in page.text
    assert rules_of(page, "青灯笔记") == {"posts.chrome"}
    assert [r.rule for r in page.removals if r.text == "举报 收起"] == ["posts.chrome"] * 3
    for answer in ("为居民避险争取时间", "秒级地震预警能力", "中等偏高的地步"):
        assert answer in page.text


# ---------------------------------------------------------------- citations close a paragraph


def test_a_summary_ending_on_citation_marks_is_a_lead_not_a_teaser() -> None:
    from speechclean.dom.nearby_prose import leads
    from speechclean.dom.parse import parse, text_of
    from speechclean.dom.prune import prune
    from speechclean.dom.scoring import score_tree

    root = parse((MECH / "encyclopedia_summary.html").read_text(encoding="utf-8"))
    assert root is not None
    prune(root)
    scores = score_tree(root)
    main = next(el for el in root.iter("div") if el.get("class") == "lemma-content")
    # 「…以坐标为准。 [2]」 ends its sentence before the reference marks: the summary leads the text
    assert [text_of(el)[:10] for el in leads(main, scores)] == ["雄安高新技术产业开发"]
    page = clean("encyclopedia_summary.html")
    assert page.text.startswith("雄安高新技术产业开发区，隶属河北省雄安新区")
