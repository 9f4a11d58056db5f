"""Site profiles: chrome learnt from a site's own pages goes, content that repeats stays."""

from __future__ import annotations

import json
import logging
import pickle
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sites_support import HEAD, TAIL, body, site_pages, speech_pages

from speechclean import Cleaner, Options
from speechclean.errors import OptionError, ProfileError
from speechclean.sites import SiteLearner, SiteProfile
from speechclean.sites.counts import SiteCounts
from speechclean.sites.parallel import learn_partition, merge_profiles

CHROME = HEAD + TAIL


def _body_paragraphs(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.endswith("。") and len(line) > 30]


def test_fifty_pages_shared_chrome_gone_bodies_intact() -> None:
    pages = site_pages(50)
    profile = SiteProfile.learn(pages)
    assert profile.pages("lvye-fanwen.example") == 50
    plain, sited = Cleaner(), Cleaner(site_profile=profile)
    left_before = left_after = 0
    for text, meta in pages:
        before = plain.clean(text, url=meta["url"])
        after = sited.clean(text, url=meta["url"])
        left_before += sum(line in before.text.split("\n") for line in CHROME)
        left_after += sum(line in after.text.split("\n") for line in CHROME)
        for paragraph in _body_paragraphs(text):
            assert paragraph in after.text  # every body paragraph intact
        assert after.title == text.split("\n")[len(HEAD)]
        site_removals = [r for r in after.removals if r.rule == "site.repeated"]
        assert site_removals and all(r.score == 50 for r in site_removals)  # the page count in the audit trail
    assert left_before >= 100 and left_after == 0  # 2+ lines a page survive without the profile


def test_pipe_learning_buffers_the_warmup_and_cleans_every_page() -> None:
    pages = site_pages(50, seed=3)
    learner = SiteLearner(warmup=20)
    out = list(Cleaner().pipe(pages, learn_sites=learner))
    assert [p.meta["id"] for p in out] == list(range(50))  # input order kept
    for (text, _), page in zip(pages, out):
        assert not any(line in page.text.split("\n") for line in CHROME)  # the first 20 too (buffered)
        assert all(p in page.text for p in _body_paragraphs(text))
    assert learner.profile.pages("lvye-fanwen.example") == 50 and learner.held == 19


def test_speech_site_keeps_its_openings_headings_and_closings() -> None:
    pages = speech_pages(30)
    profile = SiteProfile.learn(pages)
    chrome = set(profile.chrome("jianghua.example"))
    assert {"同志们：", "谢谢大家！", "一、提高思想认识"} <= chrome  # they do repeat on every page…
    cleaner = Cleaner(site_profile=profile)
    for text, meta in pages:
        page = cleaner.clean(text, url=meta["url"])
        lines = page.text.split("\n")
        assert "同志们：" in lines and "谢谢大家！" in lines  # …and are kept
        assert "一、提高思想认识" in lines and "二、强化工作措施" in lines
        assert "讲话稿频道 | 范文中心" not in page.text and "本文由会员上传" not in page.text
        assert all(p in page.text for p in _body_paragraphs(text))


def test_the_same_article_on_many_pages_is_not_chrome() -> None:
    rng = random.Random(5)
    article = body(rng, 3)
    pages = [("\n".join(["某某网 | 首页", *article, "某某网版权所有"]), {"url": f"http://dup.example/{i}"})
             for i in range(10)]
    profile = SiteProfile.learn(pages)
    page = Cleaner(site_profile=profile).clean(pages[0][0], url=pages[0][1]["url"])
    assert all(p in page.text for p in article)
    assert "某某网 | 首页" not in page.text


