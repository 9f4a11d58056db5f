"""The Cleaner: named steps, hooks, replacing and disabling steps, options, errors, pickling."""

from __future__ import annotations

import pickle

import pytest
from support import seed

import speechclean
from speechclean import Cleaner, InputError, OptionError, Page, Rule, StepError

STEPS = ["decode", "extract", "convert", "punctuation", "boilerplate", "structure"]


def add_marker(page: Page) -> Page:
    page.text = page.text.replace("会议", "大会")
    return page


def test_steps_are_named_in_pipeline_order() -> None:
    assert Cleaner().steps == STEPS


def test_hooks_run_before_and_after_named_steps() -> None:
    seen: list[str] = []

    def before_convert(page: Page) -> Page:
        seen.append(page.text)
        return page

    cleaner = Cleaner().add_hook(before_convert, before="convert").add_hook(add_marker, after="punctuation")
    assert cleaner.steps == ["decode", "extract", "before_convert", "convert", "punctuation", "add_marker",
                             "boilerplate", "structure"]
    page = cleaner.clean("當(dāng)前的會議很重要。")
    assert seen == ["當(dāng)前的會議很重要。"]  # before convert: still Traditional, pinyin in place
    assert page.text == "当前的大会很重要。"


def test_replace_and_disable_steps() -> None:
    text = "同志們(dāng):會議很重要,大家要認真落實。"
    assert Cleaner(convert="off").clean(text).text == "同志們：會議很重要，大家要認真落實。"
    assert Cleaner(disable=["punctuation"]).clean(text).text == "同志们:会议很重要,大家要认真落实。"
    keep_traditional = Cleaner().replace_step("convert", lambda page: page)
    assert "會議" in keep_traditional.clean(text).text
    assert Cleaner().disable("convert").steps == ["decode", "extract", "punctuation", "boilerplate", "structure"]


def test_unknown_names_list_the_valid_choices() -> None:
    with pytest.raises(OptionError, match="'boilerplate'.*'convert'.*'structure'"):
        Cleaner(disable=["boilerplat"])
    with pytest.raises(OptionError, match="choose one of"):
        Cleaner().add_hook(add_marker, after="punctuatoin")
    with pytest.raises(OptionError, match="convert"):
        Cleaner(convert="zh-cn")
    with pytest.raises(OptionError, match="option: 'colour'.*'convert'"):
        Cleaner(colour="red")
    with pytest.raises(OptionError, match="replace_step"):
        Cleaner().replace_step("clean", add_marker)


def test_a_failing_step_is_named_in_the_error() -> None:
    def broken(page: Page) -> Page:
        raise KeyError("boom")

    with pytest.raises(StepError, match="step 'broken': KeyError") as info:
        Cleaner().add_hook(broken, after="convert").clean("正文")
    assert isinstance(info.value.__cause__, KeyError)
    with pytest.raises(StepError, match="step 'returns_text': returned str, expected a Page"):
        Cleaner().add_hook(lambda page: page.text, name="returns_text").clean("正文")


def test_source_types() -> None:
    assert speechclean.clean("同志们：").text == "同志们："
    assert speechclean.clean("同志们：".encode("gb18030")).text == "同志们："
    with pytest.raises(InputError, match="not int"):
        speechclean.clean(42)  # type: ignore[arg-type]
    with pytest.raises(InputError, match="cannot read"):
        speechclean.clean(__import__("pathlib").Path("/nonexistent/page.html"))


def test_path_input_reads_bytes(tmp_path) -> None:
    path = tmp_path / "page.txt"
    path.write_bytes(seed("000").encode("gb18030"))
    page = speechclean.clean(path)
    assert page.title == "副区长在区政府第二次全体会上讲话"
    assert page.meta["path"] == str(path)


def test_cleaner_pickles_with_hooks_and_gives_the_same_result() -> None:
    cleaner = Cleaner(convert="tw2s").add_hook(add_marker, after="punctuation")
    clone = pickle.loads(pickle.dumps(cleaner))
    assert clone.steps == cleaner.steps
    text = seed("001")
    assert clone.clean(text).text == cleaner.clean(text).text


def test_options_from_a_config_file(tmp_path) -> None:
    rules = tmp_path / "site.toml"
    rules.write_text(
        '[[rule]]\nid = "site.slogan"\ndescription = "Our slogan"\npatterns = ["^本站口号"]\n'
        'hits = ["本站口号：好好学习"]\nmisses = ["好好学习"]\n',
        encoding="utf-8",
    )
    config = tmp_path / "speechclean.toml"
    config.write_text('convert = "off"\ndisable = ["punctuation"]\nrules = ["site.toml"]\n', encoding="utf-8")
    cleaner = Cleaner.from_config(config)
    assert cleaner.options.convert == "off"
    assert "punctuation" not in cleaner.steps
    page = cleaner.clean("本站口号：好好学习\n會議很重要,大家要落實。")
    assert page.text == "會議很重要,大家要落實。"
    assert [(r.rule, r.text) for r in page.removals] == [("site.slogan", "本站口号：好好学习")]


def test_user_rule_objects_add_to_the_builtin_ones() -> None:
    rule = Rule(id="site.ad", description="Advert line", patterns=("^广告[:：]",), hits=("广告：买一送一",),
                misses=("广告法规定",))
    cleaner = Cleaner().add_rules(rule)
    page = cleaner.clean("广告：买一送一\n猜你喜欢\n同志们：今天的会议很重要，大家要认真落实。")
    assert {r.rule for r in page.removals} == {"site.ad", "boilerplate.recommend-list"}
    assert page.text == "同志们：今天的会议很重要，大家要认真落实。"


def test_call_time_options_on_clean() -> None:
    assert speechclean.clean("當前的工作。", convert="off").text == "當前的工作。"
    assert speechclean.clean("<p>同志们：</p><p>好！</p>", kind="text").text.startswith("<p>")
