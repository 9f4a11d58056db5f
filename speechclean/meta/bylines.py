"""Byline and metadata lines: ``来源：新京报  作者：张三``, ``（记者 裴剑飞）``, ``责任编辑：杨倩_NF4425``.

:func:`credits` reads one line into labelled values. A label followed by ``：``/``:`` (or ``/``
after 文, 执笔, 文/图) is read on any short line; a label glued to its value with no colon
(``作者魏星``, ``新京报记者 陆一夫``, ``路闻卓立编译``) only on a line that is nothing but credits.
Names are normalised: staff codes dropped (``杨倩_NF4425`` → ``杨倩``), outlet prefixes before a
role dropped (``澎湃新闻记者 段彦超 廖艳`` → ``段彦超 廖艳``).

>>> [(c.kind, c.value) for c in credits("2019-09-26 12:11来源：证券时报网作者：李在山")]
[('source', '证券时报网'), ('reporter', '李在山')]
>>> [(c.kind, c.label, c.value) for c in credits("（责任编辑：韩保林 PK155）")]
[('editor', '责任编辑', '韩保林')]
>>> [(c.kind, c.value) for c in credits("新京报快讯（记者 裴剑飞）", lead=True)]
[('reporter', '裴剑飞')]
>>> credits("记者了解到，这家公司已经停产。")
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .words import words

#: A credit line this long or shorter may carry labels glued to their values (作者魏星).
BARE_MAX_LEN = 32
#: A name (one of several) is at most this long…
NAME_MAX_LEN = 14
#: …and glued to its label with no colon (作者魏星), at most this long: 作者开源速度会比官网慢一点 is a sentence.
BARE_NAME_MAX_LEN = 8
#: A labelled line is read only up to this length (longer lines are prose).
LINE_MAX_LEN = 120

_SENTENCE = re.compile(r"[，。！？；]")
_SEPARATOR = re.compile(r"\s{2,}|[|｜／\u3000【】\[\]（）()<>《》]")
_CODE_AFTER_UNDERSCORE = re.compile(r"_[A-Za-z]{1,5}\d{2,}$")
_CODE_AFTER_SPACE = re.compile(r"(?<!\s)\s++[A-Za-z]{1,5}\d{2,}+$")
_DIGITS = re.compile(r"\d")
#: A value that starts as a number, a date or a time (2019-09-07, 10:23, 123 阅读), not as an
#: outlet's name that starts with a numeral (21世纪经济报道, 36氪).
_NUMBER_START = re.compile(r"(?<!\d)\d++(?:[-/.:：年月日号]|\s|$)")  # (?<!\d) and \d++: linear under search too
_SPACE = re.compile(r"\s+")
_SUFFIX_ROLE = re.compile(r"(?:^|[\s：:])(?P<name>[\u4e00-\u9fff]{2,6}?)编译(?:\s|$)")
_NAME_SLASH_OUTLET = re.compile(r"^(?P<name>[\u4e00-\u9fff]{2,4})\s?[/／]\s?(?P<outlet>[\u4e00-\u9fff]{2,12})$")
_PAREN = re.compile(r"[（(](?P<inner>[^（）()]{2,40})[）)]")


@dataclass(frozen=True, slots=True)
class Credit:
    """One labelled value on a line: ``kind`` (reporter, editor, source, date), the label as shown, the value."""

    kind: str
    label: str
    value: str
    raw: str


@cache
def _label_regex() -> tuple[re.Pattern[str], dict[str, str]]:
    labels = words()["labels"]
    kind_of: dict[str, str] = {}
    for kind in ("reporter", "editor", "source", "date", "other"):
        for word in labels[kind]:
            kind_of.setdefault(word, kind)
    alternation = "|".join(re.escape(w) for w in sorted(kind_of, key=len, reverse=True))
    return re.compile(f"(?:{alternation})"), kind_of


def _drop_ui_words(value: str) -> str:
    """``证券市场红周刊 举报`` → ``证券市场红周刊``: a page's buttons that follow a value on its line."""
    parts = value.split()
    ui = words()["labels"]["other"]
    while len(parts) > 1 and parts[-1].startswith(ui):
        parts.pop()
    return " ".join(parts)


