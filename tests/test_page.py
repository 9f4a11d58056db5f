"""The result: JSON-serialisable, explainable, and readable in a notebook."""

from __future__ import annotations

import json

from support import seed

import speechclean


def test_to_dict_is_json_and_complete() -> None:
    page = speechclean.clean(seed("000").encode("utf-8"))
    data = json.loads(json.dumps(page.to_dict(), ensure_ascii=False))
    assert data["title"] == "副区长在区政府第二次全体会上讲话"
    assert data["encoding"]["name"] == "utf-8"
    assert data["documents"][0]["text"] == page.text
    assert {r["rule"] for r in data["removals"]} >= {"boilerplate.breadcrumb", "structure.title"}
    assert data["error"] is None


def test_encoding_is_none_for_str_input() -> None:
    assert speechclean.clean(seed("002")).encoding is None


def test_notebook_view_strikes_removed_pieces_in_place() -> None:
    page = speechclean.clean(seed("000"))
    html = page._repr_html_()
    assert html.count("<del") == len(page.removals)
    assert 'title="boilerplate.breadcrumb"' in html and "当前位置" in html
    # the recommendation heading is shown after the last kept paragraph, where it stood
    assert html.index("督促医疗卫生机构规范使用医保基金") < html.index(">猜你喜欢<")
    assert html.index(">同志们：<") > html.index("boilerplate.editor-preface")


def test_explain_lists_every_removal_with_its_rule() -> None:
    page = speechclean.clean(seed("001"))
    lines = page.explain().splitlines()
    assert lines[0].startswith("[boilerplate] boilerplate.editor-preface @0: 下面是小编")
    assert any(line.startswith("[changed] punctuation.halfwidth:") for line in lines)
