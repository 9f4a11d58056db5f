"""speechclean.code: which lines are code or front matter (kept exactly by every step)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from speechclean.code import code_lines, front_matter


@pytest.mark.parametrize(
    "lines",
    [
        ["同志们：", "今天的会议很重要;", "大家要落实(认真)。"],  # Chinese prose with ASCII marks
        ["　　第一段缩进的正文，内容很长。", "    第二段也用空格缩进，内容照样是正文。"],  # indented prose
        ["% H, N8 ]: q: }. q! v(一)领导讲话稿的概念& J* D0 x", "% u! a |4 w2 D9 H9 {", "6 R% l: _7 i$ @9 g0 }. U9 ?' K/"],
        [".b1{white-space-collapsing:preserve;}.b2{margin: 0.7875in;}", "p{margin-top:0pt;margin-bottom:1pt;}"],
        ["var _hmt = _hmt || [];", "(function() { var hm = document.createElement('script');"],
        ["Note: this is English prose.", "It has words, and (some) brackets; nothing more."],
        ["func main() {"],  # one line alone is not a block
    ],
)
def test_not_code(lines: list[str]) -> None:
    assert code_lines(lines) == set()


def test_kotlin_block_with_blank_lines_between() -> None:
    lines = ["Kotlin 中定义方法的时候，可以进行函数简化", "fun answer(count: Int): String {", "",
             "return if (count > 0) {", "", '"I have the answer."', "", "} else {", "", '"The answer eludes me."', "",
             "简化的形式是直接赋值。"]
    assert code_lines(lines) == set(range(1, 10))


def test_fenced_block_holds_anything() -> None:
    lines = ["正文。", "~~~", "这一行是代码块里的中文，也不改。", "a ,b", "~~~", "正文。"]
    assert code_lines(lines) == {1, 2, 3, 4}


def test_chinese_comment_inside_a_block_is_code() -> None:
    lines = ["def f(x):", "    # 计算平方", "    return x * x"]
    assert code_lines(lines) == {0, 1, 2}


def test_front_matter_needs_yaml_lines_between_its_fences() -> None:
    assert front_matter(["---", "title: 标题", "tags:", "  - a", "---", "正文"]) == range(5)
    assert front_matter(["---", "这不是前置元数据。", "---"]) == range(0)
    assert front_matter(["正文", "---", "title: x", "---"]) == range(0)


@pytest.mark.parametrize(
    "line",
    ["(" * 50_000, "a(" * 30_000 + ")", "x = " + "=" * 50_000, "`" * 50_000, "---\n" * 10, "if " + "(" * 40_000 + "{",
     "f(" + "a" * 199 + ")" * 40_000, ":" * 60_000 + ";"],
)
def test_hostile_lines_finish(line: str) -> None:
    code_lines(line.split("\n") * 2)


_CODE_LINE = st.text(alphabet=st.sampled_from(list(" \t!\"#$%&'()*+,-./0123456789:;<=>?@ABCXYZ[\\]^_abcxyz{|}") + ["会", "們"]),
                     max_size=40)


@settings(max_examples=150, deadline=None)
@given(st.lists(_CODE_LINE, min_size=1, max_size=8))
def test_a_fenced_block_comes_out_byte_identical(code: list[str]) -> None:
    import speechclean

    block = "\n".join(["```", *code, "```"])
    prose = "下面是一段示例,内容如下:"
    page = speechclean.clean(f"{prose}\n{block}\n运行后得到结果,很简单。")
    assert block in page.text


def test_numeric_entities_in_plain_text_are_read_but_never_inside_code() -> None:
    import speechclean

    page = speechclean.clean('下面是一段示例，内容如下：\n```\nx = "&#200;&#20013;"\n```\n运行后得到&#20013;文结果，很简单。')
    assert 'x = "&#200;&#20013;"' in page.text  # the code's own escapes, byte for byte
    assert "运行后得到中文结果" in page.text
    assert [r for r in page.repairs if r.rule == "decode.numeric-entity"]