def _clean_name(value: str) -> str | None:
    """The bare name(s) in a labelled value, or None when it names nobody."""
    w = words()["names"]
    value = _drop_ui_words(value.strip(" \t:：/／·•-—,，、"))
    if value.endswith(w["not_name_endings"]):
        return None
    value = _CODE_AFTER_UNDERSCORE.sub("", value)
    value = _CODE_AFTER_SPACE.sub("", value)
    parts = _SPACE.split(value)
    while len(parts) > 1 and parts[-1] in w["trailing"]:
        parts.pop()
    value = " ".join(p for p in parts if p)
    if (bio := _BIO.match(value)) is not None:  # 韩涵系政邦智库研究员 → 韩涵
        value = bio["name"]
    if not value or len(value) > 40 or _SENTENCE.search(value) or value.startswith(w["not_name_starts"]):
        return None
    if _TIME_AFTER.match(value):  # 编辑于 2023-03-01: a time, not a name (于文凯 is a name)
        return None
    if value.lower() in w["placeholders"] or value in w["not_names"]:
        return None
    if any(len(p) > NAME_MAX_LEN for p in _NAME_PARTS.split(value)):
        return None
    if _DIGITS.match(value) or _LETTER.search(value) is None:
        return None
    return value


def _clean_source(value: str) -> str | None:
    value = _drop_ui_words(value.strip(" \t:：/／·•-—,，、"))
    if (date := _DATE_AFTER.search(value)) is not None:  # 人民日报2024-05-13 08:49 → 人民日报
        value = value[: date.start()]
    value = _BRACKET_TAG.sub("", value.removeprefix("于")).strip()  # 本文来源于北京商报; 游民星空[整理]
    if not value or len(value) > 30 or _SENTENCE.search(value) or _NUMBER_START.match(value):
        return None
    if _LETTER.search(value) is None:  # digits and signs only
        return None
    if value.lower() in words()["names"]["placeholders"][:6]:
        return None
    return value


_NAME_PARTS = re.compile(r"[\s、,，&]")
_LETTER = re.compile(r"[\u4e00-\u9fffA-Za-z]")
_BRACKET_TAG = re.compile(r"\[[^\]]{1,6}\]$")  # 游民星空[整理]
# A name followed by 系 and what the person is: （作者韩涵系政邦智库研究员）.
_BIO = re.compile(r"(?P<name>[\u4e00-\u9fff]{2,4}?)系[\u4e00-\u9fff]{3}")
_TIME_AFTER = re.compile(r"于\s?\d")
# A date after a source's name on its line (a single space is no separator): 人民日报2024-05-13.
_DATE_AFTER = re.compile(r"(?<=\D)\s?(?:19|20)\d\d[-/.年]\d")
_COLON = re.compile(r"\s{0,2}[:：]")
_SLASH = re.compile(r"\s?[/／]")
_SKIP = re.compile(r"\s{0,2}[:：/／]?\s{0,3}")


def credits(line: str, *, lead: bool = False) -> list[Credit]:
    """The labelled values on ``line`` (a byline, a credit line, or with ``lead=True`` a lead's brackets)."""
    return _read_credits(line, lead=lead)


