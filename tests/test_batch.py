"""Batches: Cleaner.pipe (order, laziness, errors, serial = parallel), records, Dask."""

from __future__ import annotations

import itertools
import json
import logging
import pickle

import pytest
from support import SEEDS

import speechclean
from speechclean import Cleaner, InputError, Page
from speechclean.batch import Item, clean_records

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256)) * 4
GOOD = ["同志们：今天的会议很重要。", "當前的工作", "<html><body><p>大家要认真落实会议精神，做好各项工作。</p></body></html>"]


def shout(page: Page) -> Page:  # module level: picklable into workers
    page.text = page.text.replace("会议", "大会")
    return page


def broken(page: Page) -> Page:
    if "坏" in page.text:
        raise RuntimeError("this page is broken")
    return page


def test_pipe_keeps_order_and_matches_clean() -> None:
    cleaner = Cleaner()
    sources = [*GOOD, *sorted(SEEDS.glob("*.txt"))]
    assert [p.text for p in cleaner.pipe(sources)] == [cleaner.clean(s).text for s in sources]


def test_pipe_is_lazy_on_an_endless_generator() -> None:
    pulled = 0

    def endless():
        nonlocal pulled
        for i in itertools.count():
            pulled += 1
            yield f"第{i}条：同志们好。"

    texts = [p.text for p in itertools.islice(Cleaner().pipe(endless(), workers=2, chunksize=2, prefetch=2), 7)]
    assert texts == [f"第{i}条：同志们好。" for i in range(7)]
    assert pulled <= 7 + 2 * 2 * 2 + 2  # the window: workers * prefetch chunks of chunksize


def test_serial_and_parallel_give_identical_results() -> None:
    cleaner = Cleaner().add_hook(shout, after="punctuation")
    sources = sorted(SEEDS.glob("*.txt")) * 3 + [p.read_bytes() for p in sorted(SEEDS.glob("*.txt"))]
    serial = [p.to_dict() for p in cleaner.pipe(sources)]
    parallel = [p.to_dict() for p in cleaner.pipe(sources, workers=2, chunksize=3)]
    assert serial == parallel
    assert any("大会" in d["text"] for d in serial)


@pytest.mark.parametrize("workers", [1, 2])
def test_on_error_record_skip_raise(workers: int, caplog) -> None:
    cleaner = Cleaner(convert="off").add_hook(broken, after="decode")
    sources = [GOOD[0], PNG, "坏页面", GOOD[1]]
    pages = list(cleaner.pipe(sources, workers=workers, on_error="record", chunksize=1))
    assert [p.ok for p in pages] == [True, False, False, True]
    assert isinstance(pages[1].error, speechclean.BinaryInputError) and pages[1].text == ""
    assert isinstance(pages[2].error, speechclean.StepError) and "this page is broken" in str(pages[2].error)
    assert pages[2].to_dict()["error"].startswith("StepError: step 'broken'")
    assert pages[3].text == "當前的工作"
    with caplog.at_level(logging.WARNING, logger="speechclean"):
        kept = [p.text for p in cleaner.pipe(sources, workers=workers, on_error="skip")]
    assert kept == [GOOD[0], "當前的工作"]
    assert "this page is broken" in caplog.text
    with pytest.raises(speechclean.BinaryInputError):
        list(cleaner.pipe(sources, workers=workers))


def test_items_pairs_and_metadata(tmp_path) -> None:
    path = tmp_path / "gbk.html"
    path.write_bytes("<html><body><p>同志们：会议很重要，大家要认真落实。</p></body></html>".encode("gbk"))
    sources = [
        ("同志们好。", {"id": "a", "lang": "zh"}),
        Item(path.read_bytes(), id="b", content_type="text/html; charset=gbk", url="http://x/b"),
        path,
    ]
    a, b, c = Cleaner().pipe(sources)
    assert a.meta == {"id": "a", "lang": "zh"}
    assert b.meta["url"] == "http://x/b" and b.encoding.source == "http" and "会议很重要" in b.text
    assert c.meta["path"] == str(path)
    with pytest.raises(speechclean.OptionError):
        list(Cleaner().pipe(["x"], on_error="ignore"))
    with pytest.raises(speechclean.OptionError):
        list(Cleaner().pipe(["x"], workers=0))


