"""Typed blocks and Markdown output (speechclean.blocks, dom.render.render_typed)."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES

import speechclean
from speechclean.blocks import text_heading_level
from speechclean.cli import main

STRUCTURE = FIXTURES / "meta" / "structure.html"


def test_html_blocks_keep_their_types() -> None:
    page = speechclean.clean(STRUCTURE.read_bytes())
    kinds = [(b.kind, b.level) for b in page.blocks]
    assert ("heading", 2) in kinds and ("heading", 3) in kinds
    assert [b.text for b in page.blocks if b.kind == "list_item"] == ["下载最新版本的安装包。", "解压后运行安装命令。", "检查版本号是否正确。"]
    (table,) = [b for b in page.blocks if b.kind == "table"]
    assert table.rows == [["功能", "命令"], ["格式转换", "convert"], ["数据校验", "check"]]
    (code,) = [b for b in page.blocks if b.kind == "code"]
    assert code.text == "tool convert input.csv\ntool check output.json"
    assert [b.kind for b in page.blocks if b.text.startswith("注意")] == ["quote"]


def test_text_is_unchanged_by_blocks() -> None:
    page = speechclean.clean(STRUCTURE.read_bytes())
    flat = [line for b in page.blocks for line in (b.text.split("\n") if b.kind != "table" else [c for r in b.rows for c in r])]
    assert flat == page.text.split("\n")


def test_markdown() -> None:
    md = speechclean.clean(STRUCTURE.read_bytes()).to_markdown()
    assert md.startswith("# 数据处理工具使用说明\n")
    assert "\n## 一、安装方法\n" in md and "\n### 示例代码\n" in md
    assert "\n- 下载最新版本的安装包。\n- 解压后运行安装命令。\n" in md
    assert "| 功能 | 命令 |\n| --- | --- |\n| 格式转换 | convert |" in md
    assert "```\ntool convert input.csv\ntool check output.json\n```" in md
    assert "\n> 注意：" in md


def test_text_input_headings_from_chinese_numbering() -> None:
    text = ("第一章 总则\n为了规范管理工作，提高工作效率，结合本单位实际，制定本办法。\n"
            "一、工作目标\n到年底前，全面完成各项任务。\n（一）加强组织领导\n各部门要高度重视。")
    page = speechclean.clean(text)
    heads = [(b.text, b.level) for b in page.blocks if b.kind == "heading"]
    assert heads == [("第一章 总则", 1), ("一、工作目标", 2), ("（一）加强组织领导", 3)]
    assert "## 一、工作目标" in page.to_markdown()


def test_numbered_sentences_are_not_headings() -> None:
    assert text_heading_level("一、要提高认识，加强领导，确保各项工作落到实处。") is None
    assert text_heading_level("篇一：我的妈妈") == 1
    assert text_heading_level("第三节 检查与考核") == 2


def test_blocks_in_json(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.json"
    assert main([str(STRUCTURE), "--format", "json", "-o", str(out), "-q"]) == 0
    record = json.loads(out.read_text(encoding="utf-8"))
    assert {"kind": "heading", "text": "一、安装方法", "level": 2} in record["blocks"]


def test_cli_markdown(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.md"
    assert main([str(STRUCTURE), "--format", "markdown", "-o", str(out), "-q"]) == 0
    assert "| 格式转换 | convert |" in out.read_text(encoding="utf-8")


def test_gne_pages_keep_headings_and_tables(corpus) -> None:  # type: ignore[no-untyped-def]
    """Every heading, list item and table cell the extractor keeps, and the clean text keeps as a
    line, is typed so in page.blocks (and shows in the Markdown)."""
    tests = corpus / "extraction" / "gne_tests" / "tests"
    seen: dict[str, list] = {}

    def spy(page):  # type: ignore[no-untyped-def]
        seen["kinds"] = list(page.line_kinds)
        return page

    cleaner = speechclean.Cleaner().add_hook(spy, after="extract")
    checked = 0
    for path in sorted(tests.glob("*/*.html")):
        page = cleaner.clean(path.read_bytes())
        final = set(page.text.split("\n"))
        typed = {b.text for b in page.blocks if b.kind in ("heading", "list_item")}
        cells = {c for b in page.blocks if b.kind == "table" for r in b.rows for c in r}
        paragraphs = {b.text for b in page.blocks if b.kind == "paragraph"}  # layout tables give paragraphs
        md = page.to_markdown()
        for line, kind in seen["kinds"]:
            if line not in final:
                continue
            if kind[0] in ("heading", "list_item"):
                assert line in typed, (path, line)
                checked += 1
            elif kind[0] == "cell":
                assert (line in cells and f"| {line} |" in md) or line in paragraphs, (path, line)
                checked += 1
    assert checked >= 10


def test_layout_tables_are_paragraphs() -> None:
    html = ("<html><body><div class='article'><h1>标题</h1><table><tr><td><p>第一段内容，讲了很多事情，大家都很关心，"
            "这件事情的进展情况如何，我们会继续关注，并及时报道给大家，敬请期待后续的报道和更多的消息。</p>"
            "<p>第二段内容，也讲了很多事情，大家同样很关心，我们会继续跟踪，并在第一时间发布最新的进展情况。</p>"
            "</td></tr></table></div></body></html>")
    page = speechclean.clean(html)
    assert [b.kind for b in page.blocks] == ["paragraph", "paragraph"]
    assert "|" not in page.to_markdown()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["第一章 总则", "一、工作目标", "（二）主要任务", "会议强调，要落实责任。", "同志们：", "谢谢大家！",
                                 "1. 第一项", "篇一：春天"]), min_size=1, max_size=12))
def test_blocks_are_a_view_of_the_text(lines: list[str]) -> None:
    page = speechclean.clean("\n".join(lines))
    flat = [line for b in page.blocks for line in b.text.split("\n")]
    assert flat == [line for line in page.text.split("\n") if line.strip()]


def test_code_keeps_its_indentation_in_markdown() -> None:
    html = STRUCTURE.read_text(encoding="utf-8").replace(
        "tool convert input.csv\ntool check output.json", "for f in *.csv; do\n    tool convert $f\ndone")
    page = speechclean.clean(html)
    assert "tool convert $f" in page.text
    assert "```\nfor f in *.csv; do\n    tool convert $f\ndone\n```" in page.to_markdown()
