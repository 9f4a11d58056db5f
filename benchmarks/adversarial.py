"""Adversarial input families, each built at any size: what ``benchmarks/robustness.py`` times.

Each family is a function ``size_in_bytes -> str | bytes`` producing one hostile document of about
that size (pathological for some part of the pipeline: regexes, the parser, the line rules).
"""

from __future__ import annotations

from collections.abc import Callable

P = "今天，我们召开会议，研究部署下一阶段的工作。"
_HTML = "<html><head><title>会议</title></head><body>{}</body></html>"


def _repeat(unit: str, size: int) -> str:
    return unit * max(1, size // len(unit.encode("utf-8")))


def _html(body_unit: str, size: int, before: str = "", after: str = "") -> str:
    return _HTML.format(before + _repeat(body_unit, size) + after)


FAMILIES: dict[str, Callable[[int], str | bytes]] = {
    "br-run": lambda n: _html("<br>", n, f"<div>{P}", "</div>"),
    "sibling-p": lambda n: _html("<p>短句，内容。</p>", n),
    "short-lines": lambda n: _repeat("第一行内容\n", n),
    "long-cjk-line": lambda n: _repeat("中文内容没有标点", n),
    "spaces-in-block": lambda n: _html(" ", n, f"<div>{P}", "谢谢</div>"),
    "nbsp-in-block": lambda n: _html("&nbsp;", n, f"<div>{P}", "谢谢</div>"),
    "bangs": lambda n: _repeat("!", n),
    "parens": lambda n: "(" * (n // 2) + ")" * (n // 2),
    "nested-cjk-parens": lambda n: "中(" * (n // 8) + "文" + ")" * (n // 8),
    "deep-div": lambda n: _html("<div>", n, "", P),
    "unclosed-font": lambda n: _html("<font>字，文。", n),
    "gallery": lambda n: _html('<img src="/upload/2021/06/pic001.jpg" alt="">&nbsp;&nbsp;\n', n, f"<div>{P}", "</div>"),
    "link-list": lambda n: _html("<li><a href='/a/1.html'>链接标题文字</a></li>", n, "<ul>", "</ul>"),
    "table-cells": lambda n: _html("<td>1</td>", n, "<table><tr>", "</tr></table>"),
    "at-signs-in-cjk": lambda n: _repeat("中文@内容", n),
    "latin1-mojibake": lambda n: _repeat(P, n // 2).encode("utf-8").decode("latin-1")[: n // 2],
    "gbk-mojibake-holes": lambda n: _repeat(P + "a", n // 2).encode("utf-8").decode("gbk", errors="replace")[: n // 3],
    "entities": lambda n: _repeat("&#20013;&#25991;", n),
    "newlines": lambda n: "\n" * n,
    "control-chars": lambda n: _html("<p>正文<script></script>\x0c尾巴</p>", n),
    "many-classes": lambda n: _html("<div class='share comment footer nav list item'>字</div>", n),
}

#: The 2.5 KB gallery block of the issue: 80 <img> lines after two prose marks.
GALLERY = _HTML.format(
    "<div class='gallery'>同志们，大家好。\n"
    + "".join(f'<img src="/upload/2021/06/pic{i:03d}.jpg" alt="">&nbsp;&nbsp;\n' for i in range(80))
    + "谢谢</div>"
)
