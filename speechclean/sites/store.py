"""The site-profile file: JSON (gzip-compressed when the file name ends in ``.gz``).

Format version 1::

    {
      "format": "speechclean-site-profile",
      "version": 1,
      "hash": "blake2b-64/nfkc-nospace-lower",   # how lines became keys (speechclean.sites.lines)
      "settings": {"share": 0.4, "min_count": 3, "max_lines": 1024, "max_sites": 1000, "max_entries": 250000,
                   "level": "host"},
      "sites": {
        "example.com": {
          "pages": 74,
          "floor": 0,                                   # counts are exact or low by at most this much
          "lines": [["9f2c41e07a1b3d55", 74, "网站首页 | 新闻中心"], ["03b1…", 1, null], ...]
        }
      }
    }

Each line is ``[hash as 16 hex digits, pages, text or null]``; lines are sorted by count, most
frequent first, so the file reads as each site's chrome. Texts are samples for people; only
the hash decides. A file of another format or a newer version raises
:class:`~speechclean.errors.ProfileError`.

>>> import tempfile, os
>>> from speechclean.sites import SiteProfile
>>> p = SiteProfile()
>>> for _ in range(3): _ = p.observe("x.org", "首页\\n正文")
>>> path = os.path.join(tempfile.mkdtemp(), "p.json.gz")
>>> p.save(path); SiteProfile.load(path) == p
True
"""

from __future__ import annotations

import gzip
import json
import os
from typing import IO, Any

from ..errors import ProfileError
from .counts import SiteCounts
from .profile import SiteProfile

FORMAT = "speechclean-site-profile"
VERSION = 1
HASH = "blake2b-64/nfkc-nospace-lower"


def to_json(profile: SiteProfile) -> dict[str, Any]:
    """The profile as the JSON value of the file."""
    sites = {}
    for key, counts in profile.sites.items():
        ranked = sorted(counts.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        sites[key] = {
            "pages": counts.pages,
            "floor": counts.floor,
            "lines": [[f"{h:016x}", n, counts.texts.get(h)] for h, n in ranked],
        }
    return {"format": FORMAT, "version": VERSION, "hash": HASH, "settings": profile.settings(), "sites": sites}


def from_json(data: Any) -> SiteProfile:
    """A profile from the JSON value of a file."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ProfileError("not a speechclean site profile")
    version = data.get("version")
    if not isinstance(version, int) or version > VERSION:
        raise ProfileError(f"site profile version {version!r}: this speechclean reads version {VERSION}")
    if data.get("hash") != HASH:
        raise ProfileError(f"site profile lines were hashed as {data.get('hash')!r}, not {HASH!r}")
    try:
        profile = SiteProfile(**data.get("settings", {}))
        for key, site in data["sites"].items():
            counts = SiteCounts()
            counts.pages = int(site["pages"])
            counts.floor = int(site.get("floor", 0))
            for h, n, text in site["lines"]:
                value = int(h, 16)
                counts.counts[value] = int(n)
                if text is not None:
                    counts.texts[value] = str(text)
            profile.sites[str(key)] = counts
        profile._entries = profile.size()
    except (KeyError, TypeError, ValueError) as e:
        raise ProfileError(f"damaged site profile: {type(e).__name__}: {e}") from e
    return profile


def _open(path: str | os.PathLike[str], mode: str) -> IO[str]:
    if os.fspath(path).endswith(".gz"):
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return open(path, mode, encoding="utf-8")


def save(profile: SiteProfile, path: str | os.PathLike[str]) -> None:
    """Write ``profile`` to ``path``."""
    with _open(path, "w") as f:
        json.dump(to_json(profile), f, ensure_ascii=False, separators=(",", ":"))


def load(path: str | os.PathLike[str]) -> SiteProfile:
    """Read the profile saved at ``path``."""
    try:
        with _open(path, "r") as f:
            data = json.load(f)
    except (OSError, EOFError) as e:
        raise ProfileError(f"cannot read site profile {os.fspath(path)}: {e}") from e
    except ValueError as e:
        raise ProfileError(f"{os.fspath(path)}: not JSON: {e}") from e
    return from_json(data)


__all__ = ["FORMAT", "VERSION", "ProfileError", "from_json", "load", "save", "to_json"]