def _read_credits(line: str, *, lead: bool = False) -> list[Credit]:
    if lead:
        out: list[Credit] = []
        for m in _PAREN.finditer(line[:80]):
            out.extend(c for c in credits(m["inner"]) if c.kind == "reporter")
            if out:
                break
        return out
    line = line.strip()
    if not line or len(line) > LINE_MAX_LEN:
        return []
    label_re, kind_of = _label_regex()
    bare_ok = len(line) <= BARE_MAX_LEN and not _SENTENCE.search(line)
    found: list[tuple[int, int, str, bool]] = []  # start, end of label, label, followed by colon
    for m in label_re.finditer(line):
        label = m.group()
        end = m.end()
        rest = line[end:end + 3]
        colon = _COLON.match(rest) is not None
        slash = _SLASH.match(rest) is not None and label in ("文", "执笔", "图", "摄影")
        if label == "文" and not (colon or slash):
            continue
        if label in ("时间", "日期", "時間") and not colon:
            continue
        if not (colon or slash or bare_ok):
            continue
        if kind_of[label] == "other" and not colon and label not in ("阅读", "浏览", "点击", "评论", "关注"):
            continue
        skip = _SKIP.match(line, end)
        found.append((m.start(), skip.end() if skip else end, label, colon or slash))
    out = []
    for i, (start, vstart, label, colon) in enumerate(found):
        kind = kind_of[label]
        vend = found[i + 1][0] if i + 1 < len(found) else len(line)
        raw_value = line[vstart:vend]
        cut = _SEPARATOR.search(raw_value)
        value = raw_value[: cut.start()] if cut else raw_value
        if kind == "other":
            continue
        if kind == "date":
            out.append(Credit("date", label, value.strip(), line[start:vend].strip()))
            continue
        if not value.strip() and i + 1 < len(found) and vstart == found[i + 1][0]:
            continue  # 采写：南都见习记者 林子沛 — the first label's value is the next label's prefix
        if kind == "source":
            src = _clean_source(value)
            if src:
                out.append(Credit("source", label, src, line[start:vend].strip()))
            continue
        if not colon and vend < len(line) and not raw_value[len(value):].strip():
            pass
        if not colon and cut is not None and raw_value[cut.start():].strip() and not bare_ok:
            continue
        # A reporter label right after another reporter label's value with no space: that value was an
        # outlet prefix (观察者网专栏作者 王文 after 文/); keep only the inner one.
        name = _clean_name(value)
        if name and not colon and any(len(p) > BARE_NAME_MAX_LEN for p in _NAME_PARTS.split(name)):
            name = None
        if name:
            out.append(Credit(kind, label, name, line[start:vend].strip()))
    out = _drop_prefixes(out, line)
    if not any(c.kind == "reporter" for c in out) and bare_ok:
        suffix = _SUFFIX_ROLE.search(line)
        if suffix:
            out.append(Credit("reporter", "编译", suffix["name"], suffix.group().strip()))
    return out


def _drop_prefixes(found: list[Credit], line: str) -> list[Credit]:
    """Of two reporter credits where the first's value runs straight into the second's label, keep the second."""
    out: list[Credit] = []
    for c in found:
        if out and out[-1].kind == c.kind == "reporter" and (out[-1].value + c.label) in line:
            out[-1] = c
            continue
        out.append(c)
    return out


def name_slash_outlet(line: str) -> tuple[str, str] | None:
    """``石佳/中国青年报`` → ``("石佳", "中国青年报")`` when the second part is an outlet's name."""
    m = _NAME_SLASH_OUTLET.match(line.strip())
    if m and m["outlet"].endswith(words()["names"]["outlet_suffixes"]):
        return m["name"], m["outlet"]
    return None


# Matched on the stripped line: leading and trailing ``\s*`` would be quadratic under ``search``.
_BRACKET_NAME = re.compile(r"[（(]\s*([\u4e00-\u9fff]{2,4}(?:[\s、][\u4e00-\u9fff]{2,4}){0,3})\s*[）)]")


def bracket_name(line: str) -> str | None:
    """A closing credit that is only a name in brackets: ``（张巨峰）``."""
    m = _BRACKET_NAME.fullmatch(line.strip())
    if not m or m[1] in words()["names"]["not_names"]:
        return None
    return m[1]


__all__ = ["Credit", "bracket_name", "credits", "name_slash_outlet"]
