"""A configured pipeline: a site rule, a hook after a named step, Traditional kept.

    python examples/custom_hooks.py
"""

from speechclean import Cleaner, Page, Rule

site_rule = Rule(
    id="site.contact",
    description="This site's contact line: 联系电话：…",
    patterns=(r"^联系电话[:：]\s*[\d-]+",),
    hits=("联系电话：010-12345678",),
    misses=("请拨打联系电话咨询。",),
)


def strip_sign_off(page: Page) -> Page:
    """Drop a trailing （完） that this site puts after every article."""
    page.text = page.text.removesuffix("\n（完）")
    return page


cleaner = Cleaner(convert="off").add_rules(site_rule).add_hook(strip_sign_off, after="structure")
print(cleaner.steps)
page = cleaner.clean("联系电话：010-12345678\n同志們:今天的會議很重要,大家要認真落實。\n（完）")
print(page.text)
print(page.explain())
