"""The command line's edges: separators, --output-dir, --output-field, stdin, exit codes, help, logging."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from support import ROOT, SEEDS, lines, seed

from speechclean.cli import build_parser, main

SEED_000 = next(SEEDS.glob("000_*.txt"))
GBK_HTML = ("<html><head><title>会议讲话</title></head><body><p>同志们：今天召开全县工作会议，"
            "主要任务是总结去年的工作，部署今年的任务。大家要认真落实。</p></body></html>").encode("gbk")


def _env() -> dict[str, str]:
    return {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}


def _site(tmp_path):
    site = tmp_path / "site"
    (site / "sub").mkdir(parents=True)
    (site / ".git").mkdir()
    (site / "a.html").write_bytes(GBK_HTML)
    (site / "sub" / "b.txt").write_text("當前的工作", encoding="utf-8")
    (site / ".git" / "config").write_text("[core]\nbare = false\n", encoding="utf-8")
    (site / ".hidden.txt").write_text("隐藏的文件", encoding="utf-8")
    return site


def test_text_items_are_separated(capsys, tmp_path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("同志们：\n大家好！", encoding="utf-8")
    b.write_text("當前的工作", encoding="utf-8")
    assert main([str(a), str(b), "-q"]) == 0
    assert capsys.readouterr().out.split("\f\n") == ["同志们：\n大家好！\n", "当前的工作\n"]
    assert main([str(a), str(b), "-q", "--separator", "=====\\t"]) == 0
    assert capsys.readouterr().out == "同志们：\n大家好！\n=====\t\n当前的工作\n"
    assert main([str(a), "-q"]) == 0  # one item: no separator at all
    assert capsys.readouterr().out == "同志们：\n大家好！\n"


def test_directories_skip_hidden_files_and_git(capsys, tmp_path) -> None:
    site = _site(tmp_path)
    assert main([str(site), "--format", "jsonl", "-q"]) == 0
    paths = [json.loads(line)["path"] for line in capsys.readouterr().out.splitlines()]
    assert [os.path.relpath(p, site) for p in paths] == ["a.html", os.path.join("sub", "b.txt")]
    assert main([str(site), "--format", "jsonl", "-q", "--hidden"]) == 0
    paths = [os.path.relpath(json.loads(line)["path"], site) for line in capsys.readouterr().out.splitlines()]
    assert os.path.join(".git", "config") in paths and ".hidden.txt" in paths
    hidden = site / ".hidden.txt"
    assert main([str(hidden), "-q"]) == 0  # named explicitly: cleaned
    assert capsys.readouterr().out == "隐藏的文件\n"


@pytest.mark.parametrize(("fmt", "ext"), [("text", ".txt"), ("json", ".json"), ("jsonl", ".json")])
def test_output_dir_mirrors_the_inputs(fmt: str, ext: str, tmp_path) -> None:
    site = _site(tmp_path)
    single = tmp_path / "single.html"
    single.write_bytes(GBK_HTML)
    out = tmp_path / "out"
    assert main([str(site), str(single), "--format", fmt, "--output-dir", str(out), "-q"]) == 0
    written = sorted(str(p.relative_to(out)) for p in out.rglob("*") if p.is_file())
    assert written == sorted(["a" + ext, os.path.join("sub", "b" + ext), "single" + ext])
    text = (out / "sub" / ("b" + ext)).read_text(encoding="utf-8")
    assert (text == "当前的工作\n") if fmt == "text" else json.loads(text)["text"] == "当前的工作"


def test_output_option_naming_a_directory_is_an_output_dir(tmp_path) -> None:
    site = _site(tmp_path)
    out = tmp_path / "clean"
    assert main([str(site), "-o", str(out) + "/", "-q"]) == 0
    assert (out / "a.txt").exists() and "全县工作会议" in (out / "a.txt").read_text(encoding="utf-8")
    assert main([str(site), "-o", str(out), "-q", "--format", "json"]) == 0  # an existing directory
    assert (out / "a.json").exists()


def test_output_dir_gathers_records_per_input_file(tmp_path) -> None:
    src = tmp_path / "crawl.jsonl"
    src.write_text('{"id": 1, "text": "當前"}\n{"id": 2, "text": "工作"}\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["--jsonl", str(src), "--format", "jsonl", "--output-dir", str(out), "-q"]) == 0
    rows = [json.loads(line) for line in (out / "crawl.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [r["text"] for r in rows] == ["当前", "工作"]


def test_output_field_keeps_the_raw_field(capsys, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    html = "<html><body><p>當前的工作很重要，大家要認真落實。</p></body></html>"
    src.write_text(json.dumps({"doc": "a", "html": html}, ensure_ascii=False) + "\n", encoding="utf-8")
    assert main(["--jsonl", str(src), "--field", "html", "--id-field", "doc", "--output-field", "text",
                 "--format", "jsonl", "-q"]) == 0
    row = json.loads(capsys.readouterr().out)
    assert row["html"] == html and row["text"] == "当前的工作很重要，大家要认真落实。" and row["doc"] == "a"


def test_malformed_lines_are_named_with_the_given_fields(capsys, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"doc": "a", "body": "當前"}\n[1, 2]\n{oops\n', encoding="utf-8")
    assert main(["--jsonl", str(src), "--field", "body", "--id-field", "doc", "--format", "jsonl", "-q"]) == 1
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["doc"] for r in rows] == ["a", f"{src}:2", f"{src}:3"]
    assert all(set(r) >= {"doc", "body", "error"} and "id" not in r and "text" not in r for r in rows)
    assert rows[1]["error"] == "InputError: line 2 is not a JSON object"
    assert rows[2]["error"].startswith("InputError: line 3 is not JSON")


def test_piped_stdin_needs_no_dash() -> None:
    out = subprocess.run([sys.executable, "-m", "speechclean", "-q"], input=GBK_HTML, capture_output=True,
                         cwd=ROOT, env=_env(), check=False)
    assert out.returncode == 0 and "全县工作会议" in out.stdout.decode()
    none = subprocess.run([sys.executable, "-m", "speechclean"], stdin=subprocess.DEVNULL, capture_output=True,
                          cwd=ROOT, env=_env(), check=False)
    assert none.returncode == 2 and b"no input" in none.stderr


def test_exit_codes_for_missing_inputs_and_bad_rules(capsys, tmp_path) -> None:
    assert main([str(SEED_000), str(tmp_path / "missing.html")]) == 2
    captured = capsys.readouterr()
    assert "missing.html: no such file" in captured.err and captured.out == ""  # nothing cleaned
    assert main(["--warc", str(tmp_path / "missing.warc.gz")]) == 2
    bad = tmp_path / "bad.toml"
    bad.write_text("[[rule]]\nid = 'x'\npatterns = ['(']\n", encoding="utf-8")
    assert main(["--rules", str(bad), str(SEED_000), str(SEED_000), str(SEED_000)]) == 2
    err = capsys.readouterr().err
    assert err.count("bad.toml") == 1 and "--rules" in err
    assert main(["--rules", str(tmp_path / "nope.toml"), str(SEED_000)]) == 2
    assert "not found" in capsys.readouterr().err
    assert main(["--timeout", "0", str(SEED_000)]) == 2


def test_help_documents_every_option_and_lists_the_steps(capsys) -> None:
    parser = build_parser()
    undocumented = [a.option_strings or a.dest for a in parser._actions if not a.help]
    assert undocumented == []
    assert main(["--help"]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "One of: decode, extract, convert, punctuation, boilerplate, structure" in out
    for option in ("--kind", "--convert", "--disable", "--rules", "--density", "--encoding", "--output-dir",
                   "--warc-types", "--timeout", "--verbose"):
        assert option in out


def test_verbose_logs_the_library_and_quiet_only_errors(capsys, tmp_path) -> None:
    assert main([str(SEED_000), "-vv"]) == 0
    err = capsys.readouterr().err
    assert "step decode" in err and "step boilerplate" in err and "encoding utf-8" in err
    assert main([str(SEED_000)]) == 0
    assert "step decode" not in capsys.readouterr().err
    binary = tmp_path / "x.pdf"
    binary.write_bytes(b"%PDF-1.4 binary")
    assert main([str(binary), "-q"]) == 1
    err = capsys.readouterr().err
    assert "x.pdf" in err and "items" not in err  # the failure, no summary


def test_cli_timeout_fails_one_item(capsys, tmp_path) -> None:
    src = tmp_path / "in.jsonl"
    src.write_text('{"id": 1, "text": "當前"}\n', encoding="utf-8")
    assert main(["--jsonl", str(src), "--timeout", "30", "--format", "jsonl", "-q"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "当前"


def test_seed_through_the_text_format_still_matches(capsys) -> None:
    assert main([str(SEED_000), "-q"]) == 0
    assert lines(capsys.readouterr().out) == lines(seed("002"))
