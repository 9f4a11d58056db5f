"""Put the evidence together: which date, author, source and site a page gives for its article.

Evidence, most trusted first, and the name recorded for each value in ``Metadata.evidence``:

1. ``byline`` — the visible metadata lines under the title (``2019-09-07 13:43:45 来源：新京报``),
   the lead's brackets (``新京报讯（记者 张三）``), ``name/outlet`` bylines; then ``credit`` —
   labelled credit lines at the end of the article (``责任编辑：杨倩_NF4425``);
2. ``time`` — a ``<time>`` element;
3. ``jsonld:*`` and ``meta:*`` — JSON-LD and ``<meta>`` tags;
4. ``url`` — a date in the URL path.

A date is read from a line only when the line is a byline (short, or labelled ``发布时间：``),
never from prose, a related headline list (after ``相关阅读`` and similar) or a comment.
Names come only from labelled values, the byline block's own unlabelled name (a self-media
account: ``加拿大必读`` over ``发布时间：…``) or ``<meta name=author>`` when it is a name.

>>> m = read_lines(["首页 > 新闻", "会议召开", "2019年09月07日 04:04 来源：北京日报",
...                 "今天，我们召开会议，研究部署下一阶段的工作，会议强调要落实责任，确保各项任务按期完成。",
...                 "责任编辑：张申"], title="会议召开")
>>> m.published, m.source, m.author, m.author_role
('2019-09-07T04:04', '北京日报', '张申', '责任编辑')
>>> m.evidence["published"], m.evidence["author"]
('byline', 'credit')
"""

from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field

from ..text import cjk_count, punct_count
from .bylines import Credit, bracket_name, credits, name_slash_outlet
from .dates import ParsedDate, find_date, has_relative, parse_iso
from .htmlmeta import MarkupFacts
from .words import words

#: A line with this many ideographs and two Chinese punctuation marks is article prose.
BODY_MIN_CJK = 25
#: The byline block under the title is at most this many lines.
HEAD_MAX_LINES = 14
#: A byline line holds at most this many ideographs besides its date.
BYLINE_MAX_CJK = 18
#: The article's body ends after this many lines without prose.
BODY_GAP = 25
#: Credit lines are read this many lines past the last prose line.
TAIL_LINES = 8
#: Labelled editor and source credits are read this many lines past the last prose line.
TAIL_LABELLED_LINES = 16
#: The lead's brackets (新京报讯（记者 张三）) are looked for in this many lines from the body's start.
LEAD_LINES = 4
#: Date labels that name the publication date itself (read anywhere on the page as a last visible resort).
PUBLISH_LABELS = ("发布时间", "发布日期", "发稿时间", "发表时间", "发表日期", "發布時間", "發佈時間", "發布日期", "發佈日期")
#: Lines this long or shorter are read as credits inside and after the body.
CREDIT_MAX_LEN = 40

# A date in a URL path: /2019-09-07/, /20190907/, /2019/0907/, /201909/07/.
_URL_DATE = re.compile(r"(?<!\d)(?P<y>(?:19|20)\d\d)[-/_]?(?P<m>1[0-2]|0[1-9])[-/_]?(?P<d>3[01]|[12]\d|0[1-9])(?!\d)")
_BADGES = re.compile(r"^(?:原创|独家|首发|置顶|热|荐)\s*")
_NAME_LIKE = re.compile(r"^[\u4e00-\u9fffA-Za-z][\u4e00-\u9fffA-Za-z0-9·\-_ ]{1,13}$")
_GLUED_CREDIT = re.compile(r"[。！？”][（(](?P<inner>[^（）()]{2,30})[）)]\s*$")
_SEPARATOR_LINE = re.compile(r"^[·•|｜/\-—_:：\s]+$")
# 由 ddos8919发布于 | 张三 发表于: a name, then the verb that dates it (a bounded name: linear).
_POSTED_BY = re.compile(r"(?:^|\s|由)(?P<name>[^\s:：由]{2,20}?)\s?(?:发布于|发表于)[:：]?$")


