"""HTML helpers of the ``extract`` step, one idea per module.

* :mod:`.parse` — bytes-free parsing of a decoded page into an lxml tree;
* :mod:`.prune` — drop what is never content: code, hidden elements, navigation, chrome named by class/id;
* :mod:`.density` — Chinese-aware text, punctuation and link density; choose the main content;
* :mod:`.render` — text with paragraph breaks from block elements and ``<br>``;
* :mod:`.title` — the page title from ``<h1>``/``<title>``/``og:title`` without the site name.
"""
