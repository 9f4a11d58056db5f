"""The weak cues of a line: vocabulary, shape, position and neighbours, as named numbers in [0, 1].

No cue decides alone; :mod:`speechclean.chrome.model` weighs them with weights derived from labelled
lines (``benchmarks/train_lines.py``). Cue names are what the audit trail shows (``vocab.login``,
``shape.no_punct``, ``pos.head``, ``nb.run``…).

>>> f = shape_cues("查看: 2510|回复: 1")
>>> f["shape.separators"] > 0, f["shape.no_punct"]
(True, 1.0)
>>> vocab_cues("找回密码 立即注册 QQ登录")["vocab.login"]
1.0
"""

from __future__ import annotations

import math
import re
from functools import cache

from ..rules import RULES_DIR, read_toml
from ..text import CJK_CLASS, TERMINAL, cjk_count, is_heading, punct_count, visible_len

CUES_FILE = RULES_DIR / "chrome.toml"
#: A family's feature saturates at this many word hits in one line.
VOCAB_CAP = 3
#: Lengths are measured on a log scale saturating here (visible characters).
LENGTH_CAP = 400

_SEPARATORS = re.compile(r"[|｜›»>＞/·•_→]")
_GAPS = re.compile(r"(?<=\S)[ \t\u3000\u00a0]++(?=\S)")
_DIGIT = re.compile(r"[0-9]")
_LATIN = re.compile(r"[A-Za-z]")
_DATE = re.compile(r"(?<!\d)(?:19|20)\d\d[-/年.](?:0?[1-9]|1[0-2])(?:[-/月.](?:[0-3]?\d))?|(?<!\d)\d{1,2}:\d\d(?!\d)")
_DOMAIN = re.compile(r"(?<![A-Za-z0-9.-])(?:https?://|www\.|[A-Za-z0-9-]{1,30}\.)(?:[A-Za-z0-9-]{1,30}\.)*+(?:com|cn|net|org|cc|top|vip|info|io|me|tv|edu|gov)\b")
_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|docx?|pdf|pptx?|xlsx?|txt|zip|rar)\b", re.IGNORECASE)
_COUNTER = re.compile(r"(?<!\d)\d++\s*+(?:次|人|条|篇|页|頁|楼|个字|分钟|金币|积分|KB|MB)")
_BRACKETED = re.compile(r"^[\[【〔［(（].{0,20}[\]】〕］)）]$")
_SITE_NAME = re.compile(rf"[{CJK_CLASS}]{{1,8}}(?:(?<!互联)(?<!局域)(?<!因特)(?<![上电渔蛛])网|网站|文库|论坛|社区|之家)(?![{CJK_CLASS}])")
_CJK_START = re.compile(f"^[{CJK_CLASS}]")
_BULLET = re.compile(r"^[•·▪◦●○■□◆◇►▶※*＊-]\s*")
#: Neighbours counted on either side for the share of short lines around a line.
SHORT_WINDOW = 3
SHORT_LEN = 12


@cache
def families() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """The vocabulary families of ``rules/chrome.toml``: ``((id, words), ...)``."""
    data = read_toml(CUES_FILE)
    return tuple((f["id"], tuple(f["words"])) for f in data.get("family", ()))


@cache
def _vocabulary() -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every word (longest first), and the family of each word."""
    owner: dict[str, str] = {}
    for fid, words in families():
        for w in words:
            owner.setdefault(w, fid)
    words = sorted(owner, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words))), owner


#: A bar of buttons is at most this long.
BAR_MAX_LEN = 60
_BAR_SPLIT = re.compile(r"[ \t\u3000\u00a0|｜/·•]++")


def vocab_cues(line: str) -> dict[str, float]:
    """``vocab.<family>``: how many of the family's words occur in ``line`` (capped, scaled to [0, 1]);
    ``vocab.bar`` when the line is nothing but such words, two or more, set apart (``热门 推荐 排行 专题``,
    ``返回 下载 相关 举报``): a bar of the site's buttons, whatever their families."""
    pattern, owner = _vocabulary()
    counts: dict[str, int] = {}
    for m in pattern.finditer(line):
        fid = owner[m.group()]
        counts[fid] = counts.get(fid, 0) + 1
    f = {f"vocab.{fid}": min(n, VOCAB_CAP) / VOCAB_CAP for fid, n in counts.items()}
    if sum(counts.values()) >= 2 and is_button_bar(line):
        f["vocab.bar"] = 1.0
    return f


