"""The thin command line: the same options as Python, exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys

from speechclean.cli import main
from support import ROOT, SEEDS, lines, seed

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
