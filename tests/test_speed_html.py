"""The HTML-path speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechclean.steps import mojibake_gates as M

# latin-1 letters and symbols, cp1252 punctuation that Chinese text uses (“”—…), CJK, ASCII, U+FFFD
_MIXED = st.text(alphabet=st.sampled_from(list("中文鍥涙槸·×©é\u00a0\u0085ä¸æ“”—…€™abc <>\n\ufffd")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_latin_gate_is_the_span_scan(text: str) -> None:
    assert M.has_latin(text) == any(M.LATIN.search(m.group()) for m in M._LATIN_SPAN.finditer(text))


@settings(max_examples=400, deadline=None)
@given(_MIXED)
@example("\u00a0é中")
@example("“é")
def test_latin_gate_on_byte_classes_is_the_span_scan(text: str) -> None:
    """The path pinyin pages take (many latin-1 characters), forced on every text."""
    saved, M._LATIN_BY_CLASSES = M._LATIN_BY_CLASSES, 0
    try:
        assert M.has_latin(text) == any(M.LATIN.search(m.group()) for m in M._LATIN_SPAN.finditer(text))
    finally:
        M._LATIN_BY_CLASSES = saved


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40) | _MIXED.map(lambda t: t.encode("gb18030", "replace")) | _MIXED.map(str.encode))
def test_utf8_run_gate_is_the_regex(raw: bytes) -> None:
    assert M.has_utf8_run(raw) == (M._UTF8_RUN.search(raw) is not None)


_CSS = st.lists(st.sampled_from(list(".#{},;: \nabx-_") + ["display", "none", "visibility", "hidden", "DISPLAY", "dİſplay", "Display", "dıſplay", "中文", "İ", "K"]), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_CSS.map("".join))
@example(".a, .b {color:red} .c,.d{ display : none} .e{x:y;visibility:hidden;display:none}.f{display:none")
@example(".a{display:none}}.b{display:none}.c .d{display:none}")
def test_css_hidden_matches_are_the_full_scan(css: str) -> None:
    from speechclean.dom import hidden as H

    assert [m.group() for m in H._css_hidden_matches(css)] == [m.group() for m in H._CSS_HIDDEN.finditer(css)]
    assert [m.span() for m in H._hide_decls(css)] == [m.span() for m in H._HIDE_DECL.finditer(css)]


def test_css_hidden_classes_reads_every_hiding_rule() -> None:
    from speechclean.dom.hidden import css_hidden_classes
    from speechclean.dom.parse import parse

    css = ".a, .b {color:red} .c,.d{ display : none} .e{x:y;visibility:hidden;display:none}.f{color:red}"
    assert css_hidden_classes(parse(f"<html><head><style>{css}</style></head><body>x</body></html>")) == {"c", "d", "e"}


# ---------------------------------------------------------------- score_tree, as it was before the rewrite


def _old_score_tree(root, rules=None):  # type: ignore[no-untyped-def]
    from speechclean.dom import name_trust, scoring, teasers, weights
    from speechclean.dom.parse import names
    from speechclean.dom.render import INLINE
    from speechclean.dom.scores import Scores

    out = Scores()
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    slot_names = {}
    for el in elements:
        parent = el.getparent()
        cls = el.get("class")
        name = slot_names[el] = (el.tag, scoring._first_class(cls) if cls else "")
        out.slot[el] = hash((out.slot.get(parent, 0), name))
        out.local[el] = hash((slot_names.get(parent) if parent is not None else None, name))
        if rules and el.tag not in name_trust.NEVER_CHROME and (label := names(el)) and (rule := rules.match(label)):
            out.named.add(el)
            if rule in name_trust.WEAK_NAME_RULES:
                out.weak.add(el)
            elif rule in name_trust.THREAD_RULES:
                out.thread.add(el)
        if parent in out.chrome or el in out.named:
            out.chrome.add(el)
    inline = {}
    cut = []
    agg = {}
    for el in reversed(elements):
        c, pr, m = weights.text_stats(el.text)
        link = c if el.tag == "a" else 0
        score = net = lscore = lnet = 0.0
        tc, tm, tl = c, m, link
        nm = 0
        for child in el:
            if isinstance(child.tag, str):
                cs, cn, cnm, cc, cm, cl = agg[child]
                if cs < 0 and 2 * cl >= cc:
                    lscore += cs
                    lnet += cn
                else:
                    score += cs
                    net += cn
                nm += cnm
                tc += cc
                tm += cm
                tl += cl
                if child in inline:
                    ic, ipr, im, il = inline.pop(child)
                    c, pr, m, link = c + ic, pr + ipr, m + im, link + il
            cc, cpr, cm = weights.text_stats(child.tail)
            c, pr, m, tc, tm = c + cc, pr + cpr, m + cm, tc + cc, tm + cm
        if el.tag == "a":
            link, tl = c, tc
        if el.tag in INLINE:
            inline[el] = (c, pr, m, link)
            out.own[el] = 0.0
        else:
            out.block[el] = (c, m, link)
            own = weights.block_weight(c, pr, m, link)
            if m >= 2 and c < teasers.TEASER_LEN and teasers.cut_off(el):
                cut.append(el)
            out.own[el] = own
            score += own
            net += own
            nm += m
            if own > 0 and m >= 2 and lscore:
                lscore *= weights.LINK_BESIDE_FACTOR
                lnet *= weights.LINK_BESIDE_FACTOR
                out.beside.add(el)
        score += lscore
        net += lnet
        if el in out.chrome:
            net, nm = 0.0, 0
        agg[el] = (score, net, nm, tc, tm, tl)
        out.score[el], out.chars[el], out.marks[el], out.links[el] = score, tc, tm, tl
        out.net[el], out.net_marks[el] = net, nm
    cut_set = set(cut)
    for el in [el for el in cut if teasers.is_teaser(el, cut_set)]:
        teasers.discount(el, out)
    return out


def _same_scores(html: str) -> None:
    from dataclasses import fields

    from lxml import etree

    from speechclean.dom.parse import parse
    from speechclean.dom.scoring import score_tree
    from speechclean.steps.extract import element_rules

    for root, rules in ((parse(html), None), (parse(html), element_rules(())),
                        (etree.fromstring(html, etree.HTMLParser()), element_rules(()))):  # comments kept
        new, old = score_tree(root, rules), _old_score_tree(root, rules)
        for f in fields(new):
            a, b = getattr(new, f.name), getattr(old, f.name)
            assert (list(a.items()) if isinstance(a, dict) else a) == (list(b.items()) if isinstance(b, dict) else b), f.name


_HTML_PARTS = st.sampled_from(
    ["<div>", "</div>", "<p>", "</p>", "<a href=x>", "</a>", "<span class='share'>", "</span>", "<li class='c1 x'>",
     "<ul id='nav'>", "</ul>", "<br>", "<!-- c -->", "<b>", "</b>", "<td>", "<table><tr>", "</table>", "<h1>",
     "今天，我们召开会议。", "首页", "阅读全文…", "  \n ", "abc def", "会议强调，要落实责任，", "<div class='comment'>"]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PARTS, max_size=40))
def test_score_tree_is_the_old_one(parts: list[str]) -> None:
    _same_scores("<html><body>" + "".join(parts) + "</body></html>")


def test_score_tree_is_the_old_one_on_real_pages() -> None:
    from support import CORPUS

    pages = sorted((CORPUS / "extraction" / "gne_tests" / "tests").glob("*/*.html"))[:12]
    if not pages:
        import pytest

        pytest.skip("no corpus")
    from speechclean.steps.decode import decode_bytes

    for path in pages:
        _same_scores(decode_bytes(path.read_bytes())[0])


@settings(max_examples=200, deadline=None)
@given(st.lists(_HTML_PARTS, max_size=40))
def test_text_of_and_flat_are_the_itertext_forms(parts: list[str]) -> None:
    from lxml import etree

    from speechclean.dom.parse import text_of
    from speechclean.dom.render import flat

    root = etree.fromstring("<html><body>" + "".join(parts) + "</body></html>", etree.HTMLParser())  # comments kept
    for el in root.iter(etree.Element):
        assert text_of(el) == "".join(el.itertext())
        assert flat(el) == " ".join(" ".join(el.itertext()).split())


_PRUNE_PARTS = st.sampled_from(
    ["<div class='hide'>", "<div class=\"it's hidden\">", "<p class='jammer x'>", "<span class='JAMMER'>", "</span>",
     "<div style='display:none'>", "<nav>", "</nav>", "<details>", "</details>", "<div aria-hidden='true'>",
     "<input type='hidden'>", "<p class='a'>", "</p>", "</div>", "<header>", "</header>", "<article>", "</article>",
     "正文，写在这里。", "<style>.jammer{display:none} .x, .y{visibility:hidden}</style>", "<div class='y z'>",
     "<span hidden>", "<font style='font-size:0'>", "<!-- c -->", "<details open>", "<div style=''>", "<p class=''>",
     "<div aria-hidden='false'>", "<span type='text'>", "<DIV STYLE='DISPLAY:NONE'>", "<details class='x'>", "<b id='k'>"]
)


def _old_prune(root):  # type: ignore[no-untyped-def]
    """prune() with the hidden/layout candidates found as before: every element through is_hidden()."""
    from speechclean.dom import prune as PR
    from speechclean.dom.hidden import css_hidden_classes, is_hidden
    from speechclean.dom.name_rules import inside_article
    from speechclean.text import punct_count

    hidden_classes = css_hidden_classes(root)
    code = []
    gone = set()
    for el in [el for el in root.iter() if not isinstance(el.tag, str) or el.tag in PR.CODE]:
        if el.tag in PR.CODE_TEXT and not any(a in gone for a in el.iterancestors()) and (text := PR.flat(el)):
            code.append(PR.Dropped("extract.code", text, PR.describe(el)))
        gone.add(el)
        PR.drop_element(el)
    total = punct_count("".join(root.itertext()))
    candidates = {}
    for el in root.iter():
        if el.tag in ("html", "body"):
            continue
        if is_hidden(el, hidden_classes):
            rule = "extract.hidden"
        elif el.tag in PR.LAYOUT and not inside_article(el):
            rule = "extract.layout"
        else:
            continue
        text = PR.flat(el)
        candidates[el] = (rule, text, punct_count(text))
    doomed = PR._judge(root, candidates, total)
    dropped = code + [PR.Dropped(candidates[el][0], candidates[el][1], PR.describe(el)) for el in doomed if candidates[el][1]]
    for el in doomed:
        PR.drop_element(el)
    return dropped


@settings(max_examples=200, deadline=None)
@given(st.lists(_PRUNE_PARTS, max_size=30))
def test_prune_drops_what_it_dropped_before(parts: list[str]) -> None:
    from lxml import etree

    from speechclean.dom.prune import prune

    html = "<html><body>" + "".join(parts) + "</body></html>"
    a, b = (etree.fromstring(html, etree.HTMLParser()) for _ in range(2))  # comments kept
    assert prune(a) == _old_prune(b)
    assert etree.tostring(a) == etree.tostring(b)


_LINE_TEXT = st.text(alphabet=st.sampled_from(list("共第阅读正文编辑本段入口TOC|｜ .www:/网站家区m\t\u3000中a\r")), max_size=30)


@settings(max_examples=400, deadline=None)
@given(st.lists(_LINE_TEXT, max_size=8))
def test_span_rule_line_finder_keeps_every_line_the_test_passes(lines: list[str]) -> None:
    """may_match_lines (one scan of the joined text) names every line may_match passes, for every span rule."""
    from speechclean.chrome.spans import may_match, may_match_lines

    lines = [line.strip() for line in lines]  # the step's view is stripped
    text = "\n".join(lines)
    found = may_match_lines(lines, text)
    assert found is not None
    for rule_id, numbers in found.items():
        passing = [i for i, line in enumerate(lines) if line and may_match(rule_id, line)]
        assert set(passing) <= set(numbers), rule_id
        assert numbers == sorted(set(numbers))
    assert may_match_lines(["a\nb"], "a\nb") is None  # a line holding a newline


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("中a \t\n\r\x00\x08\x0b\x0c\x1f\x7f\x85\ud800\udfff\ufffe\uffff\ufffd\U0001f600")), max_size=30))
def test_not_xml_gate_is_the_regex(text: str) -> None:
    from speechclean.dom import parse as P

    assert P._has_not_xml(text) == (P._NOT_XML.search(text) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("</>bodyhtmlBODYHTMLſK \t\n")), max_size=30))
def test_end_tags_are_the_case_blind_regex(text: str) -> None:
    import re

    from speechclean.dom import parse as P

    assert P._END_TAGS.sub("", text) == re.sub(r"</(?:body|html)\s*>", "", text, flags=re.IGNORECASE)
