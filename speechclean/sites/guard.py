"""What a repeated line may still be: content. The guard between a profile and a removal.

A line repeated across a site's pages is kept when

* a ``sites.keep.*`` rule names it (``rules/sites.toml``): a speech's address (``同志们：``,
  ``尊敬的各位领导``), its closing (``谢谢大家！``), a numbered heading (``一、指导思想``, ``第三条``);
  content repeats because 范文 and legal pages share their shape;
* or it is part of the page's dense prose body (the boilerplate step's measure) and does not
  also look like chrome: legal text that is the article;
* or the page is a duplicate (its body repeats on other pages: the same article on two urls) and
  the line does not look like chrome: its subheadings and captions repeat with it.

"Looks like chrome" is a swappable check (:data:`CHROME_CHECK`, any ``str -> bool``); the
default asks the chrome line classifier (:mod:`speechclean.chrome`, a line's own cues) and a shape
check of this module: a ``sites.look.*`` rule (site notices written as prose), navigation
separators, or a line with almost no ideographs.

>>> keep_reason("同志们：", in_body=False)
'sites.keep.address'
>>> keep_reason("今天的会议，主要任务是部署今年的工作，大家要认真落实，确保各项任务按时完成。", in_body=True)
'body'
>>> keep_reason("免责声明：本站所有文章均来自网络，仅供学习参考，如有侵权请联系删除。", in_body=True) is None
True
>>> keep_reason("网站首页 | 关于我们 | 联系我们", in_body=False) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

from ..rules import Rule, builtin
from ..text import cjk_count, visible_len

ChromeCheck = Callable[[str], bool]

_SEPARATORS = re.compile(r"[|｜>»›→]|\s{2,}|\s\S{1,4}\s\S{1,4}\s")


@cache
def _rules() -> tuple[tuple[Rule, ...], tuple[Rule, ...]]:
    rules = builtin("sites")
    return (tuple(r for r in rules if r.id.startswith("sites.keep.")),
            tuple(r for r in rules if r.id.startswith("sites.look.")))


def kept_by_rule(line: str) -> str | None:
    """The id of the ``sites.keep.*`` rule that names ``line``, or None."""
    for rule in _rules()[0]:
        if rule.matches(line):
            return rule.id
    return None


def looks_like_chrome(line: str) -> bool:
    """The default shape check: a site notice, a navigation line, or a line of almost no ideographs."""
    n = visible_len(line)
    if n == 0:
        return True
    if any(rule.matches(line, n) for rule in _rules()[1]):
        return True
    return _SEPARATORS.search(line) is not None or cjk_count(line) < 0.3 * n


def classifier_says_chrome(line: str) -> bool:
    """The chrome line classifier's own-cues stage (:mod:`speechclean.chrome`) at its threshold."""
    from ..chrome.cues import line_cues
    from ..chrome.model import model

    m = model()
    return m.score("line", line_cues(line))[0] >= m.threshold


def chrome_evidence(line: str) -> bool:
    """The default check: the shape check of this module or the chrome line classifier says chrome."""
    return looks_like_chrome(line) or classifier_says_chrome(line)


#: The check used for body lines; replace it (``guard.CHROME_CHECK = my_classifier``) to use another
#: line classifier. It is read at every call, so the swap takes effect at once.
CHROME_CHECK: ChromeCheck = chrome_evidence


def keep_reason(line: str, in_body: bool, check: ChromeCheck | None = None, duplicate: bool = False) -> str | None:
    """Why a repeated ``line`` is kept (a rule id, ``"body"`` or ``"duplicate"``), or None when it may go.

    ``duplicate``: the page's own body repeats on other pages (the same article on two urls), so
    every repeated line that does not look like chrome is kept, not only the dense prose.
    """
    rule = kept_by_rule(line)
    if rule is not None:
        return rule
    if (in_body or duplicate) and not (check or CHROME_CHECK)(line):
        return "body" if in_body else "duplicate"
    return None


#: A page whose repeated lines hold at least this share of its dense body's characters is a
#: duplicate of another page (the previous issue's dedupe), not a page wrapped in chrome.
DUPLICATE_SHARE = 0.3


def is_duplicate(lines: list[str], body: list[bool], repeated: Iterable[int]) -> bool:
    """True when the repeated lines cover :data:`DUPLICATE_SHARE` of the page's dense body.

    >>> is_duplicate(["导航", "正文很长的一段。", "页脚"], [False, True, False], [0, 2])
    False
    >>> is_duplicate(["导航", "正文很长的一段。", "页脚"], [False, True, False], [0, 1])
    True
    """
    total = sum(len(line) for line, b in zip(lines, body) if b)
    if not total:
        return False
    shared = sum(len(lines[i]) for i in repeated if i < len(lines) and body[i])
    return shared >= DUPLICATE_SHARE * total


__all__ = ["CHROME_CHECK", "DUPLICATE_SHARE", "ChromeCheck", "chrome_evidence", "classifier_says_chrome", "is_duplicate", "keep_reason", "kept_by_rule",
           "looks_like_chrome"]
