"""Page metadata: dates, bylines, credits, markup evidence (speechclean.meta)."""

from __future__ import annotations

import datetime
import json
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import FIXTURES

import speechclean
from speechclean.batch import clean_records
from speechclean.meta.bylines import bracket_name, credits, name_slash_outlet
from speechclean.meta.collect import read_lines
from speechclean.meta.dates import find_date, parse_iso

META = FIXTURES / "meta"


def page(name: str, **options: object) -> speechclean.Page:
    return speechclean.clean((META / name).read_bytes(), **options)


# -- dates ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2019年09月07日 04:04 来源：北京日报", "2019-09-07T04:04"),
        ("2019-09-07 13:43:45 来源: 新京报", "2019-09-07T13:43:45"),
        ("发表于2014-08-24 21:30|", "2014-08-24T21:30"),
        ("2019年06月15日08:18 来源：人民网", "2019-06-15T08:18"),
        ("2019 09/07 19:02", "2019-09-07T19:02"),
        ("时间：2019-09-25", "2019-09-25"),
        ("2019年9月26日 15:10", "2019-09-26T15:10"),
        ("发布时间：18-03-0823:16", "2018-03-08T23:16"),
    ],
)
def test_date_forms(text: str, iso: str) -> None:
    found = find_date(text)
    assert found is not None and found.iso == iso


def test_month_day_needs_a_year() -> None:
    assert find_date("发布时间：10-0812:00") is None
    found = find_date("发布时间：10-0812:00", year=2019)
    assert found is not None and found.iso == "2019-10-08T12:00"


def test_relative_dates_need_a_reference() -> None:
    assert find_date("昨天 10:30") is None
    assert find_date("3小时前") is None
    ref = datetime.datetime(2020, 3, 2, 15, 0)
    assert find_date("昨天 10:30", reference=ref).iso == "2020-03-01T10:30"  # type: ignore[union-attr]
    assert find_date("3小时前", reference=ref).iso == "2020-03-02T12:00"  # type: ignore[union-attr]
    assert find_date("前天", reference=datetime.date(2020, 3, 2)).iso == "2020-02-29"  # type: ignore[union-attr]


def test_impossible_dates_are_not_dates() -> None:
    assert find_date("2019-02-30") is None
    assert find_date("2019-13-01") is None
    assert parse_iso("2019-09-07T13:43:45+08:00").iso == "2019-09-07T13:43:45"  # type: ignore[union-attr]


@settings(max_examples=30, deadline=None)
@given(st.text(alphabet="0123456789-/:年月日时分 ", min_size=0, max_size=3000))
def test_date_patterns_are_linear_on_hostile_input(text: str) -> None:
    start = time.perf_counter()
    find_date(text, year=2020, reference=datetime.date(2020, 1, 1))
    credits(text[:120])
    assert time.perf_counter() - start < 2.0  # generous: catches exponential backtracking only


def test_long_hostile_lines_finish() -> None:
    for hostile in ("2019-" * 20000, "1" * 50000 + "年", "记者" * 20000, "（" * 30000 + "记者 张三"):
        find_date(hostile, year=2020)
        credits(hostile)
        credits(hostile, lead=True)


# -- bylines ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("责任编辑：杨倩_NF4425", "editor", "杨倩"),
        ("[责任编辑：韩保林 PK155]", "editor", "韩保林"),
        ("(责编：汤诗瑶、丁涛)", "editor", "汤诗瑶、丁涛"),
        ("澎湃新闻记者 段彦超 廖艳", "reporter", "段彦超 廖艳"),
        ("采写：南都见习记者 林子沛", "reporter", "林子沛"),
        ("【文/观察者网专栏作者 王文】", "reporter", "王文"),
        ("作者：网络整理 阅读：1644", "reporter", "网络整理"),
        ("信息来源：省发改委", "source", "省发改委"),
        ("原创： 路闻卓立编译 人民币交易与研究", "reporter", "路闻卓立"),
    ],
)
def test_credit_lines(line: str, kind: str, value: str) -> None:
    found = [(c.kind, c.value) for c in credits(line)]
    assert (kind, value) in found


