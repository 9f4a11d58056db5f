"""``str`` is text unless asked: paths=True in pipe() and the Dask/Spark helpers, a warning on a slip."""

from __future__ import annotations

import logging

import pytest
from support import SEEDS, lines, seed

import speechclean
from speechclean import Cleaner

GBK_HTML = ("<html><head><title>会议讲话</title></head><body><p>同志们：今天召开全县工作会议，"
            "主要任务是总结去年的工作，部署今年的任务。大家要认真落实。</p></body></html>").encode("gbk")


def test_pipe_reads_str_paths_when_asked(tmp_path) -> None:
    (tmp_path / "a.html").write_bytes(GBK_HTML)
    (tmp_path / "b.txt").write_text(seed("000"), encoding="utf-8")
    names = sorted(str(p) for p in tmp_path.iterdir())  # what glob.glob gives: str
    pages = list(Cleaner().pipe(names, paths=True))
    assert [p.meta["path"] for p in pages] == names
    assert "全县工作会议" in pages[0].text and pages[0].encoding.name == "gb18030"
    assert lines(pages[1].text) == lines(seed("002"))
    parallel = list(Cleaner().pipe(names, paths=True, workers=2, chunksize=1))
    assert [p.text for p in parallel] == [p.text for p in pages]
    # without paths=True a str is the page itself, never a file name
    (as_text,) = Cleaner().pipe(names[:1])
    assert as_text.text == names[0] and "path" not in as_text.meta


def test_a_str_naming_a_file_logs_a_warning(tmp_path, caplog) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(GBK_HTML)
    with caplog.at_level(logging.WARNING, logger="speechclean"):
        speechclean.clean(str(path))
    assert "names a file" in caplog.text and "Path(" in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING, logger="speechclean"):
        speechclean.clean("同志们：大家好！")
        speechclean.clean(str(tmp_path / "missing.html"))
        speechclean.clean(path)
    assert caplog.text == ""


def test_dask_bag_of_sources_keeps_path_and_id(tmp_path) -> None:
    db = pytest.importorskip("dask.bag")
    from speechclean.dask import clean_bag

    seeds = sorted(SEEDS.glob("*.txt"))
    bag = db.from_sequence([str(p) for p in seeds[:2]] + [("當前的工作".encode(), {"id": "x", "url": "http://x"})],  # bytes: a page
                           npartitions=2)
    out = clean_bag(bag, paths=True, keep=("error",)).compute(scheduler="sync")
    assert [r.get("path") for r in out] == [str(seeds[0]), str(seeds[1]), None]
    assert out[2] == {"id": "x", "url": "http://x", "text": "当前的工作", "error": None}
    assert lines(out[0]["text"]) == lines(seed("002"))


def test_dask_dataframe_of_bytes_and_of_paths(tmp_path) -> None:
    pd = pytest.importorskip("pandas")
    dask = pytest.importorskip("dask")
    dd = pytest.importorskip("dask.dataframe")
    from speechclean.dask import clean_dataframe

    frame = pd.DataFrame({"id": [1, 2], "html": [GBK_HTML, "當前的工作".encode("big5")]})
    with dask.config.set({"dataframe.convert-string": False}):  # keep bytes as bytes (see clean_dataframe)
        ddf = dd.from_pandas(frame, npartitions=2)
        out = clean_dataframe(ddf, column="html", output_column="text").compute(scheduler="sync")
    assert "全县工作会议" in out["text"][0] and out["text"][1] == "当前的工作"
    assert out["encoding"][0] == "gb18030" and out["encoding"][1] in ("big5", "cp950") and out["error"].isna().all()

    path = tmp_path / "p.html"
    path.write_bytes(GBK_HTML)
    ddf = dd.from_pandas(pd.DataFrame({"path": [str(path)]}), npartitions=1)
    out = clean_dataframe(ddf, column="path", output_column="text", paths=True).compute(scheduler="sync")
    assert "全县工作会议" in out["text"][0] and out["path"][0] == str(path)
