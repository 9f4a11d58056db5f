"""The value that flows through the steps and is returned by :func:`speechclean.clean`.

A :class:`Page` carries the text being cleaned plus everything learnt about it:
the title, the documents, the encoding, and the audit trail. Steps edit the page
and record what they did; nothing is removed without a :class:`Removal`.

>>> import speechclean
>>> page = speechclean.clean("当前位置：首页 > 范文\\n同志们：\\n今天的会议很重要，大家要认真落实。")
>>> page.text
'同志们：\\n今天的会议很重要，大家要认真落实。'
>>> [(r.step, r.rule) for r in page.removals]
[('boilerplate', 'boilerplate.breadcrumb')]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True, slots=True)
class Removal:
    """One removed piece of text.

    ``step`` is the pipeline step that removed it; ``rule`` the rule id
    (``boilerplate.breadcrumb``) or signal id (``density.edge``) that caused it.
    ``line`` anchors it in the final text: for a whole line or block, the index
    of the line it stood before; for a span cut out of a kept line
    (``span=True``), the index of that line. ``element`` describes the HTML
    element a removal came from (``div.share-box#bdshare``), when it came from one.
    ``score`` is the chrome classifier's probability when a score decided the removal
    (``chrome.line``), and ``cues`` the cues that weighed most in it (``vocab.login``,
    ``shape.no_punct``…); for ``site.repeated`` it is the number of the site's pages the line was
    seen on.
    ``context``: for a span removal of several pieces cut from one line (pinyin
    annotations), the few characters each piece followed, so that a view can put
    the pieces back where they stood (see :mod:`speechclean.cuts`).
    """

    step: str
    rule: str
    text: str
    line: int | None = None
    span: bool = False
    element: str | None = None
    score: float | None = None
    cues: tuple[str, ...] = ()
    context: tuple[str, ...] | None = None


@dataclass(frozen=True, slots=True)
class Flag:
    """A problem noticed and left in place: unrecoverable mojibake, private-use characters, bad bytes."""

    step: str
    kind: str
    text: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Repair:
    """Text replaced by a repair that restores what was meant (mojibake, entities)."""

    step: str
    rule: str
    before: str
    after: str


@dataclass(frozen=True, slots=True)
class EncodingInfo:
    """How bytes were decoded.

    ``name`` is the Python codec used; ``source`` says what decided it
    (``bom``, ``http``, ``meta``, ``detected``, ``fallback``); ``declared`` is
    the label the document or server declared, kept even when it was overruled;
    ``detector`` names the detector that decided when ``source`` is
    ``detected``; ``errors`` counts byte sequences replaced by U+FFFD.
    """

    name: str
    source: str
    confidence: float
    declared: str | None = None
    detector: str | None = None
    errors: int = 0


@dataclass(frozen=True, slots=True)
class Document:
    """One article on a page: its title (or None) and its clean text."""

    title: str | None
    text: str


@dataclass(eq=False)
class Page:
    """What a step receives and returns, and what :func:`speechclean.clean` gives back.

    Public fields: ``text``, ``title``, ``documents``, ``encoding``,
    ``removals``, ``flags``, ``repairs``, ``changes`` (counts of in-place
    normalisations per rule id), ``kind`` (``"html"`` or ``"text"``),
    ``script`` (the input's script: ``"hans"``, ``"hant"`` or ``"mixed"``; None before the
    convert step or without Chinese), ``lang`` (``"zh"``, ``"ja"``, ``"ko"``, ``"other"``;
    None for text without letters),
    ``meta`` (caller-supplied and step-supplied facts: ``url``,
    ``content_type``, ...), and ``error`` (set instead of raising when a batch
    runs with ``on_error="record"``).
    """

    text: str = ""
    title: str | None = None
    documents: list[Document] = field(default_factory=list)
    encoding: EncodingInfo | None = None
    removals: list[Removal] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    repairs: list[Repair] = field(default_factory=list)
    changes: dict[str, int] = field(default_factory=dict)
    kind: str = "text"
    script: str | None = None
    lang: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    error: Exception | None = None
    raw: bytes | None = field(default=None, repr=False)
    step: str = field(default="", repr=False)
    # -- what the page says about itself (speechclean.meta); None when it does not say --------
    published: str | None = None  #: ISO 8601 at the precision shown, local time: ``2019-09-07T13:43``
    author: str | None = None  #: the person or account named for the article
    author_role: str | None = None  #: the role as shown: 记者, 作者, 责任编辑, account, meta
    source: str | None = None  #: the 来源 (originating outlet)
    site_name: str | None = None
    url: str | None = None
    meta_evidence: dict[str, str] = field(default_factory=dict)  #: field -> evidence that gave it
    # -- structure and duplicates -------------------------------------------------------------
    blocks: list[Any] = field(default_factory=list)  #: typed blocks (speechclean.blocks.Block)
    fingerprint: str | None = None  #: near-duplicate fingerprint of the clean text (hex)
    duplicate_of: str | None = None  #: id of the earlier page this one duplicates (batches)
    duplicate_kind: str | None = None  #: "exact" or "near"
    #: the extract step's lines with the kind of block each came from (``speechclean.blocks``)
    line_kinds: list[tuple[str, tuple[str, ...]]] = field(default_factory=list, repr=False)
    # -- what a step learned of ``text`` for the steps after it (:meth:`learn`, :meth:`knows`) --------
    _facts_of: str | None = field(default=None, init=False, repr=False)
    _facts: frozenset[str] = field(default=frozenset(), init=False, repr=False)

    # -- recording -----------------------------------------------------------------
    def remove(
        self,
        rule: str,
        text: str,
        line: int | None = None,
        *,
        span: bool = False,
        element: str | None = None,
        score: float | None = None,
        cues: tuple[str, ...] = (),
        context: tuple[str, ...] | None = None,
    ) -> None:
        """Record that the current step removed ``text`` because of ``rule`` (from HTML ``element``),
        with the classifier's ``score`` and the ``cues`` that fired when a score decided it."""
        if text:
            self.removals.append(Removal(self.step, rule, text, line, span, element, score, tuple(cues), context))

    def flag(self, kind: str, text: str, line: int | None = None) -> None:
        """Record a problem left in place."""
        self.flags.append(Flag(self.step, kind, text, line))

    def repair(self, rule: str, before: str, after: str) -> None:
        """Record a repair that replaced ``before`` with ``after``."""
        self.repairs.append(Repair(self.step, rule, before, after))

    def count(self, rule: str, n: int = 1) -> None:
        """Count ``n`` in-place normalisations made by ``rule``."""
        if n:
            self.changes[rule] = self.changes.get(rule, 0) + n

    def remap_lines(self, mapping: Sequence[int], new_count: int) -> None:
        """Move the line anchors of all removals and flags to new line numbers.

        ``mapping[i]`` is the new index of old line ``i``; an anchor equal to
        ``len(mapping)`` (after the last line) becomes ``new_count``.
        """
        n = len(mapping)
        if new_count == n and mapping == list(range(n)):  # nothing moves (a pass that changed no line)
            return
        # only the anchors that move are rewritten (pages cut into thousands of pinyin spans carry
        # thousands of removals: a Removal is rebuilt in ~1 us, the test costs far less)
        removals = self.removals
        for i, r in enumerate(removals):
            line = r.line
            if line is not None and (new := mapping[line] if line < n else new_count) != line:
                removals[i] = Removal(r.step, r.rule, r.text, new, r.span, r.element, r.score, r.cues, r.context)
        flags = self.flags
        for i, f in enumerate(flags):
            line = f.line
            if line is not None and (new := mapping[line] if line < n else new_count) != line:
                flags[i] = Flag(f.step, f.kind, f.text, new)

    # -- facts about the text, for the next steps ----------------------------------------
    def learn(self, fact: str) -> None:
        """Record ``fact`` (an id: ``"no-kana-or-hangul"``) of ``text`` as it is now, for a later step
        that would otherwise scan the text again to find it out; it holds while ``text`` is this very
        string (any new text forgets every fact)."""
        if self._facts_of is not self.text:
            self._facts_of, self._facts = self.text, frozenset()
        self._facts = self._facts | {fact}

    def knows(self, fact: str) -> bool:
        """True when a step learned ``fact`` of the current ``text`` (:meth:`learn`)."""
        return self._facts_of is self.text and fact in self._facts

    # -- reading -------------------------------------------------------------------
    @property
    def ok(self) -> bool:
        """True when the page was cleaned without error."""
        return self.error is None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-serialisable dict of the result (no raw bytes or HTML)."""
        return {
            "text": self.text,
            "title": self.title,
            "documents": [asdict(d) for d in self.documents],
            "encoding": asdict(self.encoding) if self.encoding else None,
            "kind": self.kind,
            "script": self.script,
            "lang": self.lang,
            "removals": [asdict(r) for r in self.removals],
            "flags": [asdict(f) for f in self.flags],
            "repairs": [asdict(r) for r in self.repairs],
            "changes": dict(self.changes),
            "meta": {k: v for k, v in self.meta.items() if _jsonable(v)},
            "error": f"{type(self.error).__name__}: {self.error}" if self.error else None,
            "published": self.published,
            "author": self.author,
            "author_role": self.author_role,
            "source": self.source,
            "site_name": self.site_name,
            "url": self.url,
            "meta_evidence": dict(self.meta_evidence),
            "blocks": [b.to_dict() if hasattr(b, "to_dict") else b for b in self.blocks],
            "fingerprint": self.fingerprint,
            "duplicate_of": self.duplicate_of,
            "duplicate_kind": self.duplicate_kind,
        }

    def to_markdown(self) -> str:
        """The clean text as Markdown: headings ``#``, lists ``-``, tables ``|``, code fenced."""
        from .blocks import to_markdown

        return to_markdown(self)

    def explain(self) -> str:
        """A plain-text list of everything removed, flagged and repaired, one per line."""
        out = []
        for r in self.removals:
            where = ("" if r.line is None else f" @{r.line}") + (f" <{r.element}>" if r.element else "")
            why = "" if r.score is None else f" ({r.score:.2f}{': ' + ' '.join(r.cues) if r.cues else ''})"
            out.append(f"[{r.step}] {r.rule}{where}{why}: {_short(r.text)}")
        for f in self.flags:
            out.append(f"[{f.step}] FLAG {f.kind}: {_short(f.text)}")
        for p in self.repairs:
            out.append(f"[{p.step}] REPAIR {p.rule}: {_short(p.before)} -> {_short(p.after)}")
        for rule, n in sorted(self.changes.items()):
            out.append(f"[changed] {rule}: {n}")
        return "\n".join(out)

    def _repr_html_(self) -> str:
        from .render import page_html

        return page_html(self)

    def __repr__(self) -> str:
        return (
            f"Page(title={self.title!r}, text={_short(self.text, 40)!r}, documents={len(self.documents)}, "
            f"removals={len(self.removals)}, flags={len(self.flags)}, error={self.error!r})"
        )


def _short(text: str, width: int = 60) -> str:
    text = text.replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _jsonable(v: Any) -> bool:
    return isinstance(v, (str, int, float, bool, type(None), list, dict))


__all__ = ["Document", "EncodingInfo", "Flag", "Page", "Removal", "Repair"]
