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
from dataclasses import dataclass, field

from .bylines import Credit, bracket_name, credits, name_slash_outlet
from .date_choice import byline_date, other_date, split_date, year_hint
from .dates import has_relative
from .htmlmeta import MarkupFacts
from .names import byline_account, plausible_meta_author, unlabelled_name
from .words import words
from .zones import find_zones, line_skeleton, title_line

#: The lead's brackets (新京报讯（记者 张三）) are looked for in this many lines from the body's start.
LEAD_LINES = 4
#: Lines this long or shorter are read as credits inside and after the body.
CREDIT_MAX_LEN = 40

_GLUED_CREDIT = re.compile(r"[。！？”][（(](?P<inner>[^（）()]{2,30})[）)]\s*$")


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


class _Reader:
    def __init__(self, lines: list[str], title: str | None, markup: MarkupFacts | None,
                 reference: _dt.date | None, url: str | None, alternatives: tuple[str, ...] = (),
                 site: str | None = None, unlabelled: bool = True,
                 memo: dict[tuple[str, bool], list[Credit]] | None = None) -> None:
        self.lines = lines
        self.unlabelled = unlabelled
        self.site = site
        self._memo = {} if memo is None else memo
        self.title_skeletons = {line_skeleton(t) for t in (title, *alternatives) if t}
        self.markup = markup or MarkupFacts()
        self.reference = reference
        self.url = url or (self.markup.url[1] if self.markup.url else None)
        self.zones = find_zones(lines, title_line(lines, title, alternatives))

    def _credits(self, line: str, lead: bool = False) -> list[Credit]:
        """:func:`credits`, once per line and page (the same lines are read for several fields)."""
        key = (line, lead)
        found = self._memo.get(key)
        if found is None:
            found = self._memo[key] = credits(line, lead=lead)
        return found

    # -- fields ---------------------------------------------------------------------------
    def read(self) -> Metadata:
        meta = Metadata(url=self.url)
        if self.url:
            meta.evidence["url"] = "caller" if self.markup.url is None or self.url != self.markup.url[1] else self.markup.url[0]
        year = year_hint(self.markup, self.url, self.reference)
        zones = self.zones
        head_credits: list[tuple[int, Credit]] = [(i, c) for i in zones.head for c in self._credits(self.lines[i])]
        date_line = date_end = -1
        for i in zones.head:
            d = byline_date(self.lines[i], year, self.reference, self._credits)
            if d:
                meta.published, meta.evidence["published"], date_line = d.iso, "byline", i
                date_end = i
                break
        if meta.published is None:
            split = split_date(self.lines, zones.head, year, self.reference)
            if split:
                meta.published, meta.evidence["published"], date_line, date_end = split[0].iso, "byline", split[1], split[2]
        if date_line < 0:
            for i in zones.head:
                if has_relative(self.lines[i]):
                    date_line = i
                    break
        tail_credits = [(i, c) for i in zones.tail if len(self.lines[i]) <= CREDIT_MAX_LEN for c in self._credits(self.lines[i])]
        seen = {i for i, _ in tail_credits}
        # past the credit lines, labelled values only; a reporter only beside a labelled source on its
        # line (本文来源：投资快报 作者：孙宁), not alone (a related item's byline)
        for i in zones.tail_labelled:
            if i in seen or len(self.lines[i]) > CREDIT_MAX_LEN:
                continue
            labelled = [c for c in self._credits(self.lines[i]) if c.raw[len(c.label):].lstrip()[:1] in ":："]
            with_source = any(c.kind == "source" for c in labelled)
            tail_credits += [(i, c) for c in labelled if c.kind != "reporter" or with_source]
        for i in zones.tail:  # a closing credit glued to the last paragraph: …任务。（文/图 刘玺东 易赛楠）
            line = self.lines[i]
            if len(line) > CREDIT_MAX_LEN and (m := _GLUED_CREDIT.search(line)):
                found = [c for c in self._credits(m["inner"]) if c.kind in ("reporter", "editor")]
                if not found and (name := bracket_name(f"（{m['inner']}）")):
                    found = [Credit("reporter", "作者", name, m.group())]  # a name alone closes the article: its author
                tail_credits += [(i, c) for c in found]
        head_credits += self._split_credits(zones.head)
        tail_credits += self._split_credits(zones.tail_labelled)
        if meta.published is None:
            meta.published, ev, elsewhere = other_date(self.lines, zones.tail, tail_credits, year, self.reference,
                                                       self.markup, self.url, self._credits)
            if ev:
                meta.evidence["published"] = ev
            if elsewhere is not None:  # the byline found away from the headline: its other values count as the byline's
                head_credits += [(-1, c) for c in self._credits(elsewhere) if c.kind != "date"]
        # An unlabelled name is read only next to a located headline (else it may be the headline).
        account = (
            byline_account(self.lines, zones, self.title_skeletons, date_line, date_end, self.reference, self._credits)
            if self.unlabelled and zones.headline >= 0 else None
        )
        slash = next((r for i in zones.head if (r := name_slash_outlet(self.lines[i]))), None)
        # author: reporter byline > lead > name/outlet > reporter credit > editor > account > <meta>
        lead = [c for i in range(zones.body_start, min(zones.body_start + LEAD_LINES, len(self.lines)))
                for c in self._credits(self.lines[i], lead=True)]
        tail_names = [(i, Credit("reporter", "（）", n, self.lines[i])) for i in zones.tail
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
            if ev.startswith(("meta", "jsonld")) and not plausible_meta_author(value, site, meta.source):
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
            if self._credits(nxt) or not (name := unlabelled_name(nxt)) or line_skeleton(nxt) != line_skeleton(name):
                continue
            joined = [c for c in self._credits(f"{line}{nxt}") if c.kind != "date"]
            if joined and joined[-1].value == name:
                out.append((i, joined[-1]))
        return out


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


__all__ = ["Metadata", "read_lines"]
