"""More mechanisms of issue 10 on forum, Q&A and list pages, one hand-written fixture each
(``fixtures/html/mechanisms``): the audit-trail test of ``test_extract_mechanisms`` covers them too."""

from __future__ import annotations

from support import FIXTURES

import speechclean

MECH = FIXTURES / "html" / "mechanisms"


def clean(name: str) -> speechclean.Page:
    return speechclean.clean((MECH / name).read_bytes())


def rules_of(page: speechclean.Page, fragment: str) -> set[str]:
    return {r.rule for r in page.removals if fragment in r.text}


# ---------------------------------------------------------------- an article's own <footer>


def test_the_footer_of_a_post_is_part_of_the_post_not_the_page_footer() -> None:
    page = clean("post_footer.html")
    # the best-answer quote in the first post's <footer class="Post-footer"> stays, as the page shows it twice
    assert page.text.count("可以试试定时任务加上官方的导出命令") == 2
    assert "最佳回复" in page.text
    # the line every post's footer repeats is per-post chrome, and the site's own footer still goes
    assert "回复了此帖" not in page.text and rules_of(page, "回复了此帖") == {"posts.chrome"}
    assert "京ICP备" not in page.text and rules_of(page, "京ICP备") == {"extract.layout"}


# ---------------------------------------------------------------- link lists judged on what stays


def test_a_short_reply_is_not_a_link_list_once_its_author_card_and_bar_are_gone() -> None:
    page = clean("short_replies.html")
    # counted before post chrome went, the reply was mostly link text (the author's name, 回复 1)
    assert "花钱就可以解决问题嘛？" in page.text and not rules_of(page, "花钱就可以解决问题嘛")
    assert "马亮南生同学" not in page.text and rules_of(page, "马亮南生同学") == {"density.post-chrome"}
    assert page.text.count("回复 1") == 0
