"""Typed blocks and Markdown output (speechclean.blocks, dom.render.render_typed)."""

from __future__ import annotations

import json

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


def test_gne_pages_with_headings_and_tables(corpus) -> None:  # type: ignore[no-untyped-def]
    tests = corpus / "extraction" / "gne_tests" / "tests"
    pages = sorted(tests.glob("*/*.html"))
    kinds = [{b.kind for b in speechclean.clean(p.read_bytes()).blocks} for p in pages]
    assert sum("heading" in k for k in kinds) >= 4
    assert sum("table" in k for k in kinds) >= 1
    assert sum("list_item" in k for k in kinds) >= 8