def test_save_load_round_trip_json_and_gzip(tmp_path) -> None:
    profile = SiteProfile.learn(site_pages(12) + speech_pages(6), min_count=4)
    for name in ("p.json", "p.json.gz"):
        path = tmp_path / name
        profile.save(path)
        loaded = SiteProfile.load(path)
        assert loaded == profile and loaded.settings() == profile.settings()
        assert list(loaded.chrome("lvye-fanwen.example")) == list(profile.chrome("lvye-fanwen.example"))
    data = json.loads((tmp_path / "p.json").read_text(encoding="utf-8"))
    assert data["format"] == "speechclean-site-profile" and data["version"] == 1
    assert data["sites"]["lvye-fanwen.example"]["lines"][0][1] == 12  # most frequent first
    assert pickle.loads(pickle.dumps(profile)) == profile
    text, meta = site_pages(1, seed=99)[0]
    by_path = Cleaner(site_profile=str(tmp_path / "p.json")).clean(text, url=meta["url"])
    assert by_path.text == Cleaner(site_profile=profile).clean(text, url=meta["url"]).text
    assert pickle.loads(pickle.dumps(Cleaner(site_profile=profile))).clean(text, url=meta["url"]).text == by_path.text


def test_bad_profile_files_and_values_raise_specific_errors(tmp_path) -> None:
    (tmp_path / "bad.json").write_text('{"format": "other"}', encoding="utf-8")
    (tmp_path / "new.json").write_text('{"format": "speechclean-site-profile", "version": 99}', encoding="utf-8")
    with pytest.raises(ProfileError, match="not a speechclean site profile"):
        SiteProfile.load(tmp_path / "bad.json")
    with pytest.raises(ProfileError, match="version 99"):
        SiteProfile.load(tmp_path / "new.json")
    with pytest.raises(ProfileError):
        Options(site_profile=str(tmp_path / "missing.json"))
    with pytest.raises(OptionError):
        Options(site_profile=42)
    with pytest.raises(OptionError):
        SiteProfile(share=0)


def test_serial_equals_parallel_stream_and_map_reduce() -> None:
    pages = site_pages(30, seed=1) + speech_pages(30, seed=2)
    random.Random(0).shuffle(pages)
    serial = list(Cleaner().pipe(pages, learn_sites=SiteLearner(warmup=8, max_pending=10)))
    parallel = list(Cleaner().pipe(pages, workers=2, chunksize=3, learn_sites=SiteLearner(warmup=8, max_pending=10)))
    assert [p.text for p in serial] == [p.text for p in parallel]
    assert [p.removals for p in serial] == [p.removals for p in parallel]
    records = [{"text": t, "url": m["url"]} for t, m in pages]
    whole = learn_partition(records)
    parts = merge_profiles(learn_partition(records[i:i + 7]) for i in range(0, len(records), 7))
    assert parts == whole and whole.pages("jianghua.example") == 30


def test_pending_pages_are_bounded_and_order_is_kept() -> None:
    pages = [(t, {"url": f"http://site{i % 7}.example/{i}", "id": i})
             for i, (t, _) in enumerate(site_pages(70, seed=4))]
    learner = SiteLearner(warmup=50, max_pending=15)
    out = list(Cleaner().pipe(pages, learn_sites=learner))
    assert [p.meta["id"] for p in out] == list(range(70))
    assert learner.held <= 15
    # 10 pages per site, warm-up never reached: pages are finished with the counts seen so far
    assert sum(any(r.rule == "site.repeated" for r in p.removals) for p in out) > 0


def test_counts_are_bounded_per_site_and_keep_the_frequent_lines() -> None:
    counts = SiteCounts()
    rng = random.Random(1)
    for n in range(400):
        lines = [(1, "chrome-a"), (2, "chrome-b")] + [(rng.getrandbits(60) + 10, "x") for _ in range(40)]
        counts.observe(lines, max_lines=256)
        assert len(counts.counts) <= 256
    assert counts.counts[1] == counts.counts[2] == 400 and counts.floor >= 1
    profile = SiteProfile(max_sites=10)
    for i in range(30):
        profile.observe(f"s{i}", "甲乙\n丙丁")
    assert len(profile) <= 10
    for entries in (6000, 1000):  # 40 sites fit in 6000 entries; in 1000 the sites with the fewest pages go
        budget = SiteProfile(max_entries=entries)
        for n in range(600):  # 40 sites, 30 unique lines a page: 18 000 lines seen
            site = f"s{n % 40}"
            budget.observe(site, "\n".join([f"{site}的导航栏", *(f"第{n}页第{i}行正文" for i in range(30))]))
            assert budget.size() <= entries
        assert (len(budget) == 40) is (entries == 6000)
        assert all(f"{k}的导航栏" in set(budget.chrome(k)) for k in budget.sites if budget.pages(k) >= 3)


