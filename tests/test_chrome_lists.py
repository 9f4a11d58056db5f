"""A numbered list goes or stays as a whole (speechclean.chrome.lists): when most of its items are chrome
a rule or the classifier names, the items left and the list's short heading go with them."""

from __future__ import annotations

import speechclean
from speechclean.chrome.lists import list_lines, numbered_runs

BODY = "今天的会议，主要任务是总结去年的工作，部署今年的任务。大家要认真落实，确保各项工作取得实效。"
#: A document site's notices: items 3 and 5 are named by the doc-notice rule, 2 and 4 by nothing.
NOTICES = ("友情提示\n"
           "2、PDF文件下载后，可能会被浏览器默认打开，此种情况可以点击浏览器菜单，保存网页到桌面，就可以正常下载了。\n"
           "3、本站不支持迅雷下载，请使用电脑自带的IE浏览器，或者360浏览器、谷歌浏览器下载即可。\n"
           "4、本站资源下载后的文档和图纸-无水印，预览文档经过压缩，下载后原文更清晰。\n"
           "5、试题试卷类文档，如果标题没有明确说明有答案则都视为没有答案，请知晓。\n")


def clean(text: str, **options: object) -> speechclean.Page:
    return speechclean.clean(text, kind="text", **options)


def test_a_notice_list_most_of_whose_items_are_chrome_goes_whole_with_its_heading() -> None:
    page = clean(NOTICES + BODY + "\n" + BODY)
    assert page.text == BODY + "\n" + BODY
    rules = {r.text: r.rule for r in page.removals}
    assert rules["友情提示"] == "chrome.numbered-list"
    assert rules[NOTICES.split("\n")[1]] == "chrome.numbered-list"
    assert rules[NOTICES.split("\n")[2]] == "boilerplate.doc-notice"


def test_the_same_notices_go_with_traditional_kept() -> None:
    from speechclean.steps.convert import converter

    trad = converter("s2t").convert(NOTICES + BODY + "\n" + BODY)  # type: ignore[attr-defined]
    page = clean(trad, convert="off")
    assert page.text == converter("s2t").convert(BODY + "\n" + BODY)  # type: ignore[attr-defined]


def test_a_content_list_with_one_chrome_item_stays() -> None:
    text = ("工作要求：\n1、要提高认识，加强领导。\n2、要明确责任，狠抓落实。\n"
            "3、本站不支持迅雷下载，请使用电脑自带的IE浏览器。\n4、要严格考核，奖惩分明。\n" + BODY)
    page = clean(text)
    assert "1、要提高认识" in page.text and "工作要求：" in page.text and "4、要严格考核" in page.text


def test_lists_are_runs_numbered_in_order() -> None:
    view = ["1、甲", "2、乙", "3、丙", "", "5、丁", "一、总则", "二、职责", "三、附则", "1.5 倍", "2.5 倍", "3.5 倍"]
    assert list(numbered_runs(view)) == [[0, 1, 2], [5, 6, 7]]
    assert list(numbered_runs(["（1）甲", "（2）乙", "（3）丙"])) == [[0, 1, 2]]
    assert list(numbered_runs(["2022.10.1 甲", "2023.10.1 乙", "2024.10.1 丙"])) == []


def test_a_long_heading_above_a_list_stays() -> None:
    view = ["下面这些注意事项请大家务必牢记", "1、甲乙。", "2、丙丁。", "3、戊己。"]
    assert list_lines(view, {1, 2, 3}) == set()
    assert list_lines(view, {1, 2}) == {3}
