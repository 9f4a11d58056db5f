"""Which Traditional → Simplified converter is installed, and a clear error when none works.

Two distributions install the same ``opencc`` module: the official **OpenCC** (C++, fast, fresh
dictionaries: the default dependency) and **opencc-python-reimplemented** (pure Python, for
platforms without OpenCC wheels). Installed together they overwrite each other's files, and
uninstalling one then leaves an ``opencc`` without ``OpenCC`` — :func:`load_opencc` says so
instead of failing deep inside the convert step.

>>> installed_converter() in ("OpenCC", "opencc-python-reimplemented")
True
"""

from __future__ import annotations

import logging
from importlib import metadata
from typing import Any

from .errors import ConverterError

log = logging.getLogger("speechclean")

#: The distributions that ship an ``opencc`` module, the preferred one first.
DISTRIBUTIONS = ("OpenCC", "opencc-python-reimplemented")

_FIX = ("reinstall exactly one converter: pip uninstall -y OpenCC opencc-python-reimplemented && "
        "pip install OpenCC  (or, where OpenCC has no wheel: pip install opencc-python-reimplemented)")


def installed_distributions() -> list[str]:
    """The converter distributions pip has installed, in :data:`DISTRIBUTIONS` order."""
    found = []
    for name in DISTRIBUTIONS:
        try:
            metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        found.append(name)
    return found


def installed_converter() -> str:
    """The distribution the importable ``opencc`` module comes from.

    Raises :class:`~speechclean.errors.ConverterError` when no working ``opencc`` module exists.
    """
    load_opencc()
    from importlib.util import find_spec

    # the official package is a compiled extension under opencc.clib; the reimplementation is pure Python
    return "OpenCC" if find_spec("opencc.clib") is not None else "opencc-python-reimplemented"


def load_opencc() -> Any:
    """The ``opencc`` module, checked to work; a :class:`ConverterError` says how to fix it otherwise."""
    dists = installed_distributions()
    try:
        import opencc
    except ImportError as e:
        if dists:
            raise ConverterError(f"the opencc module of {' and '.join(dists)} cannot be imported ({e}); "
                                 f"its files are damaged: {_FIX}") from e
        raise ConverterError(f"no converter installed (no opencc module): {_FIX}") from e
    if not hasattr(opencc, "OpenCC"):
        both = " and ".join(dists) or "no converter distribution"
        raise ConverterError(
            f"the opencc module at {getattr(opencc, '__file__', None) or getattr(opencc, '__path__', '?')} has no "
            f"OpenCC class: pip lists {both}. OpenCC and opencc-python-reimplemented both install 'opencc' and "
            f"overwrite each other; uninstalling one removes files of the other. {_FIX}")
    if len(dists) > 1:
        log.warning("both OpenCC and opencc-python-reimplemented are installed; they share the 'opencc' module "
                    "and whichever was installed last is used. %s", _FIX)
    return opencc


__all__ = ["DISTRIBUTIONS", "installed_converter", "installed_distributions", "load_opencc"]
