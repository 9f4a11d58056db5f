"""The extract step: main text from HTML, on the project's own pages and on the shared real pages."""

from __future__ import annotations

import json
import re

import pytest
from support import FIXTURES, lines

import speechclean
from speechclean import Cleaner, Rule
from speechclean.dom.density import main_content
from speechclean.dom.name_rules import NameRules
from speechclean.dom.parse import parse
from speechclean.dom.prune import prune
from speechclean.dom.scoring import score_tree
from speechclean.dom.title import site_free
from speechclean.rules import builtin
from speechclean.steps.extract import looks_like_html

HTML = FIXTURES / "html"

# Residue of the chrome families the issue lists: none of these may start a line of clean text.
RESIDUE = re.compile(
    r"^(?:责任编辑|来源[:：]|分享到|扫一扫|上一篇|下一篇|打印本页|关闭窗口|字号[:：]|相关文章|猜你喜欢|"
    r"发表评论|我要评论|网友评论|当前位置|您的位置|版权所有|Copyright|copyright|备案号)"
)


@pytest.fixture(scope="module")
def article() -> speechclean.Page:
    return speechclean.clean((HTML / "article_chrome.html").read_bytes())


@pytest.fixture(scope="module")
def forum() -> speechclean.Page:
    return speechclean.clean((HTML / "forum_thread.html").read_bytes())


def rules_of(page: speechclean.Page) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for r in page.removals:
        out.setdefault(r.rule, []).append(r.text)
    return out


# ---------------------------------------------------------------- recognition


def test_html_is_recognised_in_str_and_bytes_without_being_told() -> None:
    raw = (HTML / "article_chrome.html").read_bytes()
    assert speechclean.clean(raw).kind == "html"
    assert speechclean.clean(raw.decode("utf-8")).kind == "html"
    assert not looks_like_html("同志们：今天开会。价格 < 5 元的商品 > 3 种。")


def test_kind_text_overrides_recognition() -> None:
    page = speechclean.clean("<p>标签</p><div>正文内容。</div>", kind="text")
    assert page.kind == "text" and "<p>" in page.text


# ---------------------------------------------------------------- the article page


def test_article_keeps_every_paragraph_in_order_with_breaks(article: speechclean.Page) -> None:
    assert lines(article.text) == [
        "5月19日，全市推进老旧小区改造工作会议召开。会议总结了去年以来的改造工作，部署了今年的重点任务。",
        "会议指出，老旧小区改造是重大民生工程，要坚持居民自愿、因地制宜，把好事办好、实事办实。",
        "会议要求，各区要压实责任，加快项目开工，确保年底前完成120个小区改造任务；要加强质量监管，让群众住得放心。",
        "会议强调，要健全长效管理机制，推动改造成果惠及更多居民。",  # after <br>
        "下一步工作安排",
        "市住建局负责同志介绍，今年将重点推进加装电梯、管网更新和停车设施建设，同步完善养老、托育等社区服务。",
    ]


def test_title_from_h1_agreeing_with_title_without_site_name(article: speechclean.Page) -> None:
    assert article.title == "全市推进老旧小区改造工作会议召开"


@pytest.mark.parametrize(
    ("family", "evidence"),
    [
        ("extract.share", "分享到"),
        ("extract.share", "扫一扫"),
        ("extract.page-tools", "打印本页"),
        ("extract.page-tools", "上一篇"),
        ("extract.related", "相关文章"),
        ("extract.comment", "发表评论"),
        ("extract.breadcrumb", "当前位置"),
        ("extract.layout", "ICP备"),
        ("extract.layout", "首页"),
        ("extract.hidden", "某某网版权所有"),
        ("extract.hidden", "www.example.com"),
    ],
)
def test_each_chrome_family_is_removed_and_recorded(article: speechclean.Page, family: str, evidence: str) -> None:
    assert evidence not in article.text
    assert any(evidence in text for text in rules_of(article).get(family, [])), rules_of(article)


def test_editor_and_source_lines_do_not_survive(article: speechclean.Page) -> None:
    assert "责任编辑" not in article.text and "来源" not in article.text and "浏览次数" not in article.text
    removed = " ".join(r.text for r in article.removals)
    assert "责任编辑：李四" in removed and "来源：某某日报" in removed


def test_removals_name_the_element(article: speechclean.Page) -> None:
    share = [r for r in article.removals if r.rule == "extract.share"]
    assert {r.element for r in share} == {"div.bdsharebuttonbox", "div.qrcode"}
    assert "<div.bdsharebuttonbox>" in article.explain()


def test_scripts_and_styles_leave_no_text(article: speechclean.Page) -> None:
    assert "统计代码" not in article.text and "font-size" not in article.text


def test_clean_text_is_stable_when_cleaned_again(article: speechclean.Page, forum: speechclean.Page) -> None:
    for page in (article, forum):
        assert speechclean.clean(page.text).text == page.text


# ---------------------------------------------------------------- the forum page


def test_forum_keeps_question_and_every_reply_without_user_cards(forum: speechclean.Page) -> None:
    assert forum.title == "新手求助：阳台种番茄总是落花怎么办？"
    text = forum.text
    for reply in ("今年第一次在阳台种番茄", "落花多半是授粉不良", "夜里温度低于十五度也容易落花"):
        assert reply in text
    for chrome in ("绿手指小王", "积分", "发表于", "只看该作者", "举报", "楼主", "沙发", "Powered by"):
        assert chrome not in text, chrome
    found = rules_of(forum)
    chrome = found.get("posts.chrome", []) + found.get("density.post-chrome", [])
    assert len(chrome) == 9  # card, bar and buttons of three posts


