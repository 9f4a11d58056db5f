"""Decoding: every evidence path on own fixtures, mojibake repair, and the shared corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support import CORPUS, FIXTURES, SEEDS

import speechclean
from speechclean import BinaryInputError
from speechclean.steps.declarations import declarations
from speechclean.steps.decode import codecs_for, decode_bytes
from speechclean.steps.mojibake import repair_text

ENC = FIXTURES / "encoding"
ZH = "同志们：大家好！今天我们在这里召开会议，研究部署下一阶段的工作。四是以医保制度改革为抓手，推进卫生健康事业高质量发展。"
HANT = "各位同仁：大家好！今天我們在這裡召開會議，研究部署下一階段的工作。臺灣的網頁內容使用繁體中文書寫。"


def fixture(name: str) -> bytes:
    return (ENC / name).read_bytes()


# (file, codec, source, declared, detector, text that must appear)
CASES = [
    ("gbk_declares_gb2312.html", "gb18030", "meta", "gb2312", None, "朱镕基·总理——讲话"),
    ("gb18030_undeclared.txt", "gb18030", "detected", None, "cascade", "㐀㐁𠀀𠮷"),
    ("big5_cp950.html", "cp950", "meta", "big5", None, "①②③ 價格￥100元"),
    ("big5_undeclared.txt", "cp950", "detected", None, "cascade", HANT),
    ("big5hkscs_declares_big5.html", "big5hkscs", "meta", "big5", None, "香港嘅𨋢同埋𡃁仔"),
    ("utf8_declares_gb2312.html", "utf-8", "detected", "gb2312", "utf-8-strict", ZH),
    ("gb_in_utf8_wrapper.html", "gb18030", "meta", "gb2312", None, ZH),
    ("xml_declares_gbk.xml", "gb18030", "meta", "GBK", None, ZH),
    ("bom_utf8.txt", "utf-8-sig", "bom", None, None, ZH),
    ("bom_utf16.txt", "utf-16", "bom", None, None, ZH),
    ("hz.txt", "hz", "detected", None, "cascade", ZH),
    ("ascii.txt", "ascii", "detected", None, "cascade", "Hello, world."),
]


@pytest.mark.parametrize(("name", "codec", "source", "declared", "detector", "expected"), CASES)
def test_decode_paths(name: str, codec: str, source: str, declared: str | None, detector: str | None,
                      expected: str) -> None:
    text, info = decode_bytes(fixture(name))
    assert (info.name, info.source, info.declared, info.detector, info.errors) == (codec, source, declared, detector, 0)
    assert expected in text and "\ufffd" not in text


def test_cp950_not_big5_for_circled_digits_and_yen() -> None:
    raw = fixture("big5_cp950.html")
    assert raw.decode("big5", errors="replace") != raw.decode("cp950")
    assert "①②③" in decode_bytes(raw)[0]


def test_http_charset_wins_and_is_checked() -> None:
    raw = ZH.encode("gbk")
    assert decode_bytes(raw, "text/html; charset=GBK")[1].source == "http"
    # the wrapper's HTTP header says utf-8, the bytes and the page's own meta say gb2312
    text, info = decode_bytes(fixture("gb_in_utf8_wrapper.html"), "text/html; charset=utf-8")
    assert ZH in text and (info.name, info.source, info.declared) == ("gb18030", "meta", "gb2312")
    # a GB label over UTF-8 bytes is overruled, the label kept
    info = decode_bytes(ZH.encode("utf-8"), "text/plain; charset=gb2312")[1]
    assert (info.name, info.source, info.declared) == ("utf-8", "detected", "gb2312")


def test_script_charset_is_not_a_declaration() -> None:
    assert declarations(b'<script src="a.js" charset="utf-8"></script>') == []


def test_label_table() -> None:
    assert codecs_for("GB2312") == codecs_for("x-gbk") == codecs_for("EUC-CN") == ("gb18030",)
    assert codecs_for("big5") == ("cp950", "big5hkscs")
    assert codecs_for("no-such-charset") == ()


def test_undecodable_bytes_are_replaced_counted_and_flagged() -> None:
    raw = fixture("gbk_broken.txt")
    text, info = decode_bytes(raw)
    assert (info.name, info.source, info.errors) == ("gb18030", "fallback", 2)
    assert "研究部署" in text and text.count("\ufffd") == 2
    page = speechclean.clean(raw, kind="text")
    assert any(f.kind == "decode.replacement" for f in page.flags)


@pytest.mark.parametrize("name", ["binary.pdf", "binary.png", "binary.zip", "binary.gz", "binary.random"])
def test_binary_input_raises(name: str) -> None:
    with pytest.raises(BinaryInputError):
        speechclean.clean(fixture(name))


def test_forced_encoding() -> None:
    text, info = decode_bytes(ZH.encode("gbk"), forced="gbk")
    assert text == ZH and info.source == "forced"


@pytest.mark.parametrize("source", [fixture("crlf_gbk.txt"), "第一行\r\n第二行\r第三行\u2028第四行"])
def test_newlines_normalised_for_bytes_and_str(source: str | bytes) -> None:
    page = speechclean.clean(source, kind="text")
    assert "\r" not in page.text and "\u2028" not in page.text and "第二行" in page.text


MOJIBAKE = json.loads((ENC / "mojibake.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", MOJIBAKE, ids=[c["rule"] for c in MOJIBAKE])
def test_mojibake_repaired_and_recorded(case: dict[str, str]) -> None:
    repairs: list[tuple[str, str, str]] = []
    assert repair_text(case["bad"], lambda *r: repairs.append(r)) == case["good"]
    assert [r[0] for r in repairs] == [case["rule"]]
    assert repair_text(case["good"]) == case["good"]


def test_mojibake_repair_in_the_pipeline() -> None:
    page = speechclean.clean("标题\n鍥涙槸浠ュ尰淇濆埗搴︽敼闈╀负鎶撴墜。\n", kind="text")
    assert "四是以医保制度改革为抓手" in page.text
    assert any(r.rule == "decode.mojibake-utf8-as-gbk" for r in page.repairs)


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_mojibake_repair_leaves_good_text_alone(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert repair_text(text) == text


@given(st.text(alphabet=st.characters(codec="gb18030", exclude_categories=("Cs",)), max_size=200))
def test_mojibake_repair_is_idempotent(text: str) -> None:
    once = repair_text(text)
    assert repair_text(once) == once


@given(st.text(alphabet="的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成會議們當這個體，。：！“”（）",
               max_size=200))
def test_mojibake_repair_never_touches_chinese(text: str) -> None:
    assert repair_text(text) == text


# ---- the shared corpus ------------------------------------------------------------------------------------------

def _manifest() -> list[dict]:
    path = CORPUS / "manifest.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


MANIFEST = _manifest()
SAMPLES = [e for e in MANIFEST if e["set"] == "encoding"]
PAGES = [e for e in MANIFEST if e["set"] == "extraction"]
#: Python has no EUC-TW codec: nothing to compare with.
UNDECODABLE = {"euc-tw"}


@pytest.mark.parametrize("entry", SAMPLES, ids=[e["local_file"] for e in SAMPLES])
def test_corpus_encoding_samples(corpus: Path, entry: dict) -> None:
    if entry["declared_or_known_encoding"] in UNDECODABLE:
        pytest.skip("EUC-TW: Python has no codec")
    raw = (corpus / entry["local_file"]).read_bytes()
    text, info = decode_bytes(raw)
    if entry.get("gold_type") == "utf8_reference_text":
        assert text == (corpus / entry["gold_file"]).read_text(encoding="utf-8")
    elif entry["strict_decodes_as"]:
        assert "\ufffd" not in text and info.errors == 0
    expected = next(c for c in codecs_for(entry["declared_or_known_encoding"]) if _decodes(raw, c))
    assert text.lstrip("\ufeff") == raw.decode(expected).lstrip("\ufeff")


def _decodes(raw: bytes, codec: str) -> bool:
    try:
        raw.decode(codec)
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("entry", PAGES, ids=[e["local_file"] for e in PAGES])
def test_corpus_pages(corpus: Path, entry: dict) -> None:
    raw = (corpus / entry["local_file"]).read_bytes()
    text, info = decode_bytes(raw)
    known = entry["declared_or_known_encoding"]
    assert text == raw.decode(codecs_for(known)[0])
    declared = [codecs_for(label)[0] for label in entry["declared_charsets"] if codecs_for(label)]
    if known == "utf-8" and declared and declared[0] != "utf-8":  # UTF-8 pages that say gb2312: overruled
        assert (info.source, info.detector) == ("detected", "utf-8-strict")
        assert (info.declared or "").lower() == entry["declared_charsets"][0].lower()
    elif declared:
        assert info.source == "meta" and info.name == codecs_for(known)[0]
    else:
        assert info.source == "detected"


def test_corpus_wrapper_page_under_a_utf8_header(corpus: Path) -> None:
    raw = (corpus / "extraction/trafilatura_eval/html/archive.org.he.xinhuanet.com.25340717.html").read_bytes()
    text, info = decode_bytes(raw, "text/html; charset=utf-8")
    assert (info.name, info.source, info.declared) == ("gb18030", "meta", "gb2312")
    assert "\ufffd" not in text and "河北" in text


def test_implausible_detection_is_flagged() -> None:
    page = speechclean.clean(bytes.fromhex("8856 8862 8864 8866"), kind="text")  # HKSCS odds and ends
    assert page.encoding is not None and page.encoding.source == "detected"
    assert any(f.kind == "decode.implausible" for f in page.flags)


@pytest.mark.parametrize("entity", ["&#000;", "&#0;", "&#xD800;", "&#x110000;", "&#65533;"])
def test_an_entity_for_no_character_stays_as_written(entity: str) -> None:
    """Entities left in plain text become their character, but never U+FFFD, which stands for nothing."""
    page = speechclean.clean(f"示例代码{entity}中的实体&#20013;文。")
    assert entity[:-1] in page.text and "中文" in page.text and "\ufffd" not in page.text  # (its ; may turn full-width)
