"""structure: page markers, rejoined paragraphs, titles, documents."""

from __future__ import annotations

import speechclean

SENT = "这是一段完整的正文内容，用于测试段落的处理是否正确。"


FILL = "我们将以此次会议精神为指引，迅速组织动员、广泛发动，确保各项工作科学有序推进，" * 2


def test_page_markers_that_cut_words_are_removed_and_rejoined() -> None:
    text = (f"1、{FILL}全面提升全系\n2、统干部职工的能力，{FILL}提高重症救治水平\n3、、基层医疗服务能力，{FILL}。"
            f"\n4、又一页开始了，{FILL}")
    page = speechclean.clean(text)
    assert page.text == (f"{FILL}全面提升全系统干部职工的能力，{FILL}提高重症救治水平、基层医疗服务能力，{FILL}。"
                         f"\n又一页开始了，{FILL}").replace("，。", "。")
    assert [r.text for r in page.removals if r.rule == "structure.page-marker"] == ["1、", "2、", "3、", "4、"]


def test_short_list_items_without_full_stops_are_not_pages() -> None:
    text = "1、加强组织领导\n2、强化工作措施\n3、严格督查考核"
    assert speechclean.clean(text).text == text


def test_a_real_numbered_list_is_not_pagination() -> None:
    text = "1、加强组织领导。要高度重视。\n2、强化工作措施。要抓好落实。\n3、严格督查考核。要奖惩分明。"
    assert speechclean.clean(text).text == text


def test_semicolon_split_paragraphs_are_rejoined() -> None:
    text = "存在不实不严现象；\n教育教学质量还有差距；\n民政工作仍有差距。\n（二）完善机制，强化保障。"
    page = speechclean.clean(text)
    assert page.text == "存在不实不严现象；教育教学质量还有差距；民政工作仍有差距。\n（二）完善机制，强化保障。"
    assert page.changes["structure.rejoin"] == 2


def test_paragraph_cut_mid_sentence_is_rejoined_but_headings_are_not() -> None:
    text = "“十三五”以来，市卫健委紧紧围绕党中央、国务院重大决策部署，认真贯彻落实国家\n和省卫生健康委工作会议精神。\n二、明确任务，加快节奏，统筹推进城市建设管理各项工作\n" + SENT
    page = speechclean.clean(text)
    assert page.text.split("\n") == [
        "“十三五”以来，市卫健委紧紧围绕党中央、国务院重大决策部署，认真贯彻落实国家和省卫生健康委工作会议精神。",
        "二、明确任务，加快节奏，统筹推进城市建设管理各项工作",
        SENT,
    ]


def test_title_confirmed_by_repetition_is_taken_and_its_repeats_dropped() -> None:
    page = speechclean.clean(f"在全县工作会议上的讲话\n\n在全县工作会议上的讲话\n{SENT}\n{SENT}")
    assert page.title == "在全县工作会议上的讲话"
    assert page.text == f"{SENT}\n{SENT}"
    assert [r.rule for r in page.removals] == ["structure.title", "structure.title"]


def test_lines_a_title_kept_apart_are_rejoined_once_it_is_taken() -> None:
    # the title line sat between a clause ending in ； and its continuation: rejoin ran with it in
    # the way; once it is taken out the two lines join, so cleaning the output again changes nothing
    text = "当前位置：首页 > 范文\n加强组织领导；\n2023年工作总结\n落实工作责任，确保各项任务完成。"
    page = speechclean.clean(text)
    assert page.title == "2023年工作总结"
    assert page.text == "加强组织领导；落实工作责任，确保各项任务完成。"
    assert speechclean.clean(page.text).text == page.text


def test_an_unconfirmed_heading_is_not_taken_as_title() -> None:
    page = speechclean.clean(f"加强组织领导\n{SENT}")
    assert page.title is None
    assert page.text == f"加强组织领导\n{SENT}"


def test_a_metadata_field_framed_by_chrome_is_not_the_title_but_a_title_with_a_colon_is() -> None:
    from speechclean.steps.structure import _is_field, _may_be_title

    assert _is_field("原文作者：Lunamos") and _is_field("来源：新华网") and not _may_be_title("原文作者：Lunamos")
    assert not _is_field("党课讲稿：“大就要有大的样子”") and not _is_field("早期，SEO人员解读：百度分词算法分析")
    page = speechclean.clean(f"找回密码 立即注册 QQ登录\n原文作者：Lunamos\n{SENT}\n{SENT}")
    assert page.title != "原文作者：Lunamos" and "Lunamos" not in page.text


def test_several_articles_become_documents() -> None:
    text = f"年终总结（精选3篇）\n年终总结篇一\n{SENT}\n年终总结篇二\n{SENT}\n{SENT}\n年终总结篇三\n{SENT}"
    page = speechclean.clean(text)
    assert page.title == "年终总结"  # the header line before the first article, its site suffix removed
    assert [(d.title, d.text.count("\n") + 1) for d in page.documents] == [
        ("年终总结篇一", 1), ("年终总结篇二", 2), ("年终总结篇三", 1)]
    assert page.text == "\n\n".join(f"{d.title}\n{d.text}" for d in page.documents)
    assert speechclean.clean(page.text).text == page.text


def test_documents_can_stay_together() -> None:
    text = f"讲话篇一\n{SENT}\n讲话篇二\n{SENT}"
    assert len(speechclean.clean(text, split_documents=False).documents) == 1
