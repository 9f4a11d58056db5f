"""The test suite itself: a corpus elsewhere (SPEECHCLEAN_CORPUS), and skips that say why."""

from __future__ import annotations

import os
import subprocess
import sys

from support import ROOT


def _pytest(*args: str, corpus: str) -> str:
    env = {**os.environ, "SPEECHCLEAN_CORPUS": corpus, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-p", "no:randomly", "-rs",
                          *args], capture_output=True, text=True, cwd=ROOT, env=env, check=False)
    assert out.returncode == 0, out.stdout[-2000:]
    return out.stdout


def test_without_a_corpus_the_skips_say_so(tmp_path) -> None:
    out = _pytest("tests/test_decode.py", corpus=str(tmp_path / "nowhere"))
    assert "got empty parameter set" not in out
    assert "set SPEECHCLEAN_CORPUS" in out and "skipped" in out


def test_the_corpus_can_live_elsewhere(tmp_path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "encoding").mkdir(parents=True)
    page = "同志们：今天的会议很重要。".encode("gbk")
    (corpus / "encoding" / "a.txt").write_bytes(page)
    (corpus / "manifest.jsonl").write_text(
        '{"set": "encoding", "local_file": "encoding/a.txt", "declared_or_known_encoding": "gbk", '
        '"strict_decodes_as": ["gbk"], "gold_type": null}\n', encoding="utf-8")
    out = _pytest("tests/test_decode.py", "-k", "corpus_encoding_samples", corpus=str(corpus))
    assert "1 passed" in out
