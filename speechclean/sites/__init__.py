"""Site profiles: learn each site's chrome from its own pages.

A crawl cleans thousands of pages of one site, and every one repeats the same slogan, login
bar, footer and tag cloud, lines no rule names. Across the site's pages they are obvious: they
repeat, the articles do not. A :class:`SiteProfile` counts on how many of a site's pages each
normalised line appears (bounded memory, :mod:`.counts`); lines on at least ``share`` and at
least ``min_count`` of the pages are that site's chrome, and the boilerplate step drops them
with rule ``site.repeated`` (the removal's ``score`` is the page count) unless the guard
(:mod:`.guard`) says they are content: speech openings and closings, numbered headings, the
dense prose body.

Modules: :mod:`.keys` (which site a page is), :mod:`.lines` (normalise and hash a line),
:mod:`.counts` (bounded counting), :mod:`.profile` (the value), :mod:`.store` (the file),
:mod:`.guard` and :mod:`.apply` (using it), :mod:`.stream` (learning while streaming),
:mod:`.parallel` (map + reduce for Dask and Spark).

>>> from speechclean import Cleaner
>>> from speechclean.sites import SiteProfile
>>> topics = "春夏秋冬东南西北上下"
>>> pages = [(f"欢迎光临范文网 | 会员专区\\n同志们：\\n关于{t}季的报告，大家认真学习。", {"url": f"http://fanwen.example/{n}"})
...          for n, t in enumerate(topics)]
>>> profile = SiteProfile.learn(pages)
>>> profile
SiteProfile(sites=1, pages=10, lines=12, share=0.4, min_count=3)
>>> Cleaner(site_profile=profile).clean("欢迎光临范文网 | 会员专区\\n同志们：\\n新的讲话。", url="http://fanwen.example/x").text
'同志们：\\n新的讲话。'
"""

from __future__ import annotations

from .keys import domain_of, host_of, site_key
from .profile import SiteProfile
from .stream import SiteLearner

__all__ = ["SiteLearner", "SiteProfile", "domain_of", "host_of", "site_key"]