@dataclass
class Metadata:
    """What a page says about its article. ``evidence`` names what gave each field."""

    published: str | None = None
    author: str | None = None
    author_role: str | None = None
    source: str | None = None
    site_name: str | None = None
    url: str | None = None
    evidence: dict[str, str] = field(default_factory=dict)


_NOT_ALNUM = re.compile(r"[\W_]+")


def _skeleton(s: str) -> str:
    """Letters, digits and ideographs only (NFKC first when the text holds full-width forms)."""
    if not s.isascii():
        s = unicodedata.normalize("NFKC", s)
    return _NOT_ALNUM.sub("", s)


_BRACKET_TAG = re.compile(r"\[[^\]]{1,6}\]$")  # 游民星空[整理]


def _is_body(line: str) -> bool:
    # the length first (most lines are short), then the cheaper count
    return len(line) >= BODY_MIN_CJK and punct_count(line) >= 2 and cjk_count(line) >= BODY_MIN_CJK


def _is_end_marker(line: str) -> bool:
    return len(line) <= 12 and line.startswith(words()["zones"]["end_markers"])


def title_line(lines: list[str], title: str | None, alternatives: tuple[str, ...] = ()) -> int:
    """The index of the headline among ``lines``, or -1.

    A line equal to the title (or to an ``<h1>`` given in ``alternatives``) wins; a line the title
    starts with comes next (a title that kept its site suffix); a line holding the title last. Among
    equal candidates, the first one followed by a byline date.
    """
    wants = [w for w in (_skeleton(t) for t in (title, *alternatives) if t) if len(w) >= 2]
    if not wants:
        return -1
    longest = max(len(w) for w in wants) * 2 + 40
    initials = {w[0] for w in wants}
    skeletons: list[str] = []  # made as the scan reaches them: most pages' headline is their first line

    def skeleton(i: int) -> str:
        line = lines[i]
        skeletons.append(_skeleton(line) if len(line) <= longest and not initials.isdisjoint(line) else "")
        return skeletons[i]

    first = -1
    scan: range | list[int] = range(len(lines))  # every line on the first pass, then those with a skeleton
    for test in (
        lambda sk, w: sk == w,
        lambda sk, w: len(sk) >= 6 and w.startswith(sk),
        lambda sk, w: len(w) >= 4 and w in sk and len(sk) <= 1.5 * len(w) + 12,
    ):
        for want in wants:
            for i in scan:
                sk = skeletons[i] if i < len(skeletons) else skeleton(i)
                if sk and test(sk, want):
                    if any(_byline_date(lines[j], None, None) for j in range(i + 1, min(i + 7, len(lines)))):
                        return i
                    if first < 0:
                        first = i
            if isinstance(scan, range):  # the first pass made every line's skeleton
                scan = [i for i, sk in enumerate(skeletons) if sk]
    return first


def _byline_date(line: str, year: int | None, reference: _dt.date | None,
                 read: Callable[[str], list[Credit]] = credits) -> ParsedDate | None:
    """A date on a byline line; None when the line is prose that mentions a date."""
    labelled = [c for c in read(line) if c.kind == "date"]
    d = find_date(line, year=year, reference=reference, short_forms=True)
    if d is None:
        return None
    rest = line[: d.start] + line[d.end:]
    if labelled or cjk_count(rest) <= BYLINE_MAX_CJK and punct_count(rest) <= 2:
        return d
    return None


