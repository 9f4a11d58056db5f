"""Using a site profile in the boilerplate step: which of a page's lines are its site's chrome.

The boilerplate step calls :func:`repeated_lines` once per page and drops the lines it returns
with rule ``site.repeated``; the removal's ``score`` is the number of the site's pages the line
was seen on. The profile comes from the ``site_profile`` option, or, while
:meth:`Cleaner.pipe(learn_sites=True) <speechclean.Cleaner.pipe>` learns, from the verdict the
stream computed for this page (``page.meta[VERDICT]``).

>>> from speechclean import Cleaner
>>> from speechclean.sites import SiteProfile
>>> profile = SiteProfile()
>>> for t in ("春天", "夏天", "秋天", "冬天", "年底"):
...     _ = profile.observe("example.com", f"示例网 | 新闻中心\\n同志们：\\n{t}的会议，我们要认真落实各项任务，确保工作取得实效。")
>>> page = Cleaner(site_profile=profile).clean("示例网 | 新闻中心\\n同志们：\\n今天的会议很重要，大家要认真落实。", url="http://example.com/a")
>>> page.text
'同志们：\\n今天的会议很重要，大家要认真落实。'
>>> [(r.rule, r.score) for r in page.removals]
[('site.repeated', 5)]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .guard import is_duplicate, keep_reason

if TYPE_CHECKING:
    from ..page import Page

#: ``page.meta`` key of a verdict ``{line index: pages}`` computed by a learning stream.
VERDICT = "_site_repeated"
RULE = "site.repeated"


def repeated_lines(page: Page, stripped: list[str], body: list[bool], options: Any) -> dict[int, int]:
    """``{line index: pages}`` of the lines to drop as the site's chrome (guarded, see :mod:`.guard`)."""
    verdict = page.meta.pop(VERDICT, None)
    if verdict is None:
        profile = getattr(options, "site_profile", None)
        if profile is None or not profile.sites:
            return {}
        verdict = profile.repeated(profile.key_of(page.meta), page.text)
    if not verdict:
        return {}
    n = len(stripped)
    duplicate = is_duplicate(stripped, body, verdict)
    return {i: c for i, c in verdict.items()
            if i < n and stripped[i] and keep_reason(stripped[i], body[i], duplicate=duplicate) is None}


__all__ = ["RULE", "VERDICT", "repeated_lines"]
