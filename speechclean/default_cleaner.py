"""The default cleaners, built once per options and kept, and :func:`clean`, which uses them.

A process that calls :func:`clean` (or cleans partitions with the same options: :mod:`speechclean.dask`,
:func:`speechclean.batch.clean_frame`) builds each cleaner once.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from .cleaner import Cleaner
from .config import Kind, Options
from .page import Page
from .sources import Source

if TYPE_CHECKING:
    from typing_extensions import Unpack

    from .config import CleanOptions


_DEFAULT: dict[Options, Cleaner] = {}


def cleaner_for(options: Mapping[str, Any]) -> Cleaner:
    opts = Options().replace(**options) if options else Options()
    try:
        cleaner = _DEFAULT.get(opts)
    except TypeError:  # unhashable option values: build a one-off cleaner
        return Cleaner(opts)
    if cleaner is None:
        if len(_DEFAULT) > 32:
            _DEFAULT.clear()
        cleaner = _DEFAULT[opts] = Cleaner(opts)
    return cleaner


def clean(
    source: Source,
    *,
    kind: Kind | None = None,
    content_type: str | None = None,
    headers: Mapping[str, str] | None = None,
    url: str | None = None,
    **options: Unpack[CleanOptions],
) -> Page:
    """Clean one page with a default pipeline; extra keyword arguments are options.

    >>> import speechclean
    >>> speechclean.clean("下面是小编为大家整理的讲话稿,供大家参考。\\n同志们:大家好!").text
    '同志们：大家好！'
    >>> speechclean.clean("當(dāng)前的工作", convert="off").text
    '當前的工作'
    """
    return cleaner_for(options).clean(source, kind=kind, content_type=content_type, headers=headers, url=url)


__all__ = ["clean", "cleaner_for"]
