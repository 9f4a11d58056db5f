"""Judge every line of a page that no rule removed: chrome or content, with a score and its cues.

jusText's order: the confident lines first (rules, the dense body), then each remaining line on its own
cues (stage ``line``), then again with its neighbours' scores (stage ``context``), so that a run of
chrome-like lines goes together and a short line between body paragraphs stays as a heading.

>>> lines = ["找回密码 立即注册 QQ登录", "查看: 2510|回复: 1",
...          "今天的会议，主要任务是部署今年的工作。大家要认真落实，确保各项任务完成。"]
>>> verdicts = judge(lines, [False] * 3, [False, False, True])
>>> sorted(verdicts), verdicts[0][0] > 0.5, 2 in verdicts
([0, 1], True, False)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..text import is_heading, visible_len
from .cues import line_cues, neighbour_cues
from .kinds import is_title_like, keeps_at_edge
from .model import Model, model

#: Body lines at least this long, with this many body lines on either side, are not judged: deep in the
#: prose, they are content (this keeps the classifier off most of a long page's text).
DEEP_BODY_MIN_LEN = 60
DEEP_BODY_MARGIN = 2
#: A numbered heading is at most this long.
HEADING_MAX_LEN = 60
#: Lines longer than this are not judged: chrome is short, and a long line that holds some is left to
#: the rules and span rules (dropping it whole would lose the content it also holds).
JUDGE_MAX_LEN = 200
#: A short line right before a body paragraph, naming nothing a site would, is the paragraph's heading.
LEAD_HEADING_MAX_LEN = 30

Cues = dict[str, float]
_MENU_ITEM = re.compile(r"^[•·▪◦●○■□◆◇►▶※]")
#: Tech posts number their sections in hexadecimal (0x00 前言, 0x01 分析).
_HEX_COUNTER = re.compile(r"^0x[0-9A-Fa-f]{1,4}+[ \t\u3000]*+[\u4e00-\u9fff]")
#: Cues that make a heading-shaped line suspect (a heading names no chrome word, date, address or count).
_SUSPECT_CUES = ("shape.date", "shape.domain", "shape.file", "shape.count", "shape.bracketed")


def _reads_as_heading(line: str, cues: Cues, leads: bool = False) -> bool:
    """A title or a heading (short, mostly ideographs, or a numbered heading, or a short line that
    ``leads`` a body paragraph) that names nothing a site would: content, not judged — the title a site
    prints above its article looks like chrome to its neighbours, and losing it costs more than keeping
    a stray line."""
    if _MENU_ITEM.match(line):  # a bulleted item reads with its list, never as a heading on its own
        return False
    numbered = is_heading(line) or _HEX_COUNTER.match(line) is not None  # 一、… 1.2 … and 0x01 分析
    if not (leads or is_title_like(line) or numbered and visible_len(line) <= HEADING_MAX_LEN):
        return False
    return not any(v > 0 and (k.startswith("vocab.") or k in _SUSPECT_CUES) for k, v in cues.items())


def stage_one(
    view: list[str],
    decided: list[bool],
    body: list[bool],
    edges: tuple[int | None, int | None] | None = None,
    memo: dict[str, Cues] | None = None,
    start: int | None = None,
) -> tuple[list[int], dict[int, Cues], list[int]]:
    """The non-empty lines in order (headings left out), the first-stage cues of each line to judge, and
    the visible lengths.

    ``edges`` are the first and last body lines that head and tail are measured from (by default the
    first and last of ``body``; ``(None, None)`` when the page has too little body to measure from).
    ``memo`` keeps each line's own cues across calls on the same page. ``start`` is the line of the
    article's title above its byline (:func:`speechclean.chrome.runs.article_start`): the lines above it
    are the site's header (cue ``pos.above_title``), where a short line heads nothing."""
    order = [i for i, s in enumerate(view) if s]
    length = [visible_len(s) if s else 0 for s in view]
    body_pos = [i for i in order if body[i]]
    first, last = edges if edges is not None else (body_pos[0] if body_pos else None, body_pos[-1] if body_pos else None)
    deep: set[int] = set()
    if len(body_pos) > 2 * DEEP_BODY_MARGIN:
        deep = {i for i in body_pos[DEEP_BODY_MARGIN:-DEEP_BODY_MARGIN] if length[i] >= DEEP_BODY_MIN_LEN}
    nxt = {i: order[k + 1] for k, i in enumerate(order[:-1])}
    cues: dict[int, Cues] = {}
    headings: set[int] = set()
    title = view[start] if start is not None else None
    for i in order:
        if decided[i] or i in deep or length[i] > JUDGE_MAX_LEN:
            continue
        s = view[i]
        if memo is None:
            f = line_cues(s)
        else:
            if (own := memo.get(s)) is None:
                own = memo[s] = line_cues(s)
            f = dict(own)
        leads = i in nxt and body[nxt[i]] and not body[i] and length[i] <= LEAD_HEADING_MAX_LEN
        if s == title or _reads_as_heading(s, f, leads):  # the article's title and its copies are the structure step's
            headings.add(i)
            continue
        if body[i]:
            f["pos.body"] = 1.0
        if start is not None and i < start and not is_title_like(s):
            f["pos.above_title"] = 1.0
        if first is not None and last is not None and (i < first or i > last):
            f["pos.head" if i < first else "pos.tail"] = 1.0
            if not keeps_at_edge(s):
                f["pos.edge_not_text"] = 1.0
        cues[i] = f
    # Headings are nobody's neighbours: whether the title above a run of chrome stays or goes (the
    # structure step takes it as the title) must not change how the run is judged.
    return [i for i in order if i not in headings], cues, length


