"""The HTML-path speed rewrites give what the code they replaced gave (the old forms are written out here)."""

from __future__ import annotations

from hypothesis import given, settings
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
