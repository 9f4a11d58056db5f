"""Spark local mode: the mapInPandas and pandas-UDF helpers (skipped without pyspark)."""

from __future__ import annotations

import os
import shutil
import sys

import pytest
from support import SEEDS

from speechclean import Cleaner

if os.environ.get("SPEECHCLEAN_REQUIRE_SPARK"):  # CI: a missing pyspark or Java must fail, not skip
    import pyarrow  # noqa: F401
    import pyspark
else:
    pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'speechclean[spark]')")
    pytest.importorskip("pyarrow", reason="pyarrow is not installed (pip install 'speechclean[spark]')")
    if shutil.which("java") is None:
        pytest.skip("no Java runtime for Spark (install a JRE 17+)", allow_module_level=True)


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    os.environ["PYSPARK_PYTHON"] = os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable  # this venv's Python

    session = (SparkSession.builder.master("local[2]").appName("speechclean-test")
               .config("spark.pyspark.python", sys.executable).config("spark.pyspark.driver.python", sys.executable)
               .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate())
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


@pytest.mark.slow
def test_spark_map_in_pandas_and_udf(spark) -> None:
    from speechclean.spark import clean_pandas_udf, clean_spark_dataframe

    texts = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + ["當前的工作"]
    df = spark.createDataFrame([(i, f"http://x/{i}", t) for i, t in enumerate(texts)], "id long, url string, text string")
    rows = clean_spark_dataframe(df, column="text", output_column="clean", convert="t2s").orderBy("id").collect()
    cleaner = Cleaner()
    assert [r["clean"] for r in rows] == [cleaner.clean(t).text for t in texts]
    assert rows[0]["url"] == "http://x/0" and rows[0]["error"] is None and rows[-1]["clean"] == "当前的工作"
    udf = clean_pandas_udf(convert="t2s")
    got = [r["t"] for r in df.select(udf("text").alias("t")).orderBy("t").collect()]
    assert sorted(got) == sorted(cleaner.clean(t).text for t in texts)


GBK_HTML = ("<html><head><title>会议讲话</title></head><body><p>同志们：今天召开全县工作会议，"
            "主要任务是总结去年的工作，部署今年的任务。大家要认真落实。</p></body></html>").encode("gbk")


@pytest.mark.slow
def test_spark_bytes_column_and_paths(spark, tmp_path) -> None:
    from speechclean.spark import clean_pandas_udf, clean_spark_dataframe

    df = spark.createDataFrame([(1, bytearray(GBK_HTML)), (2, bytearray("當前的工作".encode("big5")))],
                               "id long, html binary")
    rows = clean_spark_dataframe(df, column="html", output_column="text").orderBy("id").collect()
    assert "全县工作会议" in rows[0]["text"] and rows[0]["encoding"] == "gb18030"
    assert rows[1]["text"] == "当前的工作" and rows[1]["error"] is None
    page = tmp_path / "p.html"
    page.write_bytes(GBK_HTML)
    paths = spark.createDataFrame([(str(page),)], "path string")
    (row,) = clean_spark_dataframe(paths, column="path", output_column="text", paths=True).collect()
    assert row["path"] == str(page) and "全县工作会议" in row["text"]
    (got,) = paths.select(clean_pandas_udf(paths=True)("path").alias("t")).collect()
    assert got["t"] == row["text"]
