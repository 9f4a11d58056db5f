"""The thin command line: the same options as Python, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from support import ROOT, SEEDS, lines, seed

from speechclean.cli import main

SEED_000 = next(SEEDS.glob("000_*.txt"))


def test_cli_prints_the_clean_text(capsys) -> None:
    assert main([str(SEED_000)]) == 0
    assert lines(capsys.readouterr().out) == lines(seed("002"))


def test_cli_json_and_options(capsys, tmp_path) -> None:
    page = tmp_path / "t.txt"
    page.write_text("會議很重要,大家要落實。", encoding="utf-8")
    assert main(["--json", "--convert", "off", "--disable", "punctuation", str(page)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["text"] == "會議很重要,大家要落實。"


def test_cli_exit_codes(capsys, tmp_path) -> None:
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.4 binary")
    assert main([str(SEED_000), str(binary)]) == 1
    assert "x.pdf" in capsys.readouterr().err
    assert main(["--convert", "nope", str(SEED_000)]) == 2
    assert main([]) == 2


def test_python_dash_m_runs_the_same_command() -> None:
    out = subprocess.run([sys.executable, "-m", "speechclean", str(SEED_000)], capture_output=True, text=True,
                         cwd=ROOT, check=True, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    assert lines(out.stdout) == lines(seed("002"))


# -- batches on the command line ----------------------------------------------------------
GBK_HTML = ("<html><head><title>会议讲话</title></head><body><p>同志们：今天召开全县工作会议，"
            "主要任务是总结去年的工作，部署今年的任务。大家要认真落实。</p></body></html>").encode("gbk")
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4


def _warc(path, records) -> None:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as f:
        writer = WARCWriter(f, gzip=True)
        for url, content_type, body in records:
            http = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=BytesIO(body),
                                                          http_headers=http))
        info = writer.create_warc_record("http://x/req", "request", payload=BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
        writer.write_record(info)


def test_cli_warc_passes_the_http_charset(capsys, tmp_path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    _warc(warc, [("http://x/gbk", "text/html; charset=gbk", GBK_HTML),
                 ("http://x/logo.png", "image/png", PNG),
                 ("http://x/plain", "text/plain; charset=utf-8", "當前的工作".encode())])
    assert main(["--warc", str(warc), "--format", "json"]) == 0
    captured = capsys.readouterr()
    out = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["url"] for r in out] == ["http://x/gbk", "http://x/plain"]  # the image and request are skipped
    assert out[0]["encoding"]["source"] == "http" and out[0]["encoding"]["declared"].lower() == "gbk"
    assert "全县工作会议" in out[0]["text"] and out[1]["text"] == "当前的工作"
    assert "2 items, 0 failed" in captured.err


def test_cli_jsonl_in_and_out(capsys, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    rows = [{"doc": "d1", "body": "當前的工作", "site": "a"}, {"doc": "d2", "body": 3}, {"doc": "d3", "body": "同志们好。"}]
    src.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n{not json\n", encoding="utf-8")
    dst = tmp_path / "out.jsonl"
    code = main(["--jsonl", str(src), "--field", "body", "--id-field", "doc", "--format", "jsonl", "-o", str(dst)])
    assert code == 1
    out = [json.loads(line) for line in dst.read_text(encoding="utf-8").splitlines()]
    assert [r.get("doc") for r in out] == ["d1", "d2", "d3", f"{src}:4"]  # the bad line named by --id-field
    assert out[3]["body"] == "" and "text" not in out[3]  # and its text in --field
    assert out[0] == {"doc": "d1", "body": "当前的工作", "site": "a", "title": None, "encoding": None,
                      "removals": 0, "error": None}
    assert out[1]["error"].startswith("InputError") and out[3]["error"].startswith("InputError: line 4")
    err = capsys.readouterr().err
    assert "d2:" in err and "4 items, 2 failed" in err


def test_cli_stdin_and_jsonl_from_stdin(capsys, monkeypatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(GBK_HTML)))
    assert main(["-", "--quiet"]) == 0
    captured = capsys.readouterr()
    assert "全县工作会议" in captured.out and captured.err == ""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b'{"id": 1, "text": "\\u7576\\u524d"}\n')))
    assert main(["--jsonl", "-", "--format", "jsonl", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "当前"


def test_cli_batch_isolates_errors_and_keeps_order(capsys, tmp_path) -> None:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.html").write_bytes(GBK_HTML)
    (folder / "b.html").write_bytes(PNG)  # a binary file named like a page
    (folder / "sub" / "c.html").write_bytes(b"<html><body><p>\xff\xfe\x00\x00\xd8\x00broken" + b"\x00" * 64)
    (folder / "sub" / "d.html").write_text("<p>同志们：大家要认真落实会议精神。</p>", encoding="utf-8")
    (folder / "notes.md").write_text("不是网页", encoding="utf-8")
    for jobs in ("1", "2"):
        code = main([str(folder), "--glob", "*.html", "--format", "jsonl", "--jobs", jobs])
        captured = capsys.readouterr()
        out = [json.loads(line) for line in captured.out.splitlines()]
        assert code == 1
        assert [r["path"].removeprefix(str(folder)) for r in out] == ["/a.html", "/b.html", "/sub/c.html",
                                                                      "/sub/d.html"]
        assert [r["error"] is None for r in out] == [True, False, False, True]
        assert "全县工作会议" in out[0]["text"] and "认真落实" in out[3]["text"]
        assert "b.html: " in captured.err and "4 items, 2 failed" in captured.err


def test_cli_text_format_and_explain(capsys, tmp_path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("当前位置：首页 > 范文\n同志们：大家好！", encoding="utf-8")
    assert main([str(page), "--explain"]) == 0
    captured = capsys.readouterr()
    assert captured.out == "同志们：大家好！\n"
    assert "boilerplate.breadcrumb" in captured.err


def test_cli_config_rules_disable_map_onto_options(tmp_path) -> None:
    from speechclean.cli import build_parser, options_from_args

    rules = tmp_path / "extra.toml"
    rules.write_text("", encoding="utf-8")
    config = tmp_path / "site.toml"
    config.write_text('convert = "tw2s"\ndisable = ["structure"]\n', encoding="utf-8")
    args = build_parser().parse_args(["--config", str(config), "--rules", str(rules), "--disable", "punctuation",
                                      "x"])
    opts = options_from_args(args)
    assert opts.convert == "tw2s" and opts.disable == ("punctuation",) and opts.rules == (str(rules),)


def test_cli_usage_errors(capsys, tmp_path) -> None:
    assert main(["--jsonl", str(tmp_path / "missing.jsonl")]) == 2
    assert main(["--config", str(tmp_path / "missing.toml"), str(SEED_000)]) == 2
    assert main(["--jobs", "0", str(SEED_000)]) == 2
    assert main(["--format", "xml", str(SEED_000)]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_cli_help_documents_exit_codes(capsys) -> None:
    assert main(["--help"]) == 0
    out = capsys.readouterr().out
    assert "exit codes:" in out and "2    usage error" in out


def test_cli_subprocess_smoke_with_jobs(tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": seed(p)}) + "\n" for i, p in enumerate(["000", "001", "002"])),
                   encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "speechclean", "--jsonl", str(src), "--format", "jsonl", "-j", "2"],
                         capture_output=True, text=True, cwd=ROOT, check=True,
                         env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"})
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert [r["id"] for r in rows] == [0, 1, 2] and all(r["error"] is None for r in rows)
    assert "3 items, 0 failed" in out.stderr and "\r" not in out.stderr  # no progress bar off a terminal


def test_cli_progress_bar_only_on_a_terminal(capsys, monkeypatch) -> None:
    pytest.importorskip("tqdm")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main([str(SEED_000), str(SEED_000)]) == 0
    err = capsys.readouterr().err
    assert "items" in err and "\r" in err  # tqdm redraws its line on the terminal
    assert main([str(SEED_000), "--quiet"]) == 0
    assert capsys.readouterr().err == ""