def test_placeholders_and_prose_name_nobody() -> None:
    assert [c.value for c in credits("作者：未知 责任编辑：棒棒不是糖")] == ["棒棒不是糖"]
    assert credits("记者了解到，这家公司已经停产，工人们都回家了。") == []
    assert credits("作者最新文章") == []
    assert credits("图片来源：每经记者 张蕊 摄") == []


@pytest.mark.parametrize(
    ("line", "kind", "value"),
    [
        ("作者：于文凯", "reporter", "于文凯"),  # 于 is a surname; 编辑于 2023 is a time (below)
        ("（作者韩涵系政邦智库研究员）", "reporter", "韩涵"),  # name 系 what the person is
        ("本文来源于北京商报 2024-05-20 09:47:48", "source", "北京商报"),
        ("来源：人民日报2024-05-13 08:49", "source", "人民日报"),
    ],
)
def test_credit_values_are_cut_to_the_name(line: str, kind: str, value: str) -> None:
    assert [(c.kind, c.value) for c in credits(line) if c.kind == kind] == [(kind, value)]


@pytest.mark.parametrize(
    "line",
    ["作者简介", "作者介绍", "作者提供永久技术支持", "作者开源速度会比官网慢一点", "编辑于 2023-03-01 15:45・IP 属地北京"],
)
def test_headings_sentences_and_times_after_a_role_word_name_nobody(line: str) -> None:
    assert [c for c in credits(line) if c.kind in ("reporter", "editor")] == []


BODY = "今天，我们召开会议，研究部署下一阶段的工作，会议强调要落实责任，确保各项任务按期完成。"


@pytest.mark.parametrize(
    ("head", "author"),
    [
        (["最新推荐文章于 2023-09-04 17:53:10 发布"], None),  # a blog's "latest recommended" line
        (["发布 #1 2024年5月15日星期三 20点20分"], None),  # a forum post's own button
        (["最后由 Catherine 回复于 2024-05-01"], None),  # the last replier, not the author
        (["来自Android客户端1楼2022-10-02 23:02回复"], None),
        (["批准时间", "2023年12月27日"], None),  # an infobox label over its value
        (["手机版", "时间：2019-05-03 08:17:32"], None),
        (["管理", "由 ddos8919发布于 2024-02-24 14:02:08"], "ddos8919"),  # posted by: the name before the verb
        (["上海发布", "2024-05-01 10:00"], "上海发布"),  # a government account named …发布
    ],
)
def test_unlabelled_names_by_the_date_are_accounts_only_when_they_are_names(head: list[str], author: str | None) -> None:
    m = read_lines(["首页 > 新闻", "会议召开", *head, BODY], title="会议召开")
    assert m.author == author
    assert m.source in (author, None)


def test_lead_brackets_and_closing_credits() -> None:
    assert [c.value for c in credits("新京报快讯（记者 裴剑飞）今日有网友爆料", lead=True)] == ["裴剑飞"]
    assert [c.value for c in credits("长江网10月4日讯（记者陈智 整合） 国庆长假过半", lead=True)] == ["陈智"]
    assert bracket_name("（张巨峰）") == "张巨峰"
    assert bracket_name("（完）") is None
    assert name_slash_outlet("石佳/中国青年报") == ("石佳", "中国青年报")
    assert name_slash_outlet("上海/北京") is None


# -- whole pages -------------------------------------------------------------------------------
def test_byline_under_the_title_wins() -> None:
    p = page("news_byline.html")
    assert p.published == "2021-10-12T09:28"  # shown on the page; the <meta> says 09:30
    assert (p.author, p.author_role, p.source) == ("王小明", "作者", "某某日报")
    assert p.site_name == "某某市新闻网"
    assert p.url == "https://news.example.cn/yaowen/2021-10-12/8812.html"
    assert p.meta_evidence["published"] == "byline"
    assert "2021-10-12" not in p.text.split("\n")[0]  # the byline line itself is still removed


def test_comments_related_items_and_generation_times_are_never_taken() -> None:
    p = page("news_byline.html")
    assert p.author != "风中的树"
    q = page("no_date.html")
    assert q.published is None  # the adoption date in the text and the page-generation time are not it
    assert q.author is None


