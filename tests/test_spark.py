"""Spark local mode: the mapInPandas and pandas-UDF helpers (skipped without pyspark)."""

from __future__ import annotations

import sys

import pytest
from support import SEEDS

from speechclean import Cleaner

pyspark = pytest.importorskip("pyspark")
pytest.importorskip("pyarrow")


@pytest.fixture(scope="module")
def spark():
    import os

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
