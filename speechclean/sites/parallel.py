"""Site profiles on a cluster: learn with a map + reduce, broadcast the profile, then clean.

*Map*: every partition learns a partial profile (:func:`learn_partition`) from the text its pages
have when they reach the boilerplate step. *Reduce*: partial profiles merge (:func:`merge_profiles`;
counts add, so the merged profile is the one a single serial pass learns, as long as no site
outgrows ``max_lines``). *Broadcast and clean*: :func:`clean_values` / :func:`clean_frame_sites`
clean a partition with the profile. The engine glue lives in :mod:`speechclean.dask`
(``learn_sites_bag``, ``clean_bag_sites``) and :mod:`speechclean.spark`
(``learn_site_profile``, ``clean_spark_dataframe_sites``).

Learning runs the front steps (decode → punctuation) a first time, so a learn-then-clean job costs
about 1.8× a plain clean; a streaming job (``pipe(learn_sites=True)``) runs them once.

>>> rows = [{"id": n, "url": f"http://a.cn/{n}", "text": f"甲网 | 登录\\n第{'一二三四'[n]}篇正文。"} for n in range(4)]
>>> parts = [learn_partition(rows[:2]), learn_partition(rows[2:])]
>>> merge_profiles(parts) == learn_partition(rows)
True
>>> [r["text"] for r in clean_values(rows[:1], merge_profiles(parts), keep=())]
['第一篇正文。']
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..batch import DEFAULT_KEEP, Item, clean_item, record_fields, record_item
from .profile import SiteProfile
from .stream import front_item


def _item(value: Any, field: str, id_field: str | None, site_field: str | None) -> Item:
    if isinstance(value, Mapping):
        item = record_item(value, field, id_field)
        site = value.get(site_field) if site_field else None
        return Item(item.source, id=item.id, url=item.url, meta={"site": site} if isinstance(site, str) else {})
    return Item.of(value)


def _cleaner(options: Mapping[str, Any] | None, profile: SiteProfile | None = None) -> Any:
    from ..cleaner import Cleaner
    from ..default_cleaner import cleaner_for

    if profile is None:
        return cleaner_for(dict(options or {}))
    return Cleaner(**{**dict(options or {}), "site_profile": profile})


def learn_partition(
    values: Iterable[Any],
    options: Mapping[str, Any] | None = None,
    field: str = "text",
    id_field: str | None = "id",
    site_field: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> SiteProfile:
    """A partial profile of one partition: records (dicts, the page in ``field``, ``url`` and
    ``site_field`` name the site) or sources; ``settings`` are the profile's (``share``…)."""
    cleaner = _cleaner(options)
    profile = SiteProfile(**dict(settings or {}))
    for value in values:
        page, _ = front_item(cleaner, _item(value, field, id_field, site_field))
        profile.observe_page(page)
    return profile


def merge_profiles(profiles: Iterable[SiteProfile]) -> SiteProfile:
    """The reduce: one profile holding every partial profile's counts (settings of the first)."""
    merged: SiteProfile | None = None
    for profile in profiles:
        merged = profile.copy() if merged is None else merged.merge(profile)
    return merged if merged is not None else SiteProfile()


def clean_values(
    values: Iterable[Any],
    profile: SiteProfile,
    options: Mapping[str, Any] | None = None,
    field: str = "text",
    id_field: str | None = "id",
    site_field: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
) -> list[dict[str, Any]]:
    """Clean one partition with ``profile``: records keep every field (the clean text in
    ``field``), other sources give ``{"text": …}`` dicts; ``keep`` as in :func:`batch.record_fields`."""
    cleaner = _cleaner(options, profile)
    out = []
    for value in values:
        page, _ = clean_item(cleaner, _item(value, field, id_field, site_field))
        if isinstance(value, Mapping):
            row = dict(value)
            row[field] = page.text
        else:
            row = {"text": page.text}
        row.update(record_fields(page, keep))
        out.append(row)
    return out


def clean_frame_sites(
    frame: Any,
    column: str,
    profile: SiteProfile,
    *,
    output_column: str | None = None,
    url_column: str | None = "url",
    site_column: str | None = None,
    keep: Sequence[str] = DEFAULT_KEEP,
    options: Mapping[str, Any] | None = None,
) -> Any:
    """Clean one column of a pandas DataFrame with ``profile``; the page's site comes from
    ``site_column`` or the host of ``url_column`` (when the frame has them)."""
    cleaner = _cleaner(options, profile)
    out = frame.copy()
    urls = frame[url_column].tolist() if url_column and url_column in frame else [None] * len(frame)
    sites = frame[site_column].tolist() if site_column and site_column in frame else [None] * len(frame)
    texts: list[str] = []
    extra: dict[str, list[Any]] = {}
    for value, url, site in zip(frame[column].tolist(), urls, sites):
        item = Item(value if isinstance(value, (str, bytes)) else None, url=url if isinstance(url, str) else None,
                    meta={"site": site} if isinstance(site, str) else {})
        page, _ = clean_item(cleaner, item)
        texts.append(page.text)
        for k, v in record_fields(page, keep).items():
            extra.setdefault(k, []).append(v)
    out[output_column or column] = texts
    for name in keep:
        out[name] = extra.get(name, [])
    return out


def learn_frame(frame: Any, column: str, *, url_column: str | None = "url", site_column: str | None = None,
                options: Mapping[str, Any] | None = None, settings: Mapping[str, Any] | None = None) -> SiteProfile:
    """A partial profile of one pandas DataFrame (a Spark batch or a Dask partition)."""
    rows = []
    urls = frame[url_column].tolist() if url_column and url_column in frame else [None] * len(frame)
    sites = frame[site_column].tolist() if site_column and site_column in frame else [None] * len(frame)
    for value, url, site in zip(frame[column].tolist(), urls, sites):
        rows.append({"text": value, "url": url, "site": site})
    return learn_partition(rows, options, "text", None, "site", settings)


__all__ = ["clean_frame_sites", "clean_values", "learn_frame", "learn_partition", "merge_profiles"]