def test_platform_account_and_year_from_markup() -> None:
    p = page("platform_account.html")
    assert p.published == "2021-09-03T18:12"  # 09-0318:12 shown; the year from <meta itemprop=dateUpdate>
    assert (p.author, p.author_role) == ("天气观察员", "account")


def test_markup_only_page_uses_meta_then_url() -> None:
    html = ("<html><head><meta property='article:published_time' content='2020-05-06T07:08:09+08:00'>"
            "</head><body><h1>标题</h1><p>正文内容很长很长，说明了很多事情，大家都很关心这件事情的进展情况。</p></body></html>")
    p = speechclean.clean(html)
    assert p.published == "2020-05-06T07:08:09" and p.meta_evidence["published"] == "meta:article:published_time"
    q = speechclean.clean("<html><body><h1>标题</h1><p>正文。</p></body></html>", url="https://x.cn/2020/0506/1.html")
    assert q.published == "2020-05-06" and q.meta_evidence["published"] == "url" and q.url == "https://x.cn/2020/0506/1.html"


def test_reference_date_option_resolves_relative_dates() -> None:
    html = "<html><body><h1>新手机发布</h1><div>昨天 10:30</div><p>厂商今天发布了新款手机，售价比上一代更低，配置也有所提升。</p></body></html>"
    assert speechclean.clean(html).published is None
    assert speechclean.clean(html, reference_date="2020-03-02").published == "2020-03-01T10:30"
    with pytest.raises(speechclean.OptionError):
        speechclean.Cleaner(reference_date="yesterday")


def test_text_input_head_lines() -> None:
    p = speechclean.clean("关于召开年度工作会议的通知\n发布时间：2019-05-18 来源：办公室\n各单位：\n定于下周召开年度工作会议，请准时参加。")
    assert (p.published, p.source) == ("2019-05-18", "办公室")


def test_metadata_in_every_output() -> None:
    p = page("news_byline.html")
    d = p.to_dict()
    assert (d["published"], d["author"], d["source"], d["site_name"]) == ("2021-10-12T09:28", "王小明", "某某日报", "某某市新闻网")
    json.dumps(d, ensure_ascii=False)
    rows = [{"id": 1, "text": (META / "news_byline.html").read_text(encoding="utf-8")}]
    (out,) = clean_records(rows, keep=("published", "author", "author_role", "source", "site_name", "url"))
    assert (out["published"], out["author"], out["author_role"]) == ("2021-10-12T09:28", "王小明", "作者")


def test_gne_labels_when_present(corpus) -> None:  # type: ignore[no-untyped-def]
    gne = corpus / "extraction" / "gne_tests"
    labels = json.loads((gne / "labels.json").read_text(encoding="utf-8"))
    day = spurious = 0
    for key, gold in labels.items():
        p = speechclean.clean((corpus / key).read_bytes())
        if gold.get("published"):
            day += bool(p.published) and p.published[:10] == gold["published"][:10]  # type: ignore[index]
        elif p.published:
            spurious += 1
    assert day >= 55 and spurious == 0


def test_jsonld_and_time_elements() -> None:
    ld = ('<script type="application/ld+json">{"@context": "https://schema.org", "@type": "NewsArticle", '
          '"datePublished": "2020-07-08T10:11:12+08:00", "author": {"@type": "Person", "name": "李雷"}, '
          '"publisher": {"@type": "Organization", "name": "某某报"}}</script>')
    body = "<p>正文内容很长很长，说明了很多事情，大家都很关心这件事情的进展情况，我们会继续关注报道。</p>"
    p = speechclean.clean(f"<html><head>{ld}</head><body><h1>标题党</h1>{body}</body></html>")
    assert (p.published, p.author, p.site_name) == ("2020-07-08T10:11:12", "李雷", "某某报")
    assert p.meta_evidence["published"] == "jsonld:datePublished" and p.meta_evidence["author"] == "jsonld:author"
    t = speechclean.clean(f"<html><body><h1>标题党</h1><time datetime='2020-07-09'></time>{body}</body></html>")
    assert t.published == "2020-07-09" and t.meta_evidence["published"] == "time"
    broken = speechclean.clean(f"<html><head><script type='application/ld+json'>{{not json</script></head><body>{body}</body></html>")
    assert broken.published is None