# ---------------------------------------------------------------- pieces


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("习近平会见外国领导人 - 新华网", "习近平会见外国领导人"),
        ("2023年工作总结范文_范文大全_某某文库", "2023年工作总结范文"),
        ("人民网 | 全国人大常委会举行会议", "全国人大常委会举行会议"),
        ("关于印发《某某办法》的通知——某某市人民政府", "关于印发《某某办法》的通知"),
        ("没有分隔符的标题", "没有分隔符的标题"),
    ],
)
def test_site_name_is_removed_from_titles(title: str, expected: str) -> None:
    assert site_free(title) == expected


def test_a_form_around_the_whole_article_is_not_chrome() -> None:
    body = "".join(f"<p>第{i}段，会议要求各单位认真落实，确保工作取得实效。</p>" for i in range(6))
    page = speechclean.clean(f"<html><body><form id='aspnetForm'><div>{body}</div></form></body></html>")
    assert len(lines(page.text)) == 6


def test_an_article_named_comment_content_on_a_page_of_comments_is_kept() -> None:
    items = "".join(
        f"<div class='comment-item'><span class='user'>网友{i}</span><p class='comment'>第{i}条短评，剧情细腻，演员很好，值得一看。</p></div>"
        for i in range(5)
    )
    page = speechclean.clean(f"<html><body><div class='nav'><a>首页</a><a>电影</a></div><div id='comments'>{items}</div></body></html>")
    assert sum("短评" in line for line in lines(page.text)) == 5


def test_teaser_streams_lose_to_the_article() -> None:
    article = (
        "<div class='a'><p>今天上午，市政府召开常务会议，研究部署夏季防汛工作。</p>"
        "<p>会议要求，各部门要加强值守，确保安全度汛。</p><p>会议还研究了其他事项。</p></div>"
    )
    stream = "".join(
        f"<li><a>其他新闻{i}</a><p>这是另一篇新闻的摘要，共有若干内容，讲述了一些事情，但被截断在这里而没有</p></li>"
        for i in range(8)
    )
    page = speechclean.clean(f"<html><body><div class='main'>{article}<ul class='list'>{stream}</ul></div></body></html>")
    assert "市政府召开常务会议" in page.text and "会议还研究了其他事项。" in page.text
    assert "另一篇新闻" not in page.text


def test_user_element_rules_apply_and_are_recorded() -> None:
    rule = Rule(
        id="site.sponsor", description="Our site's sponsor box", patterns=(r"(?:^|\s)zanzhu(?:$|\s)",),
        scope="element", hits=("zanzhu",), misses=("content",),
    )
    html = "<html><body><div class='text'><p>正文第一段，内容完整。</p><div class='zanzhu'>本文由某某品牌赞助</div><p>正文第二段，内容完整。</p></div></body></html>"
    page = Cleaner(rules=(rule,)).clean(html)
    assert "赞助" not in page.text and [r.rule for r in page.removals if "赞助" in r.text] == ["site.sponsor"]


def test_pruning_and_choice_without_the_pipeline() -> None:
    root = parse((HTML / "article_chrome.html").read_text(encoding="utf-8"))
    assert root is not None
    dropped = prune(root)
    assert {d.rule for d in dropped} == {"extract.layout", "extract.hidden", "extract.code"}  # code: the comment box
    choice = main_content(root, score_tree(root, NameRules(builtin("extract"))))
    assert choice.main.get("class") == "content" and choice.trusted  # the paragraphs' common parent


@pytest.mark.parametrize("html", ["", "   ", "<html></html>", "<html><body></body></html>", "<?xml version='1.0' encoding='gbk'?><html><body><p>正文。</p></body></html>"])
def test_empty_or_odd_documents_do_not_raise(html: str) -> None:
    page = speechclean.clean(html, kind="html")
    assert isinstance(page.text, str)


# ---------------------------------------------------------------- the shared real pages


def _pages(corpus_dir):  # type: ignore[no-untyped-def]
    for line in (corpus_dir / "manifest.jsonl").open(encoding="utf-8"):
        entry = json.loads(line)
        if entry["set"] == "extraction":
            yield entry


def test_real_pages_give_text_without_chrome_residue(corpus) -> None:  # type: ignore[no-untyped-def]
    cleaner = Cleaner()
    failures = []
    count = 0
    for entry in _pages(corpus):
        page = cleaner.clean((corpus / entry["local_file"]).read_bytes())
        count += 1
        if page.kind != "html" or not page.text.strip():
            failures.append((entry["local_file"], "empty"))
            continue
        residue = [line for line in lines(page.text) if RESIDUE.match(line) and len(line) < 80]
        if residue:
            failures.append((entry["local_file"], residue[:3]))
    assert count >= 200
    assert not failures, failures[:10]


def test_real_pages_clean_text_is_stable_when_cleaned_again(corpus) -> None:  # type: ignore[no-untyped-def]
    cleaner = Cleaner()
    unstable = []
    for entry in _pages(corpus):
        text = cleaner.clean((corpus / entry["local_file"]).read_bytes()).text
        again = cleaner.clean(text)
        if again.text != text:
            unstable.append((entry["local_file"], [(r.rule, r.text) for r in again.removals][:3]))
    assert not unstable, unstable[:5]
