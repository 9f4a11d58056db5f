"""The command line's site-profile flags: ``--learn-sites`` and ``--site-profile FILE``.

* ``--site-profile FILE`` alone loads a saved profile and applies it to every page.
* ``--learn-sites`` learns each site's repeated lines while the run streams (a warm-up of
  ``--site-warmup`` pages per site, buffered, see :mod:`speechclean.sites.stream`); with
  ``--site-profile FILE`` it starts from FILE when it exists and saves the learnt profile to it.

Sites are the host of a record's ``url`` or a WARC record's target URI, or the directory of a file.
"""

from __future__ import annotations

import argparse
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..errors import OptionError
from .profile import MIN_COUNT, SHARE, SiteProfile
from .stream import MAX_PENDING, WARMUP, SiteLearner

if TYPE_CHECKING:
    from ..batch import Item
    from ..cleaner import Cleaner
    from ..config import Options
    from ..page import Page


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Add the site-profile flags to the command line's parser."""
    group = parser.add_argument_group("site profiles (lines repeated across a site's pages)")
    group.add_argument("--learn-sites", action="store_true",
                       help="learn each site's repeated lines while cleaning and drop them (rule site.repeated)")
    group.add_argument("--site-profile", dest="site_profile_file", metavar="FILE",
                       help="a saved site profile to apply; with --learn-sites, start from it and save to it")
    group.add_argument("--site-warmup", type=int, default=WARMUP, metavar="N",
                       help=f"pages of a site counted before its profile applies (default {WARMUP})")
    group.add_argument("--site-share", type=float, default=SHARE, metavar="S",
                       help=f"share of a site's pages a line must be on (default {SHARE})")
    group.add_argument("--site-min-count", type=int, default=MIN_COUNT, metavar="N",
                       help=f"pages a line must be on (default {MIN_COUNT})")


def configure(args: argparse.Namespace, options: Options) -> Options:
    """The options with the profile of ``--site-profile`` loaded (when the file exists)."""
    path = getattr(args, "site_profile_file", None)
    if not path:
        return options
    if os.path.exists(path):
        return options.replace(site_profile=SiteProfile.load(path))
    if not args.learn_sites:
        raise OptionError(f"--site-profile {path}: no such file (with --learn-sites it is written)")
    return options


def results(args: argparse.Namespace, cleaner: Cleaner, inputs: Iterable[Item], workers: int,
            default: Any) -> tuple[Iterator[tuple[Item, Page, int]], SiteLearner | None]:
    """``(item, page, size)`` for every input: learning when ``--learn-sites`` asks, else ``default()``."""
    if not getattr(args, "learn_sites", False):
        return default(), None
    start = cleaner.options.site_profile
    if start is not None:
        learner = SiteLearner(start, warmup=args.site_warmup, max_pending=MAX_PENDING)
    else:
        learner = SiteLearner(warmup=args.site_warmup, share=args.site_share, min_count=args.site_min_count)
    return learner.iter_cleaned(cleaner, inputs, workers=workers), learner


def finish(args: argparse.Namespace, learner: SiteLearner | None) -> None:
    """Save the learnt profile to ``--site-profile FILE`` after a learning run."""
    path = getattr(args, "site_profile_file", None)
    if learner is not None and path:
        learner.profile.save(path)


__all__ = ["add_arguments", "configure", "finish", "results"]
