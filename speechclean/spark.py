"""Apache Spark helpers: clean a DataFrame column with ``mapInPandas`` or a pandas UDF.

pyspark is imported only when a helper is called (install the ``spark`` extra). The
cleaner is built once per Python worker process (cached by options), not per row.

.. code-block:: python

    from pyspark.sql import SparkSession
    from speechclean.spark import clean_spark_dataframe, clean_pandas_udf

    spark = SparkSession.builder.getOrCreate()
    df = spark.read.json("crawl/*.jsonl")                      # id, url, html, ...
    clean = clean_spark_dataframe(df, column="html", convert="t2s")
    clean.write.parquet("clean/")                               # every column + title, encoding, removals, error

    udf = clean_pandas_udf(convert="t2s")                       # just the text, as a column expression
    df.select("id", udf("html").alias("text"))

Failed rows never fail the job: they get an empty text and an ``error`` string.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from .batch import DEFAULT_KEEP, clean_frame

__all__ = ["clean_pandas_udf", "clean_spark_dataframe", "clean_spark_dataframe_sites", "learn_site_profile",
           "output_schema"]

_SPARK_TYPES = {"title": "string", "encoding": "string", "removals": "bigint", "flags": "bigint",
                "kind": "string", "error": "string"}


def output_schema(schema: Any, column: str = "text", *, output_column: str | None = None,
                  keep: Sequence[str] = DEFAULT_KEEP) -> Any:
    """The ``StructType`` of :func:`clean_spark_dataframe`'s output for an input ``schema``."""
    from pyspark.sql.types import ArrayType, LongType, StringType, StructField, StructType

    kinds = {"string": StringType(), "bigint": LongType()}
    fields = [f for f in schema.fields if f.name not in set(keep) and f.name != output_column]
    if column not in schema.fieldNames():
        from .errors import OptionError

        raise OptionError.choice("column", column, schema.fieldNames())
    if output_column:
        fields.append(StructField(output_column, StringType(), True))
    else:  # the cleaned column becomes a string whatever it was (binary HTML → text)
        fields = [StructField(f.name, StringType(), True) if f.name == column else f for f in fields]
    for name in keep:
        if name == "documents":
            doc = StructType([StructField("title", StringType(), True), StructField("text", StringType(), True)])
            fields.append(StructField(name, ArrayType(doc), True))
        else:
            fields.append(StructField(name, kinds[_SPARK_TYPES[name]], True))
    return StructType(fields)


def clean_spark_dataframe(
    df: Any,
    *,
    column: str = "text",
    output_column: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    paths: bool = False,
    **options: Any,
) -> Any:
    """``df.mapInPandas``: ``column`` cleaned (in place or into ``output_column``), every other
    column kept, and the ``keep`` columns added. ``options`` are speechclean options.
    ``paths=True``: the column holds file paths that the executors read."""
    schema = output_schema(df.schema, column, output_column=output_column, keep=keep)
    names = schema.fieldNames()
    keep = tuple(keep)
    opts = dict(options)

    def clean_batches(frames: Iterator[Any]) -> Iterator[Any]:
        for frame in frames:
            yield clean_frame(frame, column, output_column=output_column, keep=keep, paths=paths, **opts)[names]

    return df.mapInPandas(clean_batches, schema)


def clean_pandas_udf(*, paths: bool = False, **options: Any) -> Any:
    """A pandas UDF (string → string) giving the clean text; failed rows give ``""``.

    ``options`` are speechclean options, e.g. ``clean_pandas_udf(convert="tw2s")``;
    ``paths=True`` reads each value as a file path.
    """
    import pandas as pd  # type: ignore[import-untyped]
    from pyspark.sql.functions import pandas_udf

    opts = dict(options)

    def speechclean_text(texts: pd.Series) -> pd.Series:
        frame = clean_frame(pd.DataFrame({"text": texts}), "text", keep=(), paths=paths, **opts)
        return frame["text"]

    # real classes, not the strings of ``from __future__ import annotations``: Spark reads the hints
    speechclean_text.__annotations__ = {"texts": pd.Series, "return": pd.Series}
    return pandas_udf(speechclean_text, "string")  # type: ignore[call-overload]


# -- site profiles: learn with map + reduce, broadcast, clean (speechclean.sites.parallel) ------
def learn_site_profile(df: Any, *, column: str = "text", url_column: str | None = "url",
                       site_column: str | None = None, settings: dict[str, Any] | None = None,
                       **options: Any) -> Any:
    """The :class:`~speechclean.sites.SiteProfile` of a DataFrame: ``mapInPandas`` learns one
    partial profile per partition, the driver merges them."""
    import pickle

    import pandas as pd

    from .sites.parallel import merge_profiles

    names = set(df.columns)
    cols = [c for c in (column, url_column, site_column) if c and c in names]
    url = url_column if url_column in names else None
    site = site_column if site_column in names else None
    opts, conf = dict(options), dict(settings or {})

    def learn_batches(frames: Iterator[Any]) -> Iterator[Any]:
        from .sites.parallel import learn_frame, merge_profiles

        parts = [learn_frame(f, column, url_column=url, site_column=site, options=opts, settings=conf) for f in frames]
        yield pd.DataFrame({"profile": [pickle.dumps(merge_profiles(parts) if parts else None)]})

    rows = df.select(*cols).mapInPandas(learn_batches, "profile binary").collect()
    partials = [p for p in (pickle.loads(r["profile"]) for r in rows) if p is not None]
    if not partials:
        from .sites import SiteProfile

        return SiteProfile(**conf)
    return merge_profiles(partials)


def clean_spark_dataframe_sites(df: Any, profile: Any = None, *, column: str = "text",
                                output_column: str | None = None, keep: Sequence[str] = DEFAULT_KEEP,
                                url_column: str | None = "url", site_column: str | None = None,
                                **options: Any) -> Any:
    """:func:`clean_spark_dataframe` with a site profile, broadcast once to the executors
    (learnt from ``df`` first when ``profile`` is None)."""
    from .sites.parallel import clean_frame_sites

    if profile is None:
        profile = learn_site_profile(df, column=column, url_column=url_column, site_column=site_column, **options)
    schema = output_schema(df.schema, column, output_column=output_column, keep=keep)
    names = schema.fieldNames()
    keep = tuple(keep)
    opts = dict(options)
    shared = df.sparkSession.sparkContext.broadcast(profile)
    url = url_column if url_column in df.columns else None
    site = site_column if site_column in df.columns else None

    def clean_batches(frames: Iterator[Any]) -> Iterator[Any]:
        value = shared.value
        for frame in frames:
            yield clean_frame_sites(frame, column, value, output_column=output_column, url_column=url,
                                    site_column=site, keep=keep, options=opts)[names]

    return df.mapInPandas(clean_batches, schema)
