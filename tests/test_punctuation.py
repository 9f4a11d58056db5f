"""punctuation: Chinese marks in Chinese text, ASCII in numbers and Latin, doubles collapsed."""

from __future__ import annotations

import pytest

from speechclean.steps.punctuation import normalize


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("同志们:大家好!", "同志们：大家好！"),
        ("2021年,是很不平凡的一年;", "2021年，是很不平凡的一年；"),
        ("难写,?下面", "难写？下面"),
        ("县(市)级", "县（市）级"),
        ("(一)卫生健康工作", "（一）卫生健康工作"),
        ("达到88%,“双减”", "达到88%，“双减”"),
        ("同时.,将发挥", "同时，将发挥"),
    ],
)
def test_halfwidth_marks_in_chinese_context(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize(
    "text",
    ["完成1.6亿元", "会议19:30开始", "新建4S店", "D-RGS付费", "12345热线", "共1,000人", "见 http://a.cn/?q=1&b=2 ",
     "Hello, world! (test)", "比分3:2获胜"],
)
def test_numbers_urls_and_latin_keep_ascii(text: str) -> None:
    assert normalize(text) == text.strip()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("好，，好", "好，好"),
        ("好，。", "好。"),
        ("二，、三", "二、三"),
        ("吗，？", "吗？"),
        ("现象，；教育", "现象；教育"),
        ("看吧,。", "看吧。"),
        ("问题。。", "问题。"),
    ],
)
def test_anti_copy_doubles_collapse(raw: str, expected: str) -> None:
    assert normalize(raw) == expected


@pytest.mark.parametrize("text", ["他说：“好。”", "真的吗？！", "等等……", "发展——这是", "1、、基层"])
def test_genuine_pairs_stay(text: str) -> None:
    assert normalize(text) == text


def test_straight_quotes_become_paired() -> None:
    assert normalize('他说:"好的",然后"再见"。') == "他说：“好的”，然后“再见”。"
    assert normalize('全面落实"x+x”服务') == "全面落实“x+x”服务"
    assert normalize('print("hello")') == 'print("hello")'


def test_invisible_characters_and_stray_spaces() -> None:
    assert normalize("会\u200b议\ufeff很\u00ad重要") == "会议很重要"
    assert normalize("会议\u3000很重要\u00a0。") == "会议很重要。"
    assert normalize("“三严三实”、 “两学一做”") == "“三严三实”、“两学一做”"
    assert normalize("生命健康 。") == "生命健康。"
    assert normalize("使用 Python 编程") == "使用 Python 编程"


def test_fullwidth_letters_and_digits_become_ascii() -> None:
    assert normalize("ＡＢＣ１２３公司") == "ABC123公司"


def test_orphan_marks_at_line_start_go() -> None:
    assert normalize("”。卫生健康事业\n。\n，要加强") == "卫生健康事业。\n\n要加强"  # the empty line goes in structure


def test_marks_continuing_the_line_before_join_it() -> None:
    # text split at inline elements: the marks are the author's, nothing is lost
    assert normalize("包括雄县\n、容城县\n、安新县\n，于2017年成立。") == "包括雄县、\n容城县、\n安新县，\n于2017年成立。"


def test_a_closing_mark_made_full_width_joins_the_line_before_as_a_full_width_one_does() -> None:
    # `)` at a line start becomes `）` in Chinese context; `）` at a line start goes back to the line before,
    # so the half-width one must too, or cleaning the output again would move it (idempotence)
    assert normalize("功能一致\n)标签") == normalize("功能一致\n）标签") == "功能一致）\n标签"
    assert normalize(normalize("功能一致\n)标签")) == "功能一致）\n标签"


def test_brackets_and_ascii_marks_on_their_own_line_join_their_text() -> None:
    assert normalize("二选一（功能\n完全一致\n）\n标签") == "二选一（功能\n完全一致）\n\n标签"
    assert normalize("安新县\n（\n含周边地区\n）") == "安新县\n（含周边地区）\n"
    assert normalize("用户名\n:\n内容很好") == "用户名：\n\n内容很好"
    assert normalize("雄县\n、\n容城县\n、\n安新县") == "雄县、\n\n容城县、\n\n安新县"


def test_ellipsis_typed_with_full_stops_stays() -> None:
    assert normalize("然后呢。。。。。") == "然后呢。。。。。"


def test_changes_are_counted() -> None:
    from speechclean.page import Page

    page = Page()
    normalize("好，，好,是", page)
    assert page.changes == {"punctuation.halfwidth": 1, "punctuation.doubled": 1}