def stage_two(order: list[int], cues: dict[int, Cues], base: dict[int, float], decided: list[bool], body: list[bool],
              length: list[int]) -> dict[int, Cues]:
    """The second-stage cues: each judged line's own cues plus its neighbours' first-stage scores."""
    full = {i: (1.0 if decided[i] else base.get(i, 0.0)) for i in order}
    runs = menu_runs(order, cues, decided, body, length)
    out: dict[int, Cues] = {}
    for k, i in enumerate(order):
        if i in cues:
            f = dict(cues[i])
            f.update(neighbour_cues(k, order, full, body, length))
            if runs[k] >= MENU_RUN_MIN:
                f["nb.menu_run"] = min(runs[k], MENU_RUN_CAP) / MENU_RUN_CAP
                if "pos.head" in f or "pos.tail" in f:  # a menu outside the body: the site's header or footer
                    f["nb.menu_edge"] = f["nb.menu_run"]
            out[i] = f
    return out


#: A menu is a run of at least this many short lines that end no sentence (rule-named lines count)…
MENU_RUN_MIN = 3
#: …its cue saturating at this many lines…
MENU_RUN_CAP = 8
#: …each at most this long.
MENU_ITEM_MAX_LEN = 20


def menu_runs(order: list[int], cues: dict[int, Cues], decided: list[bool], body: list[bool], length: list[int]) -> list[int]:
    """For each line of ``order``, the length of the run of menu-like lines it stands in (0 if it is not
    one): short, not body, ending no sentence, or named by a rule — a menu, a tag cloud, a login bar."""
    like = [decided[i] or (i in cues and not body[i] and length[i] <= MENU_ITEM_MAX_LEN
                           and not cues[i].get("shape.ends_sentence")) for i in order]
    runs = [0] * len(order)
    for k, j in true_runs(like):
        for m in range(k, j):
            runs[m] = j - k
    return runs


def true_runs(flags: list[bool]) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each maximal run of true values in ``flags``.

    >>> list(true_runs([False, True, True, False, True]))
    [(1, 3), (4, 5)]
    """
    k = 0
    while k < len(flags):
        if not flags[k]:
            k += 1
            continue
        j = k
        while j < len(flags) and flags[j]:
            j += 1
        yield k, j
        k = j


def judge(
    view: list[str],
    decided: list[bool],
    body: list[bool],
    m: Model | None = None,
    edges: tuple[int | None, int | None] | None = None,
    memo: dict[str, Cues] | None = None,
    start: int | None = None,
) -> dict[int, tuple[float, tuple[str, ...]]]:
    """``{line index: (score, cues)}`` for every non-empty line not ``decided`` by a rule and not deep in
    the body; the caller drops those scoring at least ``m.threshold``."""
    m = m or model()
    order, cues, length = stage_one(view, decided, body, edges, memo, start)
    if not cues:
        return {}
    base = {i: m.score("line", f)[0] for i, f in cues.items()}
    second = stage_two(order, cues, base, decided, body, length)
    return {i: m.score("context", f) for i, f in second.items()}


__all__ = ["judge", "stage_one", "stage_two"]
