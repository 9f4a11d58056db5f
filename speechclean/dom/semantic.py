"""The page's one ``<article>`` against a weak density choice outside it.

The density choice (:mod:`~speechclean.dom.density`) weighs prose: on a page whose article is a
line or two without punctuation (a short blog post of contact details, a picture with a caption)
any two sentences elsewhere outweigh it — a pay dialog's 余额 notes, a cookie banner. The page's
markup says otherwise when it has exactly one ``<article>`` element: the author's declaration of
the main content. That article wins when the choice lies outside it and is short prose itself
(at most ``WEAK_MARKS`` prose marks: not an article of its own), and the article holds visible
text outside chrome (``MIN_CHARS`` characters). Pages repeating ``<article>`` (a list of teasers,
a thread of posts) say nothing by it.

>>> from speechclean.dom.parse import parse
>>> from speechclean.dom.density import main_content
>>> from speechclean.dom.scoring import score_tree
>>> root = parse('''<body><article><h1>模型代做</h1><div id="content">联系方式 QQ 1107436458 某鹅</div></article>
... <div class="pay"><p>1.余额是钱包充值的虚拟货币，按照1:1的比例进行支付金额的抵扣。</p>
... <p>2.余额无法直接购买下载，可以购买会员及课程。</p></div></body>''')
>>> scores = score_tree(root)
>>> the_article(root, scores, main_content(root, scores)).main.tag
'article'
"""

from __future__ import annotations

from dataclasses import replace

from lxml import etree

from .density import Choice
from .scores import Scores

WEAK_MARKS = 10  # a choice with more prose marks than this is an article of its own
MIN_CHARS = 10  # the <article> holds at least this many visible characters


def the_article(root: etree._Element, scores: Scores, choice: Choice) -> Choice:
    """``choice``, or the page's only ``<article>`` when the choice is weak prose outside it."""
    articles = root.iter("article")
    article = next(articles, None)
    if article is None or next(articles, None) is not None:
        return choice
    main = choice.main
    if main is article or article in scores.chrome or scores.chars.get(article, 0) < MIN_CHARS:
        return choice
    if any(a is article for a in main.iterancestors()) or any(a is main for a in article.iterancestors()):
        return choice  # inside it, or around it
    if scores.marks.get(main, 0) > WEAK_MARKS:
        return choice
    return replace(choice, main=article, slots=frozenset())
