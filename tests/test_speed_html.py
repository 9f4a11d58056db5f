"""The HTML-path speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

from hypothesis import example, given, settings
from hypothesis import strategies as st

from speechclean.steps import mojibake as M

# latin-1 letters and symbols, cp1252 punctuation that Chinese text uses (“”—…), CJK, ASCII, U+FFFD
_MIXED = st.text(alphabet=st.sampled_from(list("中文鍥涙槸·×©é\u00a0\u0085ä¸æ“”—…€™abc <>\n\ufffd")), max_size=60)


@settings(max_examples=400, deadline=None)
@given(_MIXED)
def test_latin_gate_is_the_span_scan(text: str) -> None:
    assert M._has_latin(text) == any(M._LATIN.search(m.group()) for m in M._LATIN_SPAN.finditer(text))


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=40) | _MIXED.map(lambda t: t.encode("gb18030", "replace")) | _MIXED.map(str.encode))
def test_utf8_run_gate_is_the_regex(raw: bytes) -> None:
    assert M._has_utf8_run(raw) == (M._UTF8_RUN.search(raw) is not None)


_CSS = st.lists(st.sampled_from(list(".#{},;: \nabx-_") + ["display", "none", "visibility", "hidden", "DISPLAY", "dİſplay", "Display"]), max_size=40)


@settings(max_examples=500, deadline=None)
@given(_CSS.map("".join))
@example(".a, .b {color:red} .c,.d{ display : none} .e{x:y;visibility:hidden;display:none}.f{display:none")
@example(".a{display:none}}.b{display:none}.c .d{display:none}")
def test_css_hidden_matches_are_the_full_scan(css: str) -> None:
    from speechclean.dom import prune as PR

    assert [m.group() for m in PR._css_hidden_matches(css)] == [m.group() for m in PR._CSS_HIDDEN.finditer(css)]
    assert [m.span() for m in PR._hide_decls(css)] == [m.span() for m in PR._HIDE_DECL.finditer(css)]


def test_css_hidden_classes_reads_every_hiding_rule() -> None:
    from speechclean.dom.parse import parse
    from speechclean.dom.prune import css_hidden_classes

    css = ".a, .b {color:red} .c,.d{ display : none} .e{x:y;visibility:hidden;display:none}.f{color:red}"
    assert css_hidden_classes(parse(f"<html><head><style>{css}</style></head><body>x</body></html>")) == {"c", "d", "e"}
