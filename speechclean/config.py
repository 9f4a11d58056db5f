"""Options: one name each, the same in Python, in a TOML config file and on the command line.

>>> from speechclean.config import Options
>>> opts = Options(convert="tw2s", disable=("punctuation",))
>>> opts.convert, opts.disable
('tw2s', ('punctuation',))
>>> Options.from_mapping({"convert": "off"}).convert
'off'

A config file holds the same names at its top level (or under ``[speechclean]``)::

    convert = "hk2s"
    disable = ["punctuation"]
    rules = ["site-rules.toml"]

On the command line the same option is ``--convert hk2s``, ``--disable punctuation``,
``--rules site-rules.toml``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .errors import OptionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from .rules import Rule

#: The built-in steps, in pipeline order. Each name is also a module in ``speechclean.steps``.
STEP_NAMES: tuple[str, ...] = ("decode", "extract", "convert", "punctuation", "boilerplate", "structure")
KINDS = ("auto", "html", "text")
CONVERSIONS = ("t2s", "tw2s", "hk2s", "off")

RuleSource = Union[str, os.PathLike, "Rule"]


@dataclass(frozen=True)
class Options:
    """Every option of a :class:`~speechclean.Cleaner`.

    kind
        ``"auto"`` (recognise HTML), ``"html"`` or ``"text"``.
    convert
        Traditional → Simplified conversion: ``"t2s"``, ``"tw2s"``, ``"hk2s"`` or ``"off"``.
    pinyin
        Strip pinyin annotations stuffed after characters (``當(dāng)`` → ``當``).
    disable
        Step names to skip, e.g. ``("punctuation",)``.
    rules
        Extra boilerplate rule files (TOML) or :class:`~speechclean.rules.Rule` objects,
        applied on top of the built-in rules.
    density
        Use the density signal in the boilerplate step (catches chrome that no rule names).
    split_documents
        Split pages holding several articles (篇一, 篇二…) into documents.
    encoding
        Force this codec for bytes input instead of detecting it.
    site_profile
        A :class:`~speechclean.sites.SiteProfile` (or the path of a saved one): the boilerplate
        step drops the lines repeated across the page's site (rule ``site.repeated``).
    """

    kind: str = "auto"
    convert: str = "t2s"
    pinyin: bool = True
    disable: tuple[str, ...] = ()
    rules: tuple[RuleSource, ...] = ()
    density: bool = True
    split_documents: bool = True
    encoding: str | None = None
    site_profile: Any = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise OptionError.choice("kind", self.kind, KINDS)
        if self.convert not in CONVERSIONS:
            raise OptionError.choice("convert", self.convert, CONVERSIONS)
        disable = _as_tuple(self.disable)
        for name in disable:
            if name not in STEP_NAMES:
                raise OptionError.choice("disable", name, STEP_NAMES)
        object.__setattr__(self, "disable", disable)
        object.__setattr__(self, "rules", _as_tuple(self.rules))
        for name in ("pinyin", "density", "split_documents"):
            if not isinstance(getattr(self, name), bool):
                raise OptionError(f"{name}: expected true or false, got {getattr(self, name)!r}")
        if self.encoding is not None:
            import codecs

            try:
                codecs.lookup(self.encoding)
            except LookupError:
                raise OptionError(f"encoding: {self.encoding!r} is not a codec Python knows") from None
        if self.site_profile is not None:
            from .sites.profile import as_profile

            object.__setattr__(self, "site_profile", as_profile(self.site_profile))

    @classmethod
    def names(cls) -> tuple[str, ...]:
        """The option names, in declaration order."""
        return tuple(f.name for f in fields(cls))

    def replace(self, **changes: Any) -> Options:
        """A copy with some options changed; unknown names raise :class:`OptionError`."""
        _check_names(changes)
        return replace(self, **changes)

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], base: Options | None = None) -> Options:
        """Options from a mapping (a parsed config file); a ``speechclean`` table is also accepted."""
        if "speechclean" in data and isinstance(data["speechclean"], Mapping):
            data = data["speechclean"]
        values = dict(data)
        for key in ("disable", "rules"):
            if key in values:
                values[key] = _as_tuple(values[key])
        return (base or cls()).replace(**values)

    @classmethod
    def from_toml(cls, path: str | os.PathLike[str], base: Options | None = None) -> Options:
        """Options from a TOML config file; relative rule paths are read relative to the file."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as e:
            raise OptionError(f"{path}: not valid TOML: {e}") from None
        if "rules" in data or ("speechclean" in data and "rules" in data["speechclean"]):
            table = data.get("speechclean", data)
            table["rules"] = [str(path.parent / r) if isinstance(r, str) else r for r in _as_tuple(table["rules"])]
        table = data.get("speechclean", data)
        if isinstance(table.get("site_profile"), str):  # a saved site profile, relative to the file
            table["site_profile"] = str(path.parent / table["site_profile"])
        return cls.from_mapping(data, base)


def _check_names(values: Mapping[str, Any]) -> None:
    valid = Options.names()
    for key in values:
        if key not in valid:
            raise OptionError.choice("option", key, valid)


def _as_tuple(value: Any) -> tuple[Any, ...]:
    if value is None:
        return ()
    if isinstance(value, (str, os.PathLike)) or not isinstance(value, Iterable):
        return (value,)
    return tuple(value)


__all__ = ["CONVERSIONS", "KINDS", "STEP_NAMES", "Options"]
