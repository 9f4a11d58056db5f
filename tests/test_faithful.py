"""Faithfulness: good text is never made worse — script-aware conversion, Japanese and code left alone."""

from __future__ import annotations

import pytest
import tomllib
from support import FIXTURES

import speechclean
from speechclean import Cleaner

SENTENCES = tomllib.loads((FIXTURES / "tricky_sentences.toml").read_text(encoding="utf-8"))["sentence"]
TRADITIONAL_NEIGHBOUR = "這是另一段繁體中文，我們說的話都在這裡。"
FAITHFUL = FIXTURES / "faithful"


def _ids(s: dict) -> str:
    return s["hans"][:6]


@pytest.mark.parametrize("s", SENTENCES, ids=_ids)
def test_simplified_sentence_is_kept_alone(s: dict) -> None:
    page = speechclean.clean(s["hans"])
    assert page.text == s["hans"]
    assert page.script == "hans" and page.lang == "zh"
    assert not any(k.startswith("convert.") for k in page.changes)


@pytest.mark.parametrize("s", SENTENCES, ids=_ids)
def test_simplified_sentence_is_kept_beside_a_traditional_paragraph(s: dict) -> None:
    page = speechclean.clean(f"{TRADITIONAL_NEIGHBOUR}\n{s['hans']}")
    first, second = page.text.split("\n")
    assert second == s["hans"]
    assert first == "这是另一段繁体中文，我们说的话都在这里。"
    assert page.script == "mixed"


@pytest.mark.parametrize("s", SENTENCES, ids=_ids)
def test_only_the_stray_traditional_character_is_converted(s: dict) -> None:
    page = speechclean.clean("後來，" + s["hans"])
    assert page.text == "后来，" + s["hans"]
    assert page.changes["convert.stray"] == 2
    assert [(r.before, r.after) for r in page.repairs if r.rule == "convert.stray"] == [("後", "后"), ("來", "来")]


@pytest.mark.parametrize("s", SENTENCES, ids=_ids)
def test_traditional_sentence_is_converted(s: dict) -> None:
    page = speechclean.clean(s["hant"])
    assert page.text == s.get("hant_gives", s["hans"])
    assert page.script == "hant"


def test_mixed_page_converts_the_traditional_paragraph_and_keeps_the_simplified_one_byte_identical() -> None:
    simplified = "萧乾在乾清宫前回忆往事，获益甚夥，心中颇感慰藉, 他说:\"好的\"。"
    traditional = "我們在這裡討論乾隆年間的歷史，後來的學者著作頗多。"
    text = f"{simplified}\n{traditional}\n{simplified}"
    page = speechclean.clean(text, disable=["punctuation"])
    out = page.text.split("\n")
    assert out[0] == simplified and out[2] == simplified
    assert out[1] == "我们在这里讨论乾隆年间的历史，后来的学者著作颇多。"
    assert page.script == "mixed"
    assert page.changes["convert.t2s"] == 1
    assert "convert.stray" not in page.changes


def test_a_paragraph_without_evidence_follows_its_neighbours() -> None:
    hant = speechclean.clean("我們說過的話。\n乾杯\n這裡的人們。").text.split("\n")
    assert hant[1] == "干杯"
    hans = speechclean.clean("我们说过的话。\n乾坤\n這裡的人們。").text.split("\n")
    assert hans[1] == "乾坤"  # Simplified on one side: left alone


JAPANESE = "日本語の文章を書きます, 開催される関係者の会議について説明します. 「よろしく」"


def test_japanese_page_is_untouched_and_flagged() -> None:
    page = speechclean.clean(JAPANESE)
    assert page.text == JAPANESE
    assert page.lang == "ja"
    assert [f.kind for f in page.flags] == ["lang.ja"]
    assert page.changes == {}


def test_japanese_line_in_a_chinese_page_is_untouched_and_flagged() -> None:
    hant = "我們今天談談日本的會議，這次會議在東京舉行，來自各國的學者們都參加了，討論了很多問題。"
    hans = "这是简体的一段话,我们继续讨论会议的内容,以及会议之后各方的反应和后续的安排。"
    page = speechclean.clean(f"{hant}\n{JAPANESE}\n{hans}")
    out = page.text.split("\n")
    assert out == [speechclean.clean(hant).text, JAPANESE, hans.replace(",", "，")]
    assert page.lang == "zh"
    assert [(f.kind, f.line) for f in page.flags] == [("lang.ja", 1)]


@pytest.mark.parametrize(
    "text, lang",
    [
        ("한국어 문장입니다. 서울(首爾)에서 만나요, 친구!", "ko"),
        ('He said: "fine", then left (quickly); the 會議 was over.', "other"),
    ],
)
def test_non_chinese_pages_are_untouched(text: str, lang: str) -> None:
    page = speechclean.clean(text)
    assert page.text == text
    assert page.lang == lang
    assert f"lang.{lang}" in {f.kind for f in page.flags}


def test_lang_filter_in_pipe() -> None:
    pages = list(Cleaner(lang=["zh"]).pipe(["同志们：大家好！", JAPANESE, "今天的會議很重要。"]))
    assert [p.text for p in pages] == ["同志们：大家好！", "今天的会议很重要。"]
    assert [p.lang for p in Cleaner(lang=("ja", "ko")).pipe(["同志们：大家好！", JAPANESE])] == ["ja"]