def test_traditional_bylines() -> None:
    html = ("<html><body><h1>市府召開記者會說明防颱措施</h1><div>2021-08-05 14:20 來源：某某新聞網</div>"
            "<p>（記者王小明／台北報導）市府今天召開記者會，說明颱風來襲前的各項準備工作，呼籲民眾做好防颱準備。</p>"
            "<p>市長表示，各單位已經完成整備，請民眾不要前往海邊和山區，注意自身安全。</p></body></html>")
    p = speechclean.clean(html)
    assert (p.published, p.source, p.author) == ("2021-08-05T14:20", "某某新聞網", "王小明")


def test_a_relative_time_shown_with_its_date_in_an_attribute() -> None:
    body = "<p>" + "这个问题困扰了我很久，升级依赖之后项目无法启动，报错信息如下，请大家帮忙看看。" * 3 + "</p>"
    html = ("<html><head><title>解决新项目npm依赖报错</title></head><body><h1>解决新项目npm依赖报错</h1>"
            "<div>创建于 <span title='2023-05-28 10:28:25'>11个月前</span> / 阅读数 3</div>" + body +
            "<div>回复于 <abbr class='timeago' title='2024-01-02'>3 天前</abbr></div></body></html>")
    p = speechclean.clean(html)
    assert p.published == "2023-05-28T10:28:25"  # the post's, not the reply's below it
    assert p.meta_evidence["published"] == "shown:attribute"
    # the first relative time after the headline has no date behind it: nothing is guessed
    q = speechclean.clean(html.replace("创建于 <span title='2023-05-28 10:28:25'>11个月前</span>", "创建于 11个月前"))
    assert q.published is None


def test_a_date_attribute_beside_a_relative_time_is_not_its_date() -> None:
    from speechclean.dom.parse import parse
    from speechclean.meta.shown import shown_date

    root = parse("<html><body><h1>标题</h1><p><span title='2020-01-01'>某人</span> 3 天前</p></body></html>")
    assert shown_date(root, after=root.find(".//h1")) is None


# -- sources and credits away from the byline -------------------------------------------------
@pytest.mark.parametrize(
    ("line", "source"),
    [
        ("本文来源：21世纪经济报道", "21世纪经济报道"),  # an outlet whose name starts with a numeral
        ("来源：36氪", "36氪"),
        ("来源：4399游戏网", "4399游戏网"),
        ("来源：2019-09-07 10:00", None),  # a date where the source should be
        ("来源：123 阅读", None),
        ("来源：12:30", None),
    ],
)
def test_a_source_may_start_with_a_numeral_but_not_be_a_number(line: str, source: str | None) -> None:
    found = [c.value for c in credits(line) if c.kind == "source"]
    assert found == ([source] if source else [])


_BODY = [
    "今天，我们召开会议，研究部署下一阶段的工作，会议强调要落实责任，确保各项任务按期完成。",
    "会议指出，各部门要加强协作，形成合力，把各项措施落到实处，推动经济社会持续健康发展。",
]


def test_the_article_source_line_is_read_past_a_related_news_box() -> None:
    related = ["相关新闻", *[f"相关标题第{i}条新闻" for i in range(20)]]
    lines = ["会议召开", "2015-07-02 05:18:09 来源:", *_BODY, *related, "本文来源：新京报", "分享到："]
    m = read_lines(lines, title="会议召开")
    assert (m.source, m.evidence["source"]) == ("新京报", "credit")
    # a plain 来源 line down there is a related item's, not the article's
    lines[-2] = "来源：新京报"
    assert read_lines(lines, title="会议召开").source is None


def test_a_reporter_beside_a_labelled_source_after_the_credits_is_the_author() -> None:
    promo = [f"推广链接第{i}条" for i in range(10)]
    lines = ["会议召开", "2015-07-03 07:42:28", *_BODY, *promo, "本文来源：投资快报 作者：孙宁"]
    m = read_lines(lines, title="会议召开")
    assert (m.author, m.source) == ("孙宁", "投资快报")
    lines[-1] = "作者：孙宁"  # alone this far down: a related item's byline
    assert read_lines(lines, title="会议召开").author is None
