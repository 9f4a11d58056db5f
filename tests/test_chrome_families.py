"""Families of chrome (and of content that looks like it) added for issue 9's held-out quality, each on
small made-up fixtures in the style of real pages: what goes, and what a clean text keeps."""

from __future__ import annotations

import speechclean

BODY = "今天的会议，主要任务是总结去年的工作，部署今年的任务。大家要认真落实，确保各项工作取得实效。"


def clean(text: str, **options: object) -> speechclean.Page:
    return speechclean.clean(text, kind="text", **options)


def lost(page: speechclean.Page) -> list[str]:
    return [r.text for r in page.removals if r.step in ("boilerplate", "structure") and r.text.strip() != (page.title or "")]


# -- clean text keeps what only looks like chrome -------------------------------------------------
def test_symbols_set_apart_from_code_lines_are_kept() -> None:
    text = "Windows 设置代理\nset http_proxy\n=\nhttp://127.0.0.1:7890\n# 恢复\nset https_proxy\n=\n" + BODY
    page = clean(text)
    assert page.text.count("\n=\n") == 2 and not lost(page)


def test_stray_punctuation_beside_chrome_still_goes() -> None:
    page = clean(BODY + "\n相关热词搜索：讲话 会议\n;\n")
    assert ";" not in page.text.splitlines()


def test_a_repeated_remark_is_not_the_title() -> None:
    page = clean("又要放假了，元旦要来啦！\n元旦快乐！\n元旦快乐\n" + BODY)
    assert page.title is None and "元旦快乐！" in page.text and "\n元旦快乐\n" in page.text


def test_a_repeated_title_still_is() -> None:
    page = clean("市长在全市工作会议上的讲话\n首页 > 讲话稿 > 市长在全市工作会议上的讲话\n市长在全市工作会议上的讲话\n" + BODY)
    assert page.title == "市长在全市工作会议上的讲话"


def test_bylines_and_bracketed_credits_are_the_articles_own() -> None:
    page = clean("某某报记者 王小明 来源：某某日报\n" + BODY + "\n（本文来源：某某日报 作者：某研究院研究员张三）")
    assert "记者 王小明" in page.text and "本文来源" in page.text and not lost(page)


def test_plain_metadata_lines_still_go() -> None:
    page = clean("来源：某某网 作者：张三\n" + BODY)
    assert "来源" not in page.text


def test_comments_under_a_tag_list_end_the_list() -> None:
    text = BODY + "\n标签：\n工作总结\n会议纪要\n我喜欢这个设计理念！👍👍\n@小王 哈哈哈，和我想的一样\n"
    page = clean(text)
    assert "工作总结" not in page.text and "会议纪要" not in page.text
    assert "我喜欢这个设计理念！" in page.text and "@小王 哈哈哈" in page.text