def test_lang_filter_on_the_command_line(tmp_path, capsys) -> None:
    from speechclean.cli import main

    (tmp_path / "a.txt").write_text("同志们：大家好！", encoding="utf-8")
    (tmp_path / "b.txt").write_text(JAPANESE, encoding="utf-8")
    assert main(["--lang", "ja", str(tmp_path / "a.txt"), str(tmp_path / "b.txt")]) == 0
    assert capsys.readouterr().out.strip() == JAPANESE
    assert main(["--lang", "xx", str(tmp_path / "a.txt")]) == 2


def test_lang_option_is_checked() -> None:
    from speechclean.errors import OptionError

    with pytest.raises(OptionError, match="lang"):
        Cleaner(lang=("jp",))


def _block(text: str, first: str, last: str) -> str:
    start = text.index(first)
    return text[start : text.index(last, start) + len(last)]


@pytest.mark.parametrize(
    "name, first, last",
    [
        ("go_fenced.txt", "```go", "}\n```"),
        ("go_bare.txt", "package main", "// 打印结果\n}"),
        ("python_bare.txt", "def mean", "print(mean([1, 2, 3]))"),
    ],
)
def test_code_is_byte_identical(name: str, first: str, last: str) -> None:
    text = (FAITHFUL / name).read_text(encoding="utf-8")
    page = speechclean.clean(text)
    assert _block(page.text, first, last) == _block(text, first, last)
    assert page.removals == []
    # the prose around it is still normalised
    assert "，" in page.text.split("\n")[-1]


def test_code_in_a_traditional_page_is_not_converted() -> None:
    code = 'func main() {\n\tfmt.Println("會議, 開始")\n}'
    page = speechclean.clean(f"下面這段程式碼會輸出一句話：\n{code}\n這就是全部內容。")
    assert code in page.text
    assert page.text.startswith("下面这段程式码会输出一句话：")


def test_front_matter_is_byte_identical_unless_the_caller_drops_it() -> None:
    text = (FAITHFUL / "front_matter.txt").read_text(encoding="utf-8").rstrip("\n")
    matter = "\n".join(text.split("\n")[:5])
    assert speechclean.clean(text).text == text
    dropped = speechclean.clean(text, front_matter="drop")
    assert matter not in dropped.text and dropped.text.startswith("今天开始写博客")
    assert {r.rule for r in dropped.removals} == {"boilerplate.front-matter"}


@pytest.mark.parametrize(
    "variant, text, expected",
    [
        ("tw2sp", "這個軟體用滑鼠操作，網路上的資訊很多。", "这个软件用鼠标操作，网络上的信息很多。"),
        ("tw2s", "這個軟體用滑鼠操作。", "这个软体用滑鼠操作。"),
    ],
)
def test_tw2sp_converts_taiwan_phrases(variant: str, text: str, expected: str) -> None:
    assert speechclean.clean(text, convert=variant).text == expected


def test_script_and_lang_in_the_result() -> None:
    data = speechclean.clean("會議很重要。").to_dict()
    assert (data["script"], data["lang"]) == ("hant", "zh")
    assert speechclean.clean("").script is None


@pytest.mark.parametrize(
    "raw, expected",
    [
        ('文中用到的 fmt.Println("a", b) 是标准库里的函数,很常用。', '文中用到的 fmt.Println("a", b) 是标准库里的函数，很常用。'),
        ("用 `a, b = b, a` 交换,很方便。", "用 `a, b = b, a` 交换，很方便。"),
        ("县(市)级", "县（市）级"),
    ],
)
def test_inline_code_in_prose_keeps_its_punctuation(raw: str, expected: str) -> None:
    assert speechclean.clean(raw).text == expected


@pytest.mark.parametrize(
    "text",
    ["a." * 30_000 + "(", "a_" * 30_000 + "(", "f(" + '"' * 30_000, "`" + "x" * 100_000, "x(" * 40_000, "a.b(" + " " * 50_000],
)
def test_inline_code_pattern_on_hostile_text(text: str) -> None:
    from speechclean.steps.punctuation import normalize

    normalize("中文" + text + "中文")


@pytest.mark.parametrize(
    "verdicts, expected",
    [
        (["hant", None, None, "hant"], [True, True, True, True]),
        (["hant", None, "hans", None], [True, False, False, False]),
        ([None, "hant", None], [True, True, True]),  # page edges: only one side to ask
        ([None, "hans", None, "hant"], [False, False, False, True]),
    ],
)
def test_lines_without_evidence_follow_both_neighbours(verdicts: list, expected: list) -> None:
    from speechclean.conversion import _resolve

    assert _resolve(verdicts) == expected


def test_few_strays_on_a_long_simplified_page_are_converted_where_they_stand() -> None:
    body = "\n".join(f"这是第{i}段，乾清宫和萧乾的故事，我们继续讲下去。" for i in range(300))
    page = speechclean.clean(body.replace("第7段", "第7段後來", 1))
    assert page.text == speechclean.clean(body).text.replace("第7段", "第7段后来", 1)
    assert page.changes["convert.stray"] == 2 and page.script == "hans"


def test_code_in_html_pre_is_byte_identical() -> None:
    code = 'package main\n\nimport "fmt"\n\nfunc main() {\n\ts := " world"\n\tfmt.Println("hello," + s)\n}'
    prose = "学习一门新语言，最好的办法就是先写一个能运行的小程序，然后一点一点地修改它，观察结果的变化。"
    html = (f"<html><body><div class='article'><h1>Go 入门</h1><p>{prose}</p><p>代码如下：</p>"
            f"<pre><code>{code}\n</code></pre><p>{prose}</p><p>文中的 <code>fmt.Println(\"a\", b)</code> 是标准库函数。</p>"
            "</div></body></html>")
    page = speechclean.clean(html)
    assert code in page.text
    assert 'fmt.Println("a", b)' in page.text
