"""HTML helpers of the ``extract`` step, one idea per module.

* :mod:`.parse` — bytes-free parsing of a decoded page into an lxml tree;
* :mod:`.prune` — drop what is never content: code, hidden elements (:mod:`.hidden`), navigation, chrome
  named by class/id (:mod:`.name_rules`);
* :mod:`.density` — choose the main content by Chinese-aware text, punctuation and link density, from
  :mod:`.weights` (a block's own text), :mod:`.scoring` (the pass over the tree, into :mod:`.scores`),
  :mod:`.teasers` (cut-off blocks), :mod:`.name_trust` (chrome names weighed against prose) and
  :mod:`.nearby_prose` (replies, leads); :mod:`.trim` drops post chrome, link lists and stamps inside it;
* :mod:`.render` — text with paragraph breaks from block elements and ``<br>``;
* :mod:`.title` — the page title from ``<h1>``/``<title>``/``og:title`` without the site name.
"""
