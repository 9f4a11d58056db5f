"""WARC readers: warcio (what speechclean.warc uses) against FastWARC, on an archive built here.

1. **Speed**: records/s and MB/s reading every record's payload of a ~100 MB ``.warc.gz`` of
   HTML responses (the shared corpus pages when present, else the seeds), best of 3 runs each,
   FastWARC's time as a ratio of warcio's in the same run.
2. **Reads everything warcio reads?** Both readers on a small archive of every record type and
   the awkward cases (chunked and gzip-encoded bodies, a 404, a response without headers, WET
   conversions, a truncated gzip member): the fields speechclean needs are compared one by one.

    PYTHONPATH=. python benchmarks/warc.py [--mb 100]
"""

from __future__ import annotations

import argparse
import gzip
import io
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"


def pages() -> list[bytes]:
    files = sorted(CORPUS.rglob("*.html"))[:300] or sorted((ROOT / "fixtures" / "seeds").glob("*.txt"))
    return [p.read_bytes() for p in files]


def build_big(path: Path, megabytes: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    bodies = pages()
    n = written = 0
    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        while written < megabytes * 1_000_000:
            body = bodies[n % len(bodies)]
            http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"http://example.com/{n}", "response",
                                                          payload=io.BytesIO(body), http_headers=http))
            written += len(body)
            n += 1
    return n


def build_awkward(path: Path, truncate: bool = False) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    w = WARCWriter(buffer, gzip=True)
    w.write_record(w.create_warcinfo_record("x.warc.gz", {"software": "benchmark"}))

    def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))

    response("http://x/gbk", "200 OK", [("Content-Type", "text/html; charset=gbk")], "<p>会议</p>".encode("gbk"))
    response("http://x/chunked", "200 OK", [("Content-Type", "text/plain"), ("Transfer-Encoding", "chunked")],
             b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n")
    response("http://x/gz", "200 OK", [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
             gzip.compress("压缩".encode()))
    response("http://x/404", "404 Not Found", [("Content-Type", "text/html")], b"<p>not found</p>")
    response("http://x/no-headers", "200 OK", [], "无类型".encode())
    w.write_record(w.create_warc_record("http://x/res", "resource", payload=io.BytesIO("资源".encode()),
                                        warc_content_type="text/html"))
    w.write_record(w.create_warc_record("http://x/wet", "conversion", payload=io.BytesIO("转换".encode()),
                                        warc_content_type="text/plain"))
    w.write_record(w.create_warc_record("http://x/req", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    data = buffer.getvalue()
    path.write_bytes(data[: len(data) * 2 // 3] if truncate else data)


def read_warcio(path: Path) -> list[tuple]:
    from warcio.archiveiterator import ArchiveIterator

    out = []
    with open(path, "rb") as f:
        for r in ArchiveIterator(f):
            h = r.http_headers if r.rec_type in ("response", "request") else None
            body = r.content_stream().read()
            status = h.get_statuscode() if h is not None and r.rec_type == "response" else None
            ctype = h.get_header("Content-Type") if h is not None else r.rec_headers.get_header("Content-Type")
            out.append((r.rec_type, r.rec_headers.get_header("WARC-Target-URI"), status and int(status), ctype, body))
    return out


def read_fastwarc(path: Path) -> list[tuple]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    out = []
    with open(path, "rb") as f:
        for r in ArchiveIterator(f, record_types=WarcRecordType.any_type, parse_http=True, auto_decode="all"):
            body = r.reader.read()
            kind = str(r.record_type).rsplit(".", 1)[-1]
            h = r.http_headers if r.is_http else None
            status = h.status_code if h is not None and kind == "response" else None
            ctype = h.get("Content-Type") if h is not None else r.headers.get("Content-Type")
            out.append((kind, r.headers.get("WARC-Target-URI"), status, ctype, body))
    return out


def timed(fn, path: Path) -> tuple[float, int, int]:
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        records = fn(path)
        best = min(best, time.perf_counter() - started)
    return best, len(records), sum(len(r[4]) for r in records)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=int, default=100, help="payload megabytes in the speed archive (default 100)")
    args = parser.parse_args()
    try:
        import fastwarc  # noqa: F401
    except ImportError:
        print("FastWARC is not installed (pip install fastwarc): nothing to compare", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp, "big.warc.gz")
        n = build_big(big, args.mb)
        size = big.stat().st_size / 1e6
        print(f"archive: {n} response records, {size:.1f} MB gzipped")
        results = {name: timed(fn, big) for name, fn in (("warcio", read_warcio), ("fastwarc", read_fastwarc))}
        base = results["warcio"][0]
        for name, (seconds, count, payload) in results.items():
            print(f"{name:9s} {seconds:6.2f} s  {count / seconds:8.0f} records/s  {payload / 1e6 / seconds:6.1f} MB/s "
                  f"payload  {seconds / base:.2f}x warcio's time")

        print("\nawkward archive, field by field (type, url, status, content type, payload):")
        for truncate in (False, True):
            path = Path(tmp, f"awkward{'-cut' if truncate else ''}.warc.gz")
            build_awkward(path, truncate)
            a, b = read_warcio(path), read_fastwarc(path)
            label = "truncated" if truncate else "whole"
            print(f"  {label}: warcio {len(a)} records, fastwarc {len(b)} records (neither raises)")
            for extra in b[len(a):]:
                print(f"    only fastwarc: {extra[:4]} with a {len(extra[4])}-byte payload (the record cut short)")
            for x, y in zip(a, b):
                if x != y:
                    diff = [f for f, u, v in zip(("type", "url", "status", "content type", "payload"), x, y) if u != v]
                    print(f"    {x[1]}: differ in {', '.join(diff)}: warcio {[x[i] for i in range(4)]} "
                          f"fastwarc {[y[i] for i in range(4)]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
