"""Prompts a site glues to the end of a long line, where no line rule sees them.

Document-sharing sites print a document as one long line and end it with the uploader's or the site's
prompts (``…关键字：…，机架。谢谢朋友对我文章的赏识，充值后就可以下载说明书…。下载后请联系QQ：1459919609。我可以将
压缩包免费送给你。欢迎朋友的光临！``). A line that long is content as a whole, and a line rule only names a short line; so
the last sentences are looked at one by one: from the first sentence a prompt rule names, to the end of the
line, the tail goes when every sentence after it is named too or short (the courtesies around a prompt:
``欢迎朋友的光临！``).

>>> from speechclean.steps.ruleset import ruleset
>>> rules = ruleset(())
>>> body = "本课题即针对成龄茶树的深修剪、衰老茶树的重修剪或台刈面临的问题，研究出一种全新的茶树重修剪机械设备。" * 4
>>> line = body + "谢谢朋友对我文章的赏识，充值后就可以下载说明书。下载后请联系QQ：1459919609。欢迎朋友的光临！"
>>> line[tail_prompt(line, rules.first_match):]
'谢谢朋友对我文章的赏识，充值后就可以下载说明书。下载后请联系QQ：1459919609。欢迎朋友的光临！'
>>> tail_prompt(body, rules.first_match) is None
True
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..rules import Rule
from ..text import visible_len

#: Only lines longer than this are looked into (the classifier judges shorter lines whole: classify.JUDGE_MAX_LEN).
MIN_LINE_LEN = 200
#: At most this many sentences at the end of a line are looked at…
MAX_SENTENCES = 6
#: …a sentence no rule names may stand among the prompts when it is at most this long…
COURTESY_MAX_LEN = 30
#: …and the tail is at most this share of the line (the rest is the document).
MAX_TAIL_SHARE = 0.4
#: The rules whose sentences are prompts a site or uploader appends (not a keyword line, not metadata: a
#: paper's own 关键字：… ends its abstract, and a date may end a sentence of the text).
PROMPT_RULES = frozenset({
    "boilerplate.download-prompt", "boilerplate.doc-notice", "boilerplate.contact-prompt", "boilerplate.login-comment",
    "boilerplate.popup-prompt", "boilerplate.platform-disclaimer", "boilerplate.copyright", "boilerplate.site-service",
})
_SENTENCE = re.compile(r"[^。！？!?]++[。！？!?]*+")


def may_hold(line: str) -> bool:
    """A cheap test: only a long line can hold a tail prompt."""
    return len(line) > MIN_LINE_LEN


def tail_prompt(line: str, name: Callable[[str, str], Rule | None]) -> int | None:
    """Where the prompts at the end of ``line`` start (an index into it), or None. ``name(sentence, zone)``
    is the rule set's first match (tried in zone ``main``: a rule limited to the page's edges does not
    name a sentence inside a line)."""
    if len(line) <= MIN_LINE_LEN:
        return None
    # only the last MAX_TAIL_SHARE of the line may go: the sentences there (the first one may be cut)
    window = int(len(line) * (1 - MAX_TAIL_SHARE))
    spans = [m.span() for m in _SENTENCE.finditer(line, window)][-MAX_SENTENCES:]
    if spans and window and spans[0][0] == window and line[window - 1] not in "。！？!?":
        spans = spans[1:]
    start = None
    for a, b in reversed(spans):
        piece = line[a:b].strip()
        if not piece:
            continue
        rule = name(piece, "main")
        if rule is not None and rule.id in PROMPT_RULES:
            start = a
        elif visible_len(piece) > COURTESY_MAX_LEN:
            break
    return start


__all__ = ["PROMPT_RULES", "may_hold", "tail_prompt"]
