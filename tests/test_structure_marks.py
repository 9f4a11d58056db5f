"""Page markers cut documents, not sentences: the text on both sides goes on, nothing of it is lost, and
cleaning the output again changes nothing."""

from __future__ import annotations

import pytest

import speechclean

BODY = "会议强调，要统一思想，提高认识，确保各项工作落到实处，推动经济社会高质量发展。\n"
MARKER = "\n第2页 / 共43页\n"


@pytest.mark.parametrize(
    ("before", "after", "joined"),
    [
        ("0", "]", "0]"),  # hypothesis found this: the second clean joined what the first did not
        ("会议要求各级党组织要切实加强领导，认真组织开展学习教育活动，确保取得", "实效，推动各项工作。",
         "确保取得实效，推动各项工作。"),
        # the punctuation step had moved the ， onto the marker's line: it comes back, not dropped as stray
        ("会议要求各级党组织要切实加强领导，认真组织开展学习教育活动，确保取得", "，推动各项工作。",
         "确保取得，推动各项工作。"),
        ("新区由雄县", "、容城县和安新县三县组成，面积约一千七百平方公里。", "新区由雄县、容城县和安新县三县组成"),
        ("他指出：这是长期坚持的方针（详见附件一", "），各地要认真落实到位。", "方针（详见附件一），各地要认真落实到位。"),
    ],
)
def test_the_text_a_page_marker_cut_goes_on(before: str, after: str, joined: str) -> None:
    page = speechclean.clean(BODY + before + MARKER + after)
    assert joined in page.text
    assert [r.text for r in page.removals] == ["第2页 / 共43页"]  # only the marker goes, and it is recorded
    assert speechclean.clean(page.text).text == page.text


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("第一章 总则", "第一条 为了规范管理，制定本办法。"),  # a heading above the marker
        ("茶树修剪机的研发设计", "资源描述"),  # a document's title, then a label
        ("会议结束。", "下午，代表们分组讨论。"),  # a sentence ended there
    ],
)
def test_a_heading_a_title_or_a_finished_sentence_is_not_joined(before: str, after: str) -> None:
    page = speechclean.clean(BODY + before + MARKER + after)
    assert f"{before}\n{after}" in page.text


def test_with_punctuation_disabled_no_marks_move() -> None:
    page = speechclean.clean("0\n第2页 / 共43页\n]", disable=("punctuation",))
    assert "0]" not in page.text
