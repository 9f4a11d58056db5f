"""Lines that remember how far they were read: whether a result read from them stands if more lines follow.

The metadata reader reads the first few hundred text nodes after a headline; when it never looked at
the last of those lines (which the cut may have left half read) nor past them, more lines would not
have changed what it found, and the rest of the page is not read.

>>> lines = TrackedLines(["标题", "2019-09-07", "正文", "尾"])
>>> lines[1], lines.settled()
('2019-09-07', True)
>>> _ = list(lines); lines.settled()
False
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


class TrackedLines(list[str]):
    """A list of lines that records the furthest index read (iteration and search read them all)."""

    furthest = -1

    def __getitem__(self, i: Any) -> Any:
        if i.__class__ is int and i >= 0:  # the common case first: it runs for every line the reader looks at
            if i > self.furthest:  # not max(): a call costs here  # noqa: PLR1730
                self.furthest = i
        elif isinstance(i, slice):
            stop = len(self) if i.stop is None or i.stop < 0 or (i.step or 1) < 0 else i.stop
            self._reach(stop - 1)
        else:
            self._reach(len(self) - 1)
        return list.__getitem__(self, i)

    def _reach(self, i: int) -> None:
        self.furthest = max(self.furthest, i)

    def __iter__(self) -> Iterator[str]:
        self._reach(len(self) - 1)
        return super().__iter__()

    def __reversed__(self) -> Iterator[str]:
        self._reach(len(self) - 1)
        return super().__reversed__()

    def __contains__(self, item: object) -> bool:
        self._reach(len(self) - 1)
        return super().__contains__(item)

    def index(self, *args: Any) -> int:
        self._reach(len(self) - 1)
        return super().index(*args)

    def count(self, value: Any) -> int:
        self._reach(len(self) - 1)
        return super().count(value)

    def settled(self) -> bool:
        """True when nothing read reached the last line (a line the cut may have left unfinished)."""
        return self.furthest < len(self) - 1


__all__ = ["TrackedLines"]
