"""Rebuild a page's text line by line while keeping the audit trail's anchors right.

Steps that drop or merge whole lines (boilerplate, structure) walk the old
lines and tell a :class:`LineEditor` what to do with each. Every drop is
recorded as a :class:`~speechclean.page.Removal` anchored in the new text, and
anchors recorded by earlier steps are moved to the new line numbers.

>>> from speechclean.page import Page
>>> page = Page(text="a\\nnoise\\nb", step="demo")
>>> ed = LineEditor(page)
>>> ed.keep(0); ed.drop(1, "demo.noise"); ed.keep(2)
>>> ed.finish()
>>> page.text, page.removals[0].line
('a\\nb', 1)
"""

from __future__ import annotations

from .page import Page


class LineEditor:
    """Collects the new lines of ``page.text``; call :meth:`finish` to apply."""

    __slots__ = ("_start", "mapping", "old", "out", "page")

    def __init__(self, page: Page) -> None:
        self.page = page
        self.old: list[str] = page.text.split("\n")
        self.out: list[str] = []
        self.mapping: list[int] = [0] * len(self.old)
        self._start = (len(page.removals), len(page.flags))

    def keep(self, i: int, text: str | None = None) -> None:
        """Keep old line ``i`` (optionally rewritten to ``text``) as a new line."""
        self.mapping[i] = len(self.out)
        self.out.append(self.old[i] if text is None else text)

    def drop(
        self, i: int, rule: str, text: str | None = None, *, score: float | None = None, cues: tuple[str, ...] = ()
    ) -> None:
        """Drop old line ``i`` because of ``rule`` (blank lines are dropped silently)."""
        self.mapping[i] = len(self.out)
        piece = self.old[i] if text is None else text
        if piece.strip():
            self.page.remove(rule, piece.strip(), len(self.out), score=score, cues=cues)

    def join(self, i: int, text: str | None = None, sep: str = "") -> None:
        """Append old line ``i`` (or ``text``) to the last new line."""
        if not self.out:
            self.keep(i, text)
            return
        self.mapping[i] = len(self.out) - 1
        self.out[-1] += sep + (self.old[i] if text is None else text)

    def finish(self) -> None:
        """Write the new text to the page and move the anchors recorded before this editor."""
        page = self.page
        removals, flags = self._start
        own_removals, own_flags = page.removals[removals:], page.flags[flags:]
        del page.removals[removals:], page.flags[flags:]
        page.remap_lines(self.mapping, len(self.out))
        page.removals.extend(own_removals)
        page.flags.extend(own_flags)
        page.text = "\n".join(self.out)