def is_button_bar(line: str) -> bool:
    """``line`` is two or more chrome words set apart and nothing else (``热门 推荐 排行 专题``)."""
    if len(line) > BAR_MAX_LEN or _BAR_SPLIT.search(line) is None:
        return False
    owner = _vocabulary()[1]
    tokens = [t for t in _BAR_SPLIT.split(line) if t]
    return len(tokens) >= 2 and all(t in owner for t in tokens)


def shape_cues(line: str) -> dict[str, float]:
    """Shape of one stripped line: length, share of ideographs, prose punctuation, separators, figures."""
    n = visible_len(line) or 1
    cjk = cjk_count(line)
    punct = punct_count(line)
    last = line[-1:]
    f: dict[str, float] = {
        "shape.length": math.log1p(min(n, LENGTH_CAP)) / math.log1p(LENGTH_CAP),
        "shape.short": 1.0 if n <= 12 else 0.0,
        "shape.cjk_share": cjk / n,
        "shape.punct_rate": min(1.0, 8 * punct / max(cjk, 1)),  # one mark per 8 ideographs or more: prose
        "shape.no_punct": 1.0 if punct == 0 else 0.0,
        "shape.ends_sentence": 1.0 if last in TERMINAL else 0.0,
        "shape.ends_colon": 1.0 if last in "：:" else 0.0,
        "shape.digits": min(1.0, 3 * len(_DIGIT.findall(line)) / n),
        "shape.latin": min(1.0, 2 * len(_LATIN.findall(line)) / n),
        "shape.separators": min(len(_SEPARATORS.findall(line)), 4) / 4,
        "shape.gaps": min(len(_GAPS.findall(line)), 6) / 6 if cjk else 0.0,
        "shape.counter": 1.0 if is_heading(line) else 0.0,
    }
    if _DATE.search(line):
        f["shape.date"] = 1.0
    if ("." in line or ":" in line) and _DOMAIN.search(line):
        f["shape.domain"] = 1.0
    if "." in line and _FILE.search(line):
        f["shape.file"] = 1.0
    if _COUNTER.search(line):
        f["shape.count"] = 1.0
    if n <= 22 and _BRACKETED.match(line):
        f["shape.bracketed"] = 1.0
    if _SITE_NAME.search(line):
        f["shape.site_name"] = 1.0
    if _BULLET.match(line):
        f["shape.bullet"] = 1.0
    if not cjk:
        f["shape.no_cjk"] = 1.0
    elif not _CJK_START.match(line) and last not in TERMINAL:
        f["shape.fragment"] = 1.0 if n <= 30 else 0.0
    return f


def line_cues(line: str) -> dict[str, float]:
    """Shape and vocabulary cues of one stripped line (position and neighbours come from the page)."""
    f = shape_cues(line)
    f.update(vocab_cues(line))
    return f


def position_cues(i: int, nonblank: list[int], body: list[bool], first: int | None, last: int | None) -> dict[str, float]:
    """Where line ``i`` stands: before or after the body, how far from it, at the page's edge.

    ``nonblank`` lists the indices of the non-empty lines in order; ``first``/``last`` are the first and
    last body lines (``None`` when the page has no body).
    """
    f: dict[str, float] = {}
    if body[i]:
        f["pos.body"] = 1.0
    if first is not None and last is not None:
        if i < first:
            f["pos.head"] = 1.0
        elif i > last:
            f["pos.tail"] = 1.0
    return f


def neighbour_cues(k: int, order: list[int], base: dict[int, float], body: list[bool], length: list[int]) -> dict[str, float]:
    """Cues from the lines around the ``k``-th non-empty line: a run of chrome-like lines is chrome, a
    short line between body paragraphs is a heading. ``base`` holds each line's first-stage score."""
    i = order[k]
    prev = order[k - 1] if k > 0 else None
    nxt = order[k + 1] if k + 1 < len(order) else None
    window = [base[order[j]] for j in range(max(0, k - 2), min(len(order), k + 3)) if j != k]
    around = [length[order[j]] for j in range(max(0, k - SHORT_WINDOW), min(len(order), k + SHORT_WINDOW + 1)) if j != k]
    f = {
        "nb.short_run": sum(1 for n in around if n <= SHORT_LEN) / len(around) if around else 0.0,
        "nb.prev": base[prev] if prev is not None else 0.5,
        "nb.next": base[nxt] if nxt is not None else 0.5,
        "nb.run": sum(window) / len(window) if window else 0.5,
    }
    if prev is not None and nxt is not None and body[prev] and body[nxt] and length[i] <= 40:
        f["nb.between_body"] = 1.0
    return f


__all__ = ["families", "line_cues", "neighbour_cues", "position_cues", "shape_cues", "vocab_cues"]
