"""WARC input: every record type read or counted, HTTP status, damaged and non-WARC files (archives built here)."""

from __future__ import annotations

import gzip
import json
from io import BytesIO

import pytest

from speechclean.cli import main

warcio = pytest.importorskip("warcio")

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from speechclean.warc import WarcFormatError, WarcReader

GBK_HTML = ("<html><head><title>会议讲话</title></head><body><p>同志们：今天召开全县工作会议，"
            "主要任务是总结去年的工作，部署今年的任务。大家要认真落实。</p></body></html>").encode("gbk")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _archive(gz: bool = True) -> bytes:
    buffer = BytesIO()
    w = WARCWriter(buffer, gzip=gz)
    w.write_record(w.create_warcinfo_record("t.warc.gz", {"software": "tests"}))

    def response(url, status, headers, body):
        http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(url, "response", payload=BytesIO(body), http_headers=http))

    response("http://x/gbk", "200 OK", [("Content-Type", "text/html; charset=gbk")], GBK_HTML)
    response("http://x/chunked", "200 OK", [("Content-Type", "text/plain; charset=utf-8"),
                                            ("Transfer-Encoding", "chunked")],
             b"f\r\n" + "當前的工作".encode()[:15] + b"\r\n0\r\n\r\n")
    response("http://x/404", "404 Not Found", [("Content-Type", "text/html")], "<p>页面不存在</p>".encode())
    response("http://x/moved", "301 Moved Permanently", [("Location", "http://x/new")], b"")
    response("http://x/logo.png", "200 OK", [("Content-Type", "image/png")], PNG)
    response("http://x/no-type", "200 OK", [], "没有类型的页面：同志们好。".encode())
    response("http://x/no-type.png", "200 OK", [], PNG)
    response("http://x/gz", "200 OK", [("Content-Type", "text/plain"), ("Content-Encoding", "gzip")],
             gzip.compress("压缩的正文".encode()))
    w.write_record(w.create_warc_record("http://x/res", "resource", warc_content_type="text/html",
                                        payload=BytesIO("<p>资源记录：大家要认真落实。</p>".encode())))
    w.write_record(w.create_warc_record("http://x/wet", "conversion", warc_content_type="text/plain",
                                        payload=BytesIO("转换记录的纯文本。".encode())))
    w.write_record(w.create_warc_record("http://x/req", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    w.write_record(w.create_warc_record("http://x/meta", "metadata", warc_content_type="application/warc-fields",
                                        payload=BytesIO(b"outlinks: http://x/a\r\n")))
    return buffer.getvalue()


def _run(capsys, *args) -> tuple[int, list[dict], str]:
    code = main([*args, "--format", "jsonl"])
    captured = capsys.readouterr()
    return code, [json.loads(line) for line in captured.out.splitlines()], captured.err


@pytest.mark.parametrize("gz", [True, False])
def test_every_record_is_read_or_counted_with_its_reason(capsys, tmp_path, gz: bool) -> None:
    path = tmp_path / ("t.warc.gz" if gz else "t.warc")
    path.write_bytes(_archive(gz))
    code, rows, err = _run(capsys, "--warc", str(path))
    assert code == 0
    assert [r["url"] for r in rows] == ["http://x/gbk", "http://x/chunked", "http://x/no-type", "http://x/gz",
                                        "http://x/res", "http://x/wet"]
    assert [r.get("status") for r in rows] == [200, 200, 200, 200, None, None]
    assert [r["warc_type"] for r in rows][-2:] == ["resource", "conversion"]
    assert "全县工作会议" in rows[0]["text"] and rows[0]["encoding"] == "gb18030"
    assert rows[1]["text"] == "当前的工作" and rows[3]["text"] == "压缩的正文"
    assert "认真落实" in rows[4]["text"] and rows[5]["text"] == "转换记录的纯文本。"
    assert "6 items, 0 failed" in err
    skipped = err.split("WARC records skipped: ")[1]
    for reason in ("1 warcinfo record", "1 request record", "1 metadata record", "1 status 404", "1 status 301",
                   "1 content type image/png", "1 binary payload without Content-Type"):
        assert reason in skipped


def test_status_and_types_can_be_chosen(capsys, tmp_path) -> None:
    path = tmp_path / "t.warc.gz"
    path.write_bytes(_archive())
    code, rows, _ = _run(capsys, "--warc", str(path), "--warc-any-status", "--warc-types", "response")
    assert code == 0
    assert [(r["url"], r["status"]) for r in rows if r["status"] != 200] == [("http://x/404", 404),
                                                                            ("http://x/moved", 301)]
    assert all(r["warc_type"] == "response" for r in rows)
    assert main(["--warc", str(path), "--warc-types", "response,bogus"]) == 2


def test_a_truncated_archive_keeps_what_came_before_and_exits_1(capsys, tmp_path) -> None:
    whole = _archive()
    reader = WarcReader(BytesIO(whole))
    expected = [item.url for item in reader]
    for cut in (len(whole) // 2, len(whole) - 40):
        path = tmp_path / "cut.warc.gz"
        path.write_bytes(whole[:cut])
        code, rows, err = _run(capsys, "--warc", str(path))
        assert code == 1
        *kept, damage = rows
        assert [r["url"] for r in kept] == expected[: len(kept)] and len(kept) >= 1
        assert all(r["error"] is None and r["text"] for r in kept)
        assert damage["error"].startswith("InputError: damaged WARC") and "truncated" in damage["error"]
        assert "damaged WARC" in err


def test_a_record_cut_short_in_a_plain_warc_is_an_error(capsys, tmp_path) -> None:
    whole = _archive(gz=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(whole[: whole.index("<p>资源记录".encode()) + 10])
    code, rows, _ = _run(capsys, "--warc", str(path))
    assert code == 1
    assert rows[-1]["error"].startswith("InputError: damaged WARC") and rows[-2]["url"] == "http://x/gz"


@pytest.mark.parametrize("content", [b"hello, this is not a WARC\n" * 20, gzip.compress(b"<html>no</html>" * 9), b""])
def test_a_file_that_is_not_a_warc_is_a_usage_error(capsys, tmp_path, content: bytes) -> None:
    path = tmp_path / "not.warc.gz"
    path.write_bytes(content)
    assert main(["--warc", str(path)]) == 2
    assert "is not a WARC archive" in capsys.readouterr().err
    with pytest.raises(WarcFormatError):
        list(WarcReader(path))


def test_reader_counts_on_its_own(tmp_path) -> None:
    reader = WarcReader(BytesIO(_archive()), types=("conversion",))
    assert [i.kind for i in reader] == ["text"]
    assert reader.read == 1 and reader.skipped["response record"] == 8 and reader.damaged is None


@pytest.mark.parametrize("gz", [True, False])
def test_every_cut_point_is_reported_and_never_yields_a_partial_page(tmp_path, gz: bool) -> None:
    whole = _archive(gz)
    expected = [(i.url, i.source) for i in WarcReader(BytesIO(whole))]
    path = tmp_path / "cut.warc"
    for cut in range(300, len(whole) - 1, 37):
        path.write_bytes(whole[:cut])
        items = list(WarcReader(path))
        good = [(i.url, i.source) for i in items if i.error is None]
        assert good == expected[: len(good)], cut  # whole payloads only, in order
        # a cut exactly between two records leaves a shorter, valid archive; any other cut is damage
        rest = whole[cut:].lstrip(b"\r\n")
        if not rest.startswith((b"WARC/", b"\x1f\x8b\x08")):
            assert items[-1].error is not None and "damaged WARC" in items[-1].error, cut


def _cuts_inside_content_length(whole: bytes, gz: bool) -> list[int]:
    """Cut points whose readable bytes end inside a record's ``Content-Length:`` line.

    The random record ids move these points from run to run, so the step-37 sweep above meets
    them only now and then; here every record's line is cut at every byte, deterministically.
    """
    import zlib

    if not gz:
        cuts, at = [], whole.find(b"Content-Length:")
        while at >= 0:
            cuts += range(at + 1, whole.index(b"\r\n", at) + 1)
            at = whole.find(b"Content-Length:", at + 1)
        return cuts
    cuts, member = [], 0
    while member < len(whole):
        d, out = zlib.decompressobj(31), b""
        for i in range(member, len(whole)):  # feed the member byte by byte, watch what comes out
            out += d.decompress(whole[i:i + 1])
            line = out.find(b"Content-Length:")
            if line >= 0 and b"\r\n" not in out[line:]:
                cuts.append(i + 1)
            if d.eof:
                break
        member = i + 1 - len(d.unused_data)
    return cuts


@pytest.mark.parametrize("gz", [True, False])
def test_a_cut_inside_the_content_length_line_is_damage_not_an_empty_page(gz: bool) -> None:
    whole = _archive(gz)
    expected = [(i.url, i.source) for i in WarcReader(BytesIO(whole))]
    cuts = _cuts_inside_content_length(whole, gz)
    assert len(cuts) >= 12  # the line of each of the 12 records is reached
    for cut in cuts:
        items = list(WarcReader(BytesIO(whole[:cut])))
        good = [(i.url, i.source) for i in items if i.error is None]
        assert good == expected[: len(good)], cut
        assert items and items[-1].error is not None and "damaged WARC" in items[-1].error, cut


def test_warc_from_a_pipe_reports_a_truncated_tail_too() -> None:
    import subprocess
    import sys

    from support import ROOT

    whole = _archive()
    for data, code in ((whole, 0), (whole[: len(whole) - 40], 1)):
        out = subprocess.run([sys.executable, "-m", "speechclean", "--warc", "-", "--format", "jsonl"], input=data,
                             capture_output=True, cwd=ROOT, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
                             check=False)
        rows = [json.loads(line) for line in out.stdout.splitlines()]
        assert out.returncode == code, out.stderr
        assert [r["url"] for r in rows if r["error"] is None][:6] == ["http://x/gbk", "http://x/chunked",
                                                                      "http://x/no-type", "http://x/gz",
                                                                      "http://x/res", "http://x/wet"]
        assert ("damaged WARC" in (rows[-1]["error"] or "")) == (code == 1)