@settings(max_examples=25, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a.cn", "b.cn", "c.cn"]),
                          st.lists(st.sampled_from(["首页", "登录", "正文一", "正文二", "版权所有", "同志们："]),
                                   min_size=1, max_size=5)), min_size=1, max_size=30),
       st.integers(1, 6))
def test_merging_partial_profiles_equals_one_pass(pages, parts) -> None:
    whole = SiteProfile()
    for key, lines in pages:
        whole.observe(key, "\n".join(lines))
    partials = [SiteProfile() for _ in range(parts)]
    for n, (key, lines) in enumerate(pages):
        partials[n % parts].observe(key, "\n".join(lines))
    assert merge_profiles(partials) == whole
    assert merge_profiles(reversed(partials)) == whole


def test_cli_learns_saves_and_applies_a_profile(tmp_path, capsys) -> None:
    from speechclean.cli import main

    site = tmp_path / "site"
    site.mkdir()
    for i, (text, _) in enumerate(site_pages(25, seed=8)):
        (site / f"{i:02}.txt").write_text(text, encoding="utf-8")
    saved = tmp_path / "profile.json"
    assert main([str(site), "--learn-sites", "--site-profile", str(saved), "-q", "--format", "jsonl"]) == 0
    learnt = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert len(learnt) == 25 and not any(c in r["text"] for r in learnt for c in CHROME)
    assert SiteProfile.load(saved).pages(f"dir:{site}") == 25
    assert main([str(site / "03.txt"), "--site-profile", str(saved), "-q"]) == 0
    assert capsys.readouterr().out.strip() == learnt[3]["text"]
    assert main([str(site / "03.txt"), "--site-profile", str(tmp_path / "none.json"), "-q"]) == 2


@pytest.mark.slow
def test_dask_local_cluster_learns_merges_broadcasts_and_cleans() -> None:
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    from speechclean.dask import clean_bag_sites, learn_sites_bag

    pages = site_pages(24, seed=12) + speech_pages(12, seed=13)
    records = [{"id": i, "text": t, "url": m["url"]} for i, (t, m) in enumerate(pages)]
    serial = SiteProfile.learn([(r["text"], {"url": r["url"]}) for r in records])
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster):
        bag = db.from_sequence(records, npartitions=5)
        profile = learn_sites_bag(bag, split_every=2)
        assert profile.compute() == serial
        out = clean_bag_sites(bag, profile).compute()
    expected = Cleaner(site_profile=serial)
    assert [r["id"] for r in out] == list(range(len(records)))
    assert [r["text"] for r in out] == [expected.clean(r["text"], url=r["url"]).text for r in records]
    assert not any(c in r["text"] for r in out for c in CHROME)


