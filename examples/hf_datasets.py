"""Clean a Hugging Face dataset with ``datasets.map(num_proc=...)``.

One module-level :class:`speechclean.Cleaner` is reused by every batch; each of the
``num_proc`` worker processes builds its own copy once (the cleaner pickles to its options
and hooks, and OpenCC and the compiled rules are cached per process).

    pip install speechclean datasets
    python examples/hf_datasets.py data.jsonl --field text --num-proc 4 -o clean/

Without ``datasets`` installed the script says so and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from speechclean import Cleaner
from speechclean.batch import DEFAULT_KEEP, Item, clean_item, record_fields

CLEANER = Cleaner(convert="t2s")  # built once at import; rebuilt once per worker process


def clean_batch(batch: dict[str, list[Any]], field: str = "text") -> dict[str, list[Any]]:
    """A ``batched=True`` map function: the field cleaned, title/encoding/removals/error added.

    >>> clean_batch({"text": ["當前的工作"], "id": [1]})["text"]
    ['当前的工作']
    """
    out: dict[str, list[Any]] = {**batch, field: []}
    for name in DEFAULT_KEEP:
        out[name] = []
    for value in batch[field]:
        page, _ = clean_item(CLEANER, Item(value if isinstance(value, (str, bytes)) else None))
        out[field].append(page.text)
        for name, v in record_fields(page, DEFAULT_KEEP).items():
            out[name].append(v)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Clean a JSONL/Parquet dataset with datasets.map")
    parser.add_argument("data", help="a JSON lines or Parquet file")
    parser.add_argument("--field", default="text")
    parser.add_argument("--num-proc", type=int, default=2)
    parser.add_argument("-o", "--output", default="clean-dataset")
    args = parser.parse_args(argv)
    try:
        import datasets
    except ImportError:
        print("this example needs the 'datasets' package: pip install datasets", file=sys.stderr)
        return 2
    kind = "parquet" if args.data.endswith(".parquet") else "json"
    ds = datasets.load_dataset(kind, data_files=args.data, split="train")
    ds = ds.map(clean_batch, batched=True, batch_size=64, num_proc=args.num_proc, fn_kwargs={"field": args.field})
    ds.save_to_disk(args.output)
    print(f"{len(ds)} rows, {sum(e is not None for e in ds['error'])} failed -> {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
