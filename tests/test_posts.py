"""Forum threads and Q&A pages (speechclean/dom/posts.py): every post is content, per-post chrome is not.

Fixtures under ``fixtures/html/posts`` are hand-written in the style of Q&A sites, Discuz-like
forums and comment-style reply lists; each shows one mechanism or a page it must leave alone.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES, lines

import speechclean
from speechclean.dom.density import Choice, main_content
from speechclean.dom.name_trust import THREAD_RULES
from speechclean.dom.parse import parse
from speechclean.dom.post_chrome import unit_chrome
from speechclean.dom.posts import PostSettings, signature, widen
from speechclean.dom.posts import settings as post_settings
from speechclean.dom.prune import prune
from speechclean.dom.scoring import score_tree
from speechclean.steps.extract import element_rules

POSTS = FIXTURES / "html" / "posts"


def clean(name: str) -> speechclean.Page:
    return speechclean.clean((POSTS / name).read_bytes())


def chosen(html: str):  # type: ignore[no-untyped-def]
    root = parse(html)
    assert root is not None
    prune(root)
    scores = score_tree(root, element_rules(()))
    return root, scores, main_content(root, scores)


# ---------------------------------------------------------------- settings are data


def test_the_weights_come_from_the_rules_file_with_a_description_each() -> None:
    import tomllib

    table = tomllib.loads((FIXTURES.parent / "speechclean" / "rules" / "extract.toml").read_text(encoding="utf-8"))
    posts = table["posts"]
    assert set(posts) == set(PostSettings.__dataclass_fields__)
    assert all(entry["description"] and "value" in entry for entry in posts.values())
    assert post_settings() == PostSettings(**{k: v["value"] for k, v in posts.items()})


def test_a_signature_ignores_numbers_in_class_names_and_needs_a_class() -> None:
    a, b, c = parse("<div class='post post-3'></div><div class='post post-17'></div><div></div>").iter("div")
    assert signature(a) == signature(b) == ("div", frozenset({"post", "post-"}))
    assert signature(c) is None


# ---------------------------------------------------------------- 1. posts beside the main content


def by_class(root, cls: str):  # type: ignore[no-untyped-def]
    return next(el for el in root.iter() if el.get("class") == cls)


def test_answers_in_two_cards_of_one_item_class_are_all_kept() -> None:
    root, scores, _ = chosen((POSTS / "qa_answers.html").read_text(encoding="utf-8"))
    narrow = Choice(by_class(root, "List"), trusted=True)  # the list of more answers, without the first
    assert widen(root, scores, narrow).main.get("class") == "Question-mainColumn"
    page = clean("qa_answers.html")
    for answer in ("不需要每天浇水。番茄怕涝", "夏天气温高的时候", "换了透气的陶盆"):
        assert answer in page.text, answer
    assert "阳台种菜用什么土好" not in page.text and "京ICP备" not in page.text


def test_short_replies_with_the_question_body_class_widen_the_main_content() -> None:
    root, scores, choice = chosen((POSTS / "question_replies.html").read_text(encoding="utf-8"))
    alone = Choice(by_class(root, "markdown-preview-container"), trusted=True, content_rules=choice.content_rules)
    assert widen(root, scores, alone).main.get("class") == "page-question-info"
    page = clean("question_replies.html")
    assert "应该先看哪些文件" in page.text
    assert "新功能要放在已经被扫描到的包下面" in page.text and "非常感谢大佬的指导" in page.text
    assert "如何配置多数据源" not in page.text


def test_on_a_thread_page_the_comment_list_after_a_code_post_is_content() -> None:
    root, scores, choice = chosen((POSTS / "thread_comments.html").read_text(encoding="utf-8"))
    assert choice.content_rules == THREAD_RULES  # the page is a topic: its comments are content
    post = Choice(by_class(root, "markdown-body"), trusted=False, content_rules=THREAD_RULES)
    assert widen(root, scores, post).main.get("class") == "column"
    page = clean("thread_comments.html")
    assert "set http_proxy=http://127.0.0.1:7890" in page.text
    for reply in ("可以写成两个别名", "再开虚拟网卡模式", "这个域名走了哪条规则"):
        assert reply in page.text, reply


def test_an_empty_comment_placeholder_does_not_widen_the_main_content() -> None:
    html = (POSTS / "thread_comments.html").read_text(encoding="utf-8")
    start, end = html.index('<div class="comment-list">'), html.index("</div>\n  </div>\n</div></div>")
    html = html[:start] + '<div class="comment-list"><div class="comment">讨论数量：0 暂无内容！</div>' + html[end:]
    root, scores, _ = chosen(html)
    post = Choice(by_class(root, "markdown-body"), trusted=False, content_rules=THREAD_RULES)
    assert widen(root, scores, post).main.get("class") == "markdown-body"


def test_a_tag_line_sharing_its_class_with_a_sidebar_card_does_not_widen_the_article() -> None:
    page = clean("author_sidebar.html")
    assert len(lines(page.text)) == 5 and lines(page.text)[0].startswith("联合国贸发会议")
    assert "行情播报栏目" not in page.text and "总篇数" not in page.text


def test_widening_only_ever_moves_up_to_an_ancestor() -> None:
    for path in sorted(POSTS.glob("*.html")):
        root, scores, choice = chosen(path.read_text(encoding="utf-8"))
        wider = widen(root, scores, choice).main
        assert wider is choice.main or choice.main in set(wider.iterdescendants()), path.name


# ---------------------------------------------------------------- 2. per-post chrome


def test_user_cards_and_action_bars_that_recur_in_each_reply_are_dropped_and_recorded() -> None:
    page = clean("reply_cards.html")
    for reply in ("想听听生物医药类专利的改写", "我觉得可以讲机械类的", "通信领域的权利要求"):
        assert reply in page.text, reply  # the first has no punctuation and stays
    for chrome in ("香樟树", "资料搬运工", "09:42", "首赞", "举报"):
        assert chrome not in page.text, chrome
    removed = [r for r in page.removals if r.rule == "posts.chrome"]
    assert {r.element for r in removed} == {"div.comment-user-card", "div.comment-actions"}
    assert any("香樟树" in r.text for r in removed)


def test_answers_whose_state_classes_differ_are_units_and_their_bars_go() -> None:
    page = clean("answer_states.html")  # bd answer / … answer-fold / … answer-last, avatars, a slogan, a tooltip
    assert len(lines(page.text)) == 4 and all(line.endswith("。") for line in lines(page.text))
    removed = {r.element for r in page.removals if r.rule == "posts.chrome"}
    assert removed == {"div.replyer-card", "div.operator"}


def test_a_table_layout_thread_keeps_its_posts_and_drops_panels_bars_and_signatures() -> None:
    page = clean("discuz_tables.html")  # Discuz 7 style: td.postauthor, div.postinfo, div.signatures, td.postfoot
    assert [line[:6] for line in lines(page.text)] == ["家里是九十年", "一楼返潮多半", "同问 我家也"]
    removed = {r.element for r in page.removals if r.rule == "posts.chrome"}
    assert removed == {"td.postauthor", "div.postinfo", "div.signatures", "td.postfoot"}


def test_a_thread_laid_out_without_classes_drops_its_user_panels_by_layout_attributes() -> None:
    page = clean("old_bbs_tables.html")  # 2007 ASP board: <table width="98%"> per post, <td width="20%"> panels
    for post in ("单位体检查出轻度脂肪肝", "轻度脂肪肝一般不用吃药", "戒了半年酒复查就正常了"):
        assert post in page.text, post
    panels = [r for r in page.removals if r.rule == "posts.chrome"]
    assert [r.text.split()[0] for r in panels] == ["阿强", "王大夫", "路过的"]
    assert "等级：版主" not in page.text and "注册：2004-8-9" not in page.text


def test_a_signature_name_outside_posts_is_left_to_the_page() -> None:
    verse = "".join(
        f"<p>第{i}首：深夜看书须尽欢，明月照亮浊酒案。一杯美酒空对月，酌酒吟诗五千年。</p>" for i in range(3)
    )
    html = f"<html><body><div class='poem'><div class='signature'>题记：己亥年腊月深夜看书小酌即兴所作</div>{verse}</div></body></html>"
    page = speechclean.clean(html)
    assert "题记" in page.text and not [r for r in page.removals if r.rule == "posts.chrome"]


def test_repeated_article_sections_without_stamps_are_not_posts() -> None:
    html = (POSTS / "article_sections.html").read_text(encoding="utf-8")
    _, scores, choice = chosen(html)
    assert unit_chrome(choice.main, scores) == []
    assert not [r for r in clean("article_sections.html").removals if r.rule == "posts.chrome"]


def test_a_part_holding_a_sentence_in_any_post_is_never_chrome() -> None:
    html = (POSTS / "reply_cards.html").read_text(encoding="utf-8")
    html = html.replace("<span>首赞</span> <span>举报</span>", "<span>首赞</span>", 2)
    html = html.replace("<span>首赞</span> <span>举报</span>", "<span>楼主说得对，我也想听。</span>")
    page = speechclean.clean(html)
    assert "楼主说得对，我也想听" in page.text


# ---------------------------------------------------------------- invariants


_REPLY = st.text(alphabet="花草树木浇水施肥阳台盆土叶子根部通风阳光", min_size=10, max_size=30)


@settings(max_examples=30, deadline=None)
@given(
    replies=st.lists(st.tuples(_REPLY, st.booleans()), min_size=2, max_size=6),
    users=st.lists(st.sampled_from(["绿手指", "老花匠", "阳台小花", "种菜小白"]), min_size=7, max_size=7),
)
def test_every_reply_is_kept_once_and_no_user_card_survives(replies, users) -> None:  # type: ignore[no-untyped-def]
    topic = "月季叶子上长了一层白粉，过几天又长出来，新叶也开始卷曲了。请问这是白粉病吗？该用什么药？谢谢大家。"
    posts = [(topic, True), *replies]
    items = "".join(
        f"<div class='post'><div class='post-user'><span>{users[i]}</span> <span>2021-06-0{i + 1} 08:1{i}</span></div>"
        f"<div class='post-body'><p>{text}{'。' if stop and not text.endswith('。') else ''}</p></div>"
        "<div class='post-bar'>回复 举报</div></div>"
        for i, (text, stop) in enumerate(posts)
    )
    html = (
        "<html><body><div class='nav'><a href='/'>首页</a><a href='/f'>论坛</a></div>"
        f"<h1>月季白粉病怎么治</h1><div class='thread'>{items}</div></body></html>"
    )
    page = speechclean.clean(html)
    text = page.text
    for reply, _ in replies:
        assert reply in text
    assert "2021-06-0" not in text and "回复 举报" not in text
    assert topic in text
    for name in set(users[: len(posts)]):
        assert name not in text
    assert len("".join(text.split())) <= len(topic) + sum(len(r) + 1 for r, _ in replies)  # nothing twice