def test_a_missing_file_is_an_item_failure(tmp_path) -> None:
    (page,) = Cleaner().pipe([tmp_path / "nope.txt"], on_error="record")
    assert isinstance(page.error, InputError) and page.meta["path"].endswith("nope.txt")


def test_clean_records_keeps_fields_and_order() -> None:
    rows = [{"id": i, "url": f"http://x/{i}", "text": t, "extra": [i]} for i, t in enumerate(GOOD)]
    rows.insert(1, {"id": "bad", "text": None})
    out = list(clean_records(rows, keep=("title", "documents", "encoding", "removals", "error"), workers=2))
    assert [r["id"] for r in out] == [0, "bad", 1, 2]
    assert out[0]["url"] == "http://x/0" and out[0]["extra"] == [0]
    assert out[2]["text"] == "当前的工作" and out[2]["error"] is None
    assert out[1]["text"] == "" and out[1]["error"].startswith("InputError")
    assert out[3]["documents"] == [{"title": None, "text": out[3]["text"]}]
    json.dumps(out, ensure_ascii=False)  # records stay JSON-serialisable
    moved = next(clean_records([{"body": "當前"}], field="body", output_field="clean", keep=()))
    assert moved == {"body": "當前", "clean": "当前"}


def test_clean_records_rejects_unknown_keep() -> None:
    with pytest.raises(speechclean.OptionError):
        list(clean_records([{"text": "x"}], keep=("colour",)))


def test_pickled_cleaner_errors_cross_processes() -> None:
    error = speechclean.StepError("broken", "RuntimeError: x")
    assert str(pickle.loads(pickle.dumps(error))) == str(error)


@pytest.mark.slow
def test_dask_local_cluster_with_two_workers() -> None:
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    db = pytest.importorskip("dask.bag")
    distributed = pytest.importorskip("dask.distributed")
    from speechclean.dask import clean_bag, clean_dataframe

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] * 2 + [PNG]
    expected = [Cleaner().clean(t).text if isinstance(t, str) else "" for t in texts]
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                                  silence_logs=logging.ERROR) as cluster, distributed.Client(cluster) as client:
        records = [{"id": i, "text": t} for i, t in enumerate(texts)]
        out = clean_bag(db.from_sequence(records, npartitions=4), convert="t2s").compute()
        assert [r["id"] for r in out] == list(range(len(texts)))
        assert [r["text"] for r in out] == expected
        assert out[-1]["error"].startswith("BinaryInputError")
        frame = pd.DataFrame({"id": range(len(texts) - 1), "text": texts[:-1]})
        ddf = clean_dataframe(dd.from_pandas(frame, npartitions=3), column="text", output_column="clean")
        result = ddf.compute()
        assert list(result["clean"]) == expected[:-1]
        assert list(result["text"]) == texts[:-1] and result["error"].isna().all()
        assert len(client.scheduler_info()["workers"]) == 2


def _example(name: str):
    import importlib.util

    from support import ROOT

    spec = importlib.util.spec_from_file_location(f"example_{name}", ROOT / "examples" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_examples_work_without_their_engines() -> None:
    hf = _example("hf_datasets")
    out = hf.clean_batch({"id": [1, 2], "text": ["當前的工作", None]})
    assert out["id"] == [1, 2] and out["text"] == ["当前的工作", ""] and out["error"][1].startswith("InputError")
    dt = _example("datatrove_step")
    assert dt.clean_text(Cleaner(), "當前的工作")[0] == "当前的工作"