def _unlabelled_name(text: str) -> str | None:
    """A byline's unlabelled name (an outlet or self-media account), or None."""
    text = _BADGES.sub("", text.strip(" ·•|｜"))
    text = _BRACKET_TAG.sub("", text).strip()  # 游民星空[整理]
    first = text.split(" ")[0] if text else ""
    w = words()
    if not first or not _NAME_LIKE.match(first) or cjk_count(first) + sum(c.isalpha() for c in first) < 2:
        return None
    if has_relative(first):
        return None
    ui = w["labels"]["other"] + w["labels"]["date"] + w["names"]["not_names"] + w["names"]["placeholders"]
    if first.startswith(ui) or first.endswith(("分享", "举报", "关注", "收藏", "评论") + w["names"]["not_account_endings"]):
        return None
    if first in w["names"]["not_accounts"] or any(word in first for word in w["names"]["not_account_words"]):
        return None
    return first


def _posted_by(before: str) -> str | None:
    """The name in ``由 ddos8919发布于`` / ``张三 发表于`` just before a date, or None."""
    m = _POSTED_BY.search(before)
    return _unlabelled_name(m["name"]) if m else None


class _Reader:
    def __init__(self, lines: list[str], title: str | None, markup: MarkupFacts | None,
                 reference: _dt.date | None, url: str | None, alternatives: tuple[str, ...] = (),
                 site: str | None = None, unlabelled: bool = True,
                 memo: dict[tuple[str, bool], list[Credit]] | None = None) -> None:
        self.lines = lines
        self.unlabelled = unlabelled
        self.site = site
        self._memo = {} if memo is None else memo
        self.byline_elsewhere: str | None = None
        self.title_skeletons = {_skeleton(t) for t in (title, *alternatives) if t}
        self.markup = markup or MarkupFacts()
        self.reference = reference
        self.url = url or (self.markup.url[1] if self.markup.url else None)
        self.t = title_line(lines, title, alternatives)
        start = self.t + 1 if self.t >= 0 else 0
        end = start
        while end < len(lines) and end - start < HEAD_MAX_LINES and not _is_body(lines[end]):
            if _is_end_marker(lines[end]):
                break
            end += 1
        self.head = range(start, end)
        last = end - 1
        i = end
        while i < len(lines) and i - last <= BODY_GAP and not _is_end_marker(lines[i]):
            if _is_body(lines[i]):
                last = i
            i += 1
        self.ended_by_marker = i < len(lines) and _is_end_marker(lines[i])
        stop = min(len(lines), last + 1 + TAIL_LINES)
        self.tail = range(end, stop)  # read for every credit
        for j in range(last + 1, stop):
            if _is_end_marker(lines[j]):
                self.tail = range(end, j)
                break
        # Labelled editor and source lines (责任编辑：…) also stand after an in-article box (延伸阅读).
        self.tail_labelled = range(end, min(len(lines), last + 1 + TAIL_LABELLED_LINES))
        self.body_start = end

    def _credits(self, line: str, lead: bool = False) -> list[Credit]:
        """:func:`credits`, once per line and page (the same lines are read for several fields)."""
        key = (line, lead)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = credits(line, lead=lead)
        return found

    # -- years for month-day forms ------------------------------------------------------
    def year_hint(self) -> int | None:
        for _, value in self.markup.dates + self.markup.year_hints + self.markup.times:
            d = parse_iso(value)
            if d:
                return d.year
        if self.url and (m := _URL_DATE.search(self.url)):
            return int(m["y"])
        if self.reference is not None:
            return self.reference.year
        return None

    # -- fields ---------------------------------------------------------------------------
    def read(self) -> Metadata:
        meta = Metadata(url=self.url)
        if self.url:
            meta.evidence["url"] = "caller" if self.markup.url is None or self.url != self.markup.url[1] else self.markup.url[0]
        year = self.year_hint()
        head_credits: list[tuple[int, Credit]] = [(i, c) for i in self.head for c in self._credits(self.lines[i])]
        date_line = date_end = -1
        for i in self.head:
            d = _byline_date(self.lines[i], year, self.reference, self._credits)
            if d:
                meta.published, meta.evidence["published"], date_line = d.iso, "byline", i
                date_end = i
                break
        if meta.published is None:
            split = self._split_date(year)
            if split:
                meta.published, meta.evidence["published"], date_line, date_end = split[0].iso, "byline", split[1], split[2]
        if date_line < 0:
            for i in self.head:
                if has_relative(self.lines[i]):
                    date_line = i
                    break
        tail_credits = [(i, c) for i in self.tail if len(self.lines[i]) <= CREDIT_MAX_LEN for c in self._credits(self.lines[i])]
        seen = {i for i, _ in tail_credits}
        # past the credit lines, labelled values only; a reporter only beside a labelled source on its
        # line (本文来源：投资快报 作者：孙宁), not alone (a related item's byline)
        for i in self.tail_labelled:
            if i in seen or len(self.lines[i]) > CREDIT_MAX_LEN:
                continue
            labelled = [c for c in self._credits(self.lines[i]) if c.raw[len(c.label):].lstrip()[:1] in ":："]
            kinds = ("editor", "source", "date", "reporter") if any(c.kind == "source" for c in labelled) else (
                "editor", "source", "date")
            tail_credits += [(i, c) for c in labelled if c.kind in kinds]
        for i in self.tail:  # a closing credit glued to the last paragraph: …任务。（文/图 刘玺东 易赛楠）
            line = self.lines[i]
            if len(line) > CREDIT_MAX_LEN and (m := _GLUED_CREDIT.search(line)):
                found = [c for c in self._credits(m["inner"]) if c.kind in ("reporter", "editor")]
                if not found and (name := bracket_name(f"（{m['inner']}）")):
                    found = [Credit("reporter", "作者", name, m.group())]  # a name alone closes the article: its author
                tail_credits += [(i, c) for c in found]
        head_credits += self._split_credits(self.head)
        tail_credits += self._split_credits(self.tail_labelled)
        if meta.published is None:
            meta.published, ev = self._other_date(tail_credits, year)
            if ev:
                meta.evidence["published"] = ev
            if self.byline_elsewhere is not None:  # its other values count as the byline's
                head_credits += [(-1, c) for c in self._credits(self.byline_elsewhere) if c.kind != "date"]
        # An unlabelled name is read only next to a located headline (else it may be the headline).
        account = self._account(date_line, date_end) if self.unlabelled and self.t >= 0 else None
        slash = next((r for i in self.head if (r := name_slash_outlet(self.lines[i]))), None)
        # author: reporter byline > lead > name/outlet > reporter credit > editor > account > <meta>
        lead = [c for i in range(self.body_start, min(self.body_start + LEAD_LINES, len(self.lines)))
                for c in self._credits(self.lines[i], lead=True)]
        tail_names = [(i, Credit("reporter", "（）", n, self.lines[i])) for i in self.tail
                      if (n := bracket_name(self.lines[i]))]
        options: list[tuple[str, str | None, str | None]] = []
        options += [("byline", c.value, c.label) for _, c in head_credits if c.kind == "reporter"]
        options += [("lead", c.value, c.label) for c in lead]
        if slash:
            options.append(("byline", slash[0], "作者"))
        options += [("credit", c.value, c.label) for _, c in tail_credits if c.kind == "reporter"]
        options += [("credit", c.value, "作者") for _, c in tail_names]
        options += [("byline", c.value, c.label) for _, c in head_credits if c.kind == "editor"]
        options += [("credit", c.value, c.label) for _, c in tail_credits if c.kind == "editor"]
        if account and account[1]:
            options.append(("byline", account[0], "account"))
        options += [(ev, v, "meta") for ev, v in self.markup.authors]
        sources = [("byline", c.value) for _, c in head_credits if c.kind == "source"]
        if slash:
            sources.append(("byline", slash[1]))
        sources += [("credit", c.value) for _, c in tail_credits if c.kind == "source"]  # labelled beats unlabelled
        if account:
            sources.append(("byline", account[0]))
        if not sources and (far := self._article_source()):  # 本文来源：新京报 past a related-news box
            sources.append(("credit", far[0].value))
            at = len(options) - len(self.markup.authors)  # its names come before <meta name=author>
            options[at:at] = [("credit", c.value, c.label) for c in far[1:] if c.kind in ("reporter", "editor")]
        if sources:
            meta.source, meta.evidence["source"] = sources[0][1], sources[0][0]
        site = self.markup.site_name[1] if self.markup.site_name else self.site
        for ev, value, role in options:
            # <meta name=author> often names the site or the outlet (网易, 新浪科技), not a person
            if ev.startswith(("meta", "jsonld")) and not self._plausible_meta_author(value, site, meta.source):
                continue
            if value:
                meta.author, meta.author_role, meta.evidence["author"] = value, role, ev
                break
        if self.markup.site_name:
            meta.site_name, meta.evidence["site_name"] = self.markup.site_name[1], self.markup.site_name[0]
        return meta

    def _article_source(self) -> list[Credit] | None:
        """The credits of the first short line that opens with an article-source label (``本文来源：``),
        the source first; None when no such line gives a source."""
        labels = words()["labels"]["article_source"]
        for line in self.lines:
            if len(line) <= CREDIT_MAX_LEN * 2 and line.startswith(labels):
                found = self._credits(line)
                if found and found[0].kind == "source":
                    return found
        return None

    def _split_credits(self, zone: range) -> list[tuple[int, Credit]]:
        """A label at a line's end with its value on the next line (``责任编辑:`` / ``刘响``)."""
        out: list[tuple[int, Credit]] = []
        for i in zone:
            line = self.lines[i].rstrip()
            if not line.endswith(("：", ":")) or len(line) > CREDIT_MAX_LEN or i + 1 >= len(self.lines):
                continue
            nxt = self.lines[i + 1]
            if self._credits(nxt) or not (name := _unlabelled_name(nxt)) or _skeleton(nxt) != _skeleton(name):
                continue
            joined = [c for c in self._credits(f"{line}{nxt}") if c.kind != "date"]
            if joined and joined[-1].value == name:
                out.append((i, joined[-1]))
        return out

    def _split_date(self, year: int | None) -> tuple[ParsedDate, int, int] | None:
        """A date the page splits over short lines (``2019`` / ``09/07`` / ``19:02``)."""
        head = list(self.head)
        for k, i in enumerate(head):
            group = []
            for j in head[k:k + 4]:
                if len(self.lines[j]) > 8:
                    break
                group.append(self.lines[j])
            if len(group) >= 2:
                joined = " ".join(group)
                d = find_date(joined, year=year, reference=self.reference)
                if d and d.start == 0:
                    offset, last = 0, i
                    for k2, g in enumerate(group):  # the last line the date reaches into
                        if offset < d.end:
                            last = i + k2
                        offset += len(g) + 1
                    return d, i, last
        return None

    def _other_date(self, tail_credits: list[tuple[int, Credit]], year: int | None) -> tuple[str | None, str | None]:
        for _, c in tail_credits:
            if c.kind == "date":
                d = find_date(c.value, year=year, reference=self.reference)
                if d:
                    return d.iso, "credit"
        for i in self.tail:  # a line that is only a full date and time, under the first paragraphs
            line = self.lines[i]
            if (len(line) <= 25 and (d := find_date(line, short_forms=False)) and "T" in d.iso
                    and cjk_count(line[: d.start] + line[d.end:]) == 0):
                return d.iso, "byline"
        for line in self.lines:  # a publication-date line anywhere on the page (发布时间：2019-05-18)
            if len(line) > 60 or not any(label in line for label in PUBLISH_LABELS):
                continue
            if cs := [c for c in self._credits(line) if c.kind == "date" and c.label in PUBLISH_LABELS]:
                d = find_date(cs[0].value, year=year, reference=self.reference)
                if d:
                    self.byline_elsewhere = line  # the page's byline, away from where the headline was found
                    return d.iso, "byline"
        for ev, value in self.markup.times:
            d = parse_iso(value)
            if d:
                return d.iso, ev
        for ev, value in self.markup.dates:
            d = parse_iso(value)
            if d:
                return d.iso, ev
        if self.url and (m := _URL_DATE.search(self.url.split("?")[0])):
            return f"{m['y']}-{m['m']}-{m['d']}", "url"
        return None, None

    def _account(self, date_line: int, date_end: int) -> tuple[str, bool] | None:
        """The unlabelled name in the byline block, and whether it names the author.

        A name over a follow button (``中国广州发布`` / ``关注``), before the date on its line
        (``中国网 2019-11-25``) or on the line above it (``加拿大必读`` over ``发布时间：…``) is the
        publishing account: author and source. A name after the date, on its line or below it
        (``2019-09-26 10:56:28`` / ``证券时报网``), is the outlet: source only.
        """
        for j in self.head:
            nxt = self.lines[j + 1] if j + 1 < len(self.lines) else ""
            if len(nxt) <= 4 and nxt.strip("+ ＋").startswith("关注") and (name := self._name_line(j)):
                return name, True
        if date_line < 0:
            return None
        line = self.lines[date_line]
        before = after = ""
        d = find_date(line, year=2000, reference=self.reference or _dt.date(2000, 1, 1))
        if d is not None:
            if any(c.kind != "date" for c in self._credits(line)):
                return None
            before, after = line[: d.start].strip(), line[d.end:].strip()
        if before and (name := _posted_by(before) or _unlabelled_name(before)):
            return name, True
        if name := self._name_line(date_line - 1):
            return name, True
        if after and (name := _unlabelled_name(after)):
            return name, False
        for j in (date_end + 1, date_end + 2):
            if name := self._name_line(j):
                return name, False
        return None

    def _name_line(self, j: int) -> str | None:
        if j == self.t or j not in self.head:
            return None
        text = self.lines[j]
        if _skeleton(text) in self.title_skeletons or _SEPARATOR_LINE.match(text):
            return None
        if self._credits(text) or find_date(text, year=2000) is not None:
            return None
        if j > 0 and self.lines[j - 1].rstrip().endswith(("：", ":")):
            return None  # the value of the label above (来源：/山西日报)
        return _unlabelled_name(text)

    @staticmethod
    def _plausible_meta_author(value: str | None, site: str | None, source: str | None = None) -> bool:
        if not value:
            return False
        value = value.strip()
        if not value or len(value) > 20 or "@" in value or "," in value or "." in value or value.isdigit():
            return False
        if site and (value in site or site in value):
            return False
        if source and _skeleton(value) == _skeleton(source):
            return False
        return cjk_count(value) >= 2 or value.isalpha()


def article_ends_within(lines: list[str]) -> bool:
    """True when the article and its credit lines end inside ``lines`` (the same zones the reader uses)."""
    reader = _Reader(lines, None, None, None, None)
    return reader.tail_labelled.stop < len(lines) or reader.ended_by_marker


def read_lines(
    lines: list[str],
    *,
    title: str | None = None,
    markup: MarkupFacts | None = None,
    reference: _dt.date | None = None,
    url: str | None = None,
    alternatives: tuple[str, ...] = (),
    site: str | None = None,
    unlabelled: bool = True,
    memo: dict[tuple[str, bool], list[Credit]] | None = None,
) -> Metadata:
    """Metadata from a page's visible lines (and its markup facts, for HTML).

    ``alternatives`` are other headline candidates (``<h1>`` texts); ``site`` a site name known
    from elsewhere (the ``<title>`` suffix), so that ``<meta name=author content=site>`` is not taken.
    ``unlabelled=False`` reads labelled values only (text input, where no markup marks the byline).
    ``memo`` keeps the credits read per line across calls on the same page (a second, longer read).
    """
    return _Reader(lines, title, markup, reference, url, alternatives, site, unlabelled, memo).read()


__all__ = ["Metadata", "article_ends_within", "read_lines", "title_line"]