@pytest.mark.slow
def test_spark_learns_with_map_in_pandas_and_cleans_with_a_broadcast() -> None:
    pytest.importorskip("pyspark")
    pytest.importorskip("pyarrow")
    import os
    import sys

    from pyspark.sql import SparkSession

    from speechclean.spark import clean_spark_dataframe_sites, learn_site_profile

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    spark = (SparkSession.builder.master("local[2]").appName("speechclean-sites-test")
             .config("spark.pyspark.python", sys.executable).config("spark.pyspark.driver.python", sys.executable)
             .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    pages = site_pages(16, seed=21) + speech_pages(8, seed=22)
    rows = [(i, m["url"], t) for i, (t, m) in enumerate(pages)]
    try:
        df = spark.createDataFrame(rows, "id long, url string, text string").repartition(3)
        profile = learn_site_profile(df, column="text")
        assert profile == SiteProfile.learn([(t, {"url": u}) for _, u, t in rows])
        out = clean_spark_dataframe_sites(df, profile, column="text", output_column="clean").orderBy("id").collect()
    finally:
        spark.stop()
    expected = Cleaner(site_profile=profile)
    assert [r["clean"] for r in out] == [expected.clean(t, url=u).text for _, u, t in rows]
    assert not any(c in r["clean"] for r in out for c in CHROME)


def test_the_same_article_on_two_urls_keeps_its_short_lines() -> None:
    rng = random.Random(9)
    article = ["▲航站楼的建筑造型灵感来源于鲸鱼", *body(rng, 2), "如何坐地铁登船？", *body(rng, 2)]
    others = [["某报 | 首页", *body(rng, 3), "某报版权所有"] for _ in range(3)]
    dup = ["某报 | 首页", *article, "某报版权所有"]
    pages = [("\n".join(lines), {"url": f"http://paper.example/{i}"}) for i, lines in enumerate([dup, dup] + others)]
    profile = SiteProfile.learn(pages, min_count=2)
    page = Cleaner(site_profile=profile).clean(pages[0][0], url=pages[0][1]["url"])
    shown = f"{page.title}\n{page.text}"  # the first line may become the title
    assert all(line in shown for line in article)
    assert "某报 | 首页" not in shown and "某报版权所有" not in shown


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from("首页ａＢc１2 ，,：:\u3000\t全角ﾊﾟ①㈠"), max_size=12), max_size=8))
def test_a_page_hashed_at_once_equals_its_lines_hashed_one_by_one(lines) -> None:
    from speechclean.sites.lines import MAX_LEN, MIN_LEN, countable, line_hash, line_keys, normalise

    text = "\n".join(lines)
    assert MIN_LEN <= MAX_LEN
    expected = [(i, line_hash(normalise(line))) for i, line in enumerate(text.split("\n")) if line and countable(line)]
    assert line_keys(text) == expected


def test_a_config_file_names_a_profile_relative_to_itself(tmp_path) -> None:
    profile = SiteProfile.learn(site_pages(10, seed=30))
    profile.save(tmp_path / "sites.json")
    (tmp_path / "site.toml").write_text('site_profile = "sites.json"\n', encoding="utf-8")
    cleaner = Cleaner.from_config(tmp_path / "site.toml")
    assert cleaner.options.site_profile == profile
    text, meta = site_pages(1, seed=31)[0]
    assert "绿野范文网，你身边的写作助手！" not in cleaner.clean(text, url=meta["url"]).text


def test_learning_streams_finish_every_page_even_undecoded_or_failed_ones() -> None:
    cleaner = Cleaner(disable=["decode"])
    pages = list(cleaner.pipe([b"abc\r\n", "文本", 42], learn_sites=True, on_error="record"))
    plain = list(cleaner.pipe([b"abc\r\n", "文本", 42], on_error="record"))
    assert [p.text for p in pages] == [p.text for p in plain] and pages[2].error is not None
    assert all("_site_repeated" not in p.meta for p in pages)


def test_a_small_site_waiting_to_the_end_behind_a_site_that_warmed_up() -> None:
    small = [(t, {"url": f"http://small.example/{i}", "id": f"s{i}"}) for i, (t, _) in enumerate(site_pages(2, seed=40))]
    big = [(t, {"url": f"http://big.example/{i}", "id": f"b{i}"}) for i, (t, _) in enumerate(speech_pages(12, seed=41))]
    stream = small[:1] + big + small[1:]
    out = list(Cleaner().pipe(stream, learn_sites=SiteLearner(warmup=5)))
    assert [p.meta["id"] for p in out] == [m["id"] for _, m in stream]
    assert all("讲话稿频道 | 范文中心" not in p.text for p in out[1:-1])


def test_the_chrome_check_is_swappable(monkeypatch) -> None:
    from speechclean.sites import guard

    rng = random.Random(50)
    article = body(rng, 2)
    pages = [("\n".join(["某报 | 首页", *article, *body(rng, 1)]), {"url": f"http://swap.example/{i}"}) for i in range(6)]
    profile = SiteProfile.learn(pages)
    cleaner = Cleaner(site_profile=profile)
    assert all(p in cleaner.clean(pages[0][0], url=pages[0][1]["url"]).text for p in article)  # body: kept
    monkeypatch.setattr(guard, "CHROME_CHECK", lambda line: True)  # a classifier that calls everything chrome
    assert not any(p in cleaner.clean(pages[0][0], url=pages[0][1]["url"]).text for p in article)
