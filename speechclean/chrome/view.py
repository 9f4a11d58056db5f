"""The Simplified view of a text that rules and cues judge, whatever script the output keeps.

With ``convert="off"`` (or a replaced convert step) the text reaching the boilerplate step may be
Traditional; the rules and the chrome vocabulary are written in Simplified characters. The view is the
same text through OpenCC ``t2s`` (the converter :mod:`speechclean.steps.convert` builds), line for line;
Simplified text is returned as it is, after one fast scan.

>>> simplified_lines(["當前位置：首頁 > 範文", "今天"])
['当前位置：首页 > 范文', '今天']
"""

from __future__ import annotations

from ..steps.convert import converter, has_traditional


def simplified_lines(lines: list[str]) -> list[str]:
    """``lines`` in Simplified characters (the same list when nothing needs converting)."""
    text = "\n".join(lines)
    if not has_traditional(text, "t2s"):
        return lines
    view = converter("t2s").convert(text).split("\n")  # type: ignore[attr-defined]
    return view if len(view) == len(lines) else lines


__all__ = ["simplified_lines"]
