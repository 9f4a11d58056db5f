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
from typing import TYPE_CHECKING, Any, Literal, TypedDict, Union, get_args

from .errors import OptionError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

if TYPE_CHECKING:
    from .rules import Rule
    from .sites.profile import SiteProfile

#: The built-in steps, in pipeline order. Each name is also a module in ``speechclean.steps``.
StepName = Literal["decode", "extract", "convert", "punctuation", "boilerplate", "structure"]
STEP_NAMES: tuple[str, ...] = get_args(StepName)
#: The values of the options, as types (mypy rejects ``Cleaner(convert="nope")``).
Kind = Literal["auto", "html", "text"]
#: OpenCC configurations: ``t2s`` (OpenCC standard Traditional), ``tw2s`` (Taiwan characters),
#: ``tw2sp`` (Taiwan characters and phrases: 軟體 → 软件, 滑鼠 → 鼠标), ``hk2s`` (Hong Kong), ``off``.
Conversion = Literal["t2s", "tw2s", "tw2sp", "hk2s", "off"]
Lang = Literal["zh", "ja", "ko", "other"]
FrontMatter = Literal["keep", "drop"]
Extractor = Literal["speechclean", "trafilatura"]
KINDS: tuple[str, ...] = get_args(Kind)
CONVERSIONS: tuple[str, ...] = get_args(Conversion)
LANGS: tuple[str, ...] = get_args(Lang)
FRONT_MATTER: tuple[str, ...] = get_args(FrontMatter)
EXTRACTORS: tuple[str, ...] = get_args(Extractor)

RuleSource = Union[str, os.PathLike, "Rule"]


@dataclass(frozen=True)
class Options:
    """Every option of a :class:`~speechclean.Cleaner`.

    kind
        ``"auto"`` (recognise HTML), ``"html"`` or ``"text"``.
    convert
        Traditional → Simplified conversion: ``"t2s"``, ``"tw2s"``, ``"tw2sp"``, ``"hk2s"`` or ``"off"``.
        Only Traditional paragraphs are converted whole; in Simplified ones only stray
        Traditional-only characters are (see :mod:`speechclean.steps.convert`).
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
    lang
        Keep only pages in these languages (``"zh"``, ``"ja"``, ``"ko"``, ``"other"``):
        :meth:`~speechclean.Cleaner.pipe` and the command line skip the others. Empty keeps all.
    front_matter
        ``"keep"`` a front-matter block (``---`` … ``---``) as content, or ``"drop"`` it as chrome.
    extractor
        ``"speechclean"`` (the default) or ``"trafilatura"`` (the ``trafilatura`` extra): which
        extractor finds the main text of HTML; every other step runs as usual.
    reference_date
        An ISO date (``"2020-03-02"``) that resolves relative dates shown on pages (``昨天``,
        ``3小时前``) into ``page.published``; without it they are left unresolved.
    site_profile
        A :class:`~speechclean.sites.SiteProfile` (or the path of a saved one): the boilerplate
        step drops the lines repeated across the page's site (rule ``site.repeated``).
    """

    kind: Kind = "auto"
    convert: Conversion = "t2s"
    pinyin: bool = True
    disable: tuple[str, ...] = ()
    rules: tuple[RuleSource, ...] = ()
    density: bool = True
    split_documents: bool = True
    encoding: str | None = None
    lang: tuple[Lang, ...] = ()
    front_matter: FrontMatter = "keep"
    extractor: Extractor = "speechclean"
    reference_date: str | None = None
    site_profile: Any = None

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise OptionError.choice("kind", self.kind, KINDS)
        if self.convert not in CONVERSIONS:
            raise OptionError.choice("convert", self.convert, CONVERSIONS)
        if self.extractor not in EXTRACTORS:
            raise OptionError.choice("extractor", self.extractor, EXTRACTORS)
        if self.reference_date is not None:
            import datetime

            try:
                datetime.datetime.fromisoformat(str(self.reference_date))
            except ValueError:
                raise OptionError(f"reference_date: {self.reference_date!r} is not an ISO date") from None
        disable = _as_tuple(self.disable)
        for name in disable:
            if name not in STEP_NAMES:
                raise OptionError.choice("disable", name, STEP_NAMES)
        object.__setattr__(self, "disable", disable)
        object.__setattr__(self, "rules", _as_tuple(self.rules))
        lang = _as_tuple(self.lang)
        for name in lang:
            if name not in LANGS:
                raise OptionError.choice("lang", name, LANGS)
        object.__setattr__(self, "lang", lang)
        if self.front_matter not in FRONT_MATTER:
            raise OptionError.choice("front_matter", self.front_matter, FRONT_MATTER)
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

    def keeps_lang(self, lang: str | None) -> bool:
        """True when the ``lang`` filter keeps a page in ``lang`` (always, without a filter).

        >>> Options(lang=("zh",)).keeps_lang("ja"), Options().keeps_lang("ja")
        (False, True)
        """
        return not self.lang or lang in self.lang

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
        for key in ("disable", "rules", "lang"):
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


class CleanOptions(TypedDict, total=False):
    """The options :func:`speechclean.clean` takes as keyword arguments (``kind`` is its own parameter)."""

    convert: Conversion
    pinyin: bool
    disable: Iterable[str]
    rules: Iterable[RuleSource]
    density: bool
    split_documents: bool
    encoding: str | None
    lang: Iterable[Lang]
    front_matter: FrontMatter
    extractor: Extractor
    reference_date: str | None
    site_profile: SiteProfile | str | os.PathLike[str] | None


class OptionValues(CleanOptions, total=False):
    """The options as keyword arguments (``Cleaner(**values)``, ``configure(**values)``), typed.

    Keep in step with :class:`Options` (a test checks that the names are the same).
    """

    kind: Kind


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


__all__ = ["CONVERSIONS", "EXTRACTORS", "FRONT_MATTER", "KINDS", "LANGS", "STEP_NAMES", "CleanOptions", "Conversion",
           "Extractor", "FrontMatter", "Kind", "Lang", "OptionValues", "Options", "StepName"]
