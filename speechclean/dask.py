"""Dask helpers: clean bags and dataframes inside the engine you already run.

The cleaner is built once per worker process (cached by options), never per item:
each partition is cleaned by one call. Options are plain keyword arguments
(the names of :class:`~speechclean.config.Options`), so the graph stays small and picklable.

Bags of sources (str, bytes, paths, ``(source, metadata)`` pairs) give
:meth:`Page.to_dict <speechclean.page.Page.to_dict>` dicts; bags of dicts are treated as records
(see :func:`speechclean.batch.clean_records`)::

    import dask.bag as db
    from speechclean.dask import clean_bag, clean_dataframe

    pages = clean_bag(db.read_text("crawl/*.jsonl").map(json.loads), field="text", convert="t2s")
    pages.map(json.dumps).to_textfiles("clean/*.jsonl")

    ddf = clean_dataframe(dd.read_parquet("crawl/"), column="html")  # adds title, encoding, removals, error

Failed items never stop the job: they carry ``error`` (``"Type: message"``) and an empty text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from .batch import DEFAULT_KEEP, Item, clean_frame, clean_item, clean_records, identity, record_fields

__all__ = ["clean_bag", "clean_bag_sites", "clean_dataframe", "clean_partition", "learn_sites_bag"]


def clean_partition(
    items: Iterable[Any],
    options: Mapping[str, Any] | None = None,
    field: str = "text",
    id_field: str | None = "id",
    keep: Sequence[str] = DEFAULT_KEEP,
    paths: bool = False,
) -> list[dict[str, Any]]:
    """Clean one partition: records (dicts) stay records, other sources become result dicts
    named by their ``path``, ``id`` and ``url`` where known (``paths=True``: ``str`` are file paths).

    >>> clean_partition([{"id": 1, "text": "當前"}, ("同志們", {"id": 2})], {"convert": "t2s"}, keep=("error",))
    [{'id': 1, 'text': '当前', 'error': None}, {'id': 2, 'text': '同志们', 'error': None}]
    """
    from .default_cleaner import cleaner_for

    cleaner = cleaner_for(dict(options or {}))
    out: list[dict[str, Any]] = []
    for value in items:
        if isinstance(value, Mapping):
            out.extend(clean_records([value], field=field, id_field=id_field, keep=keep, cleaner=cleaner))
        else:
            item = Item.of(value, paths=paths)
            page, _ = clean_item(cleaner, item)
            result: dict[str, Any] = identity(item)
            result["text"] = page.text
            result.update(record_fields(page, keep))
            out.append(result)
    return out


def clean_bag(
    bag: Any,
    *,
    field: str = "text",
    id_field: str | None = "id",
    keep: Sequence[str] = DEFAULT_KEEP,
    paths: bool = False,
    **options: Any,
) -> Any:
    """A new ``dask.bag.Bag`` of cleaned dicts, one per input element, in the same order.

    ``options`` are speechclean options (``convert="tw2s"``, ``disable=("punctuation",)``).
    Elements that are not records give ``{"path"?, "id"?, "url"?, "text", ...}``;
    ``paths=True`` reads ``str`` elements as file paths (``db.from_sequence(glob.glob(...))``).

    >>> import dask.bag as db
    >>> clean_bag(db.from_sequence(["當前的工作"], npartitions=1), keep=()).compute(scheduler="sync")
    [{'text': '当前的工作'}]
    """
    return bag.map_partitions(clean_partition, dict(options), field, id_field, tuple(keep), paths)


def clean_dataframe(
    ddf: Any,
    *,
    column: str = "text",
    output_column: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    paths: bool = False,
    **options: Any,
) -> Any:
    """A new ``dask.dataframe.DataFrame``: ``column`` cleaned (into ``output_column`` when given,
    else in place) and the ``keep`` columns added (title, encoding, removals, error by default).

    ``column`` holds pages (``str``/``bytes``) or, with ``paths=True``, file paths. A column of
    raw ``bytes`` needs Dask's string conversion off, or Dask turns the bytes into text first:
    ``dask.config.set({"dataframe.convert-string": False})`` before ``dd.from_pandas``.

    >>> import pandas as pd, dask.dataframe as dd
    >>> ddf = dd.from_pandas(pd.DataFrame({"id": [1], "text": ["當前"]}), npartitions=1)
    >>> clean_dataframe(ddf, keep=("error",)).compute(scheduler="sync").to_dict("records")
    [{'id': 1, 'text': '当前', 'error': None}]
    """
    # the output's columns and dtypes, from cleaning dask's stand-in rows on the client
    # (stand-in rows are never paths: clean them as text)
    meta = _clean_pdf(ddf._meta_nonempty, column, output_column, tuple(keep), dict(options), False).iloc[:0]
    return ddf.map_partitions(_clean_pdf, column, output_column, tuple(keep), dict(options), paths, meta=meta)


def _clean_pdf(pdf: Any, column: str, output_column: str | None, keep: Sequence[str],
               options: Mapping[str, Any], paths: bool = False) -> Any:
    return clean_frame(pdf, column, output_column=output_column, keep=keep, paths=paths, **options)


# -- site profiles: learn with map + reduce, broadcast, clean (speechclean.sites.parallel) ------
def learn_sites_bag(
    bag: Any,
    *,
    field: str = "text",
    id_field: str | None = "id",
    site_field: str | None = None,
    settings: Mapping[str, Any] | None = None,
    split_every: int | None = None,
    **options: Any,
) -> Any:
    """A ``dask.bag.Item`` computing the :class:`~speechclean.sites.SiteProfile` of a bag:
    a partial profile per partition, merged by a tree reduction. ``settings`` are the profile's
    (``share``, ``min_count``…); a record's site is ``site_field`` or the host of its ``url``."""
    from functools import partial

    from .sites.parallel import learn_partition, merge_profiles

    learn = partial(learn_partition, options=dict(options), field=field, id_field=id_field,
                    site_field=site_field, settings=dict(settings or {}))
    return bag.reduction(learn, merge_profiles, split_every=split_every)


def clean_bag_sites(
    bag: Any,
    profile: Any = None,
    *,
    field: str = "text",
    id_field: str | None = "id",
    site_field: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    settings: Mapping[str, Any] | None = None,
    **options: Any,
) -> Any:
    """Clean a bag with a site profile: ``profile`` (a SiteProfile, or a dask Item such as
    :func:`learn_sites_bag`'s, computed once and passed to every partition); without one it is
    learnt from the bag itself first."""
    from .sites.parallel import clean_values

    if profile is None:
        profile = learn_sites_bag(bag, field=field, id_field=id_field, site_field=site_field,
                                  settings=settings, **options)
    return bag.map_partitions(clean_values, profile, dict(options), field, id_field, site_field, tuple(keep))
