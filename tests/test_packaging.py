"""Packaging: the converter loader's clear errors, typed options, what the extras promise."""

from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import typing

import pytest
from support import ROOT

from speechclean.config import Options, OptionValues
from speechclean.converters import installed_converter, installed_distributions


def _run(code: str, *paths: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([*paths, str(ROOT)])}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=ROOT,
                          check=False)


def test_exactly_one_converter_is_installed_here() -> None:
    assert len(installed_distributions()) == 1
    assert installed_converter() == installed_distributions()[0]


def test_a_clobbered_opencc_module_gives_a_clear_error(tmp_path) -> None:
    # what uninstalling one of two converters leaves: an `opencc` package without the OpenCC class
    (tmp_path / "opencc").mkdir()
    (tmp_path / "opencc" / "__init__.py").write_text("", encoding="utf-8")
    out = _run("import speechclean\n"
               "try:\n    speechclean.clean('當前的工作')\n"
               "except speechclean.ConverterError as e:\n    print('ConverterError:', e)\n", str(tmp_path))
    assert out.returncode == 0, out.stderr
    assert "ConverterError: the opencc module" in out.stdout and "has no OpenCC class" in out.stdout
    assert "pip uninstall -y OpenCC opencc-python-reimplemented" in out.stdout
    assert "StepError" not in out.stdout


def test_a_missing_converter_says_what_to_install(tmp_path) -> None:
    (tmp_path / "opencc.py").write_text("raise ImportError('no module named opencc_clib')", encoding="utf-8")
    out = _run("import speechclean\nspeechclean.clean('當前')", str(tmp_path))
    assert out.returncode == 1 and "speechclean.errors.ConverterError" in out.stderr
    assert "cannot be imported" in out.stderr and "pip install" in out.stderr


def test_option_values_name_every_option() -> None:
    assert OptionValues.__optional_keys__ | OptionValues.__required_keys__ == set(Options.names())


def test_options_are_typed_literal() -> None:
    from speechclean import config

    types = {f.name: f.type for f in dataclasses.fields(Options)}
    assert types["convert"] == "Conversion" and types["kind"] == "Kind"
    assert typing.get_args(config.Conversion) == config.CONVERSIONS
    assert {"t2s", "tw2s", "hk2s", "off"} <= set(config.CONVERSIONS)
    assert typing.get_args(config.Kind) == config.KINDS == ("auto", "html", "text")


@pytest.mark.slow
def test_mypy_rejects_an_option_value_that_does_not_exist(tmp_path) -> None:
    pytest.importorskip("mypy", reason="mypy is not installed (pip install 'speechclean[typecheck]')")
    bad = tmp_path / "bad.py"
    bad.write_text('from speechclean import Cleaner, clean\nCleaner(convert="nope")\nclean("x", kind="pdf")\n'
                   'Cleaner(convert="tw2s", disable=["punctuation"])\n', encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "mypy", "--config-file", str(ROOT / "pyproject.toml"),
                          "--cache-dir", str(tmp_path / "cache"), str(bad)],
                         capture_output=True, text=True, cwd=tmp_path, check=False,
                         env={**os.environ, "MYPYPATH": str(ROOT)})
    assert out.returncode == 1, out.stdout
    errors = [line for line in out.stdout.splitlines() if ": error:" in line]
    assert len(errors) == 2 and "bad.py:2:" in errors[0] and "bad.py:3:" in errors[1]


def test_the_bench_extra_brings_what_trafilatura_needs() -> None:
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    assert any(r.startswith("lxml_html_clean") for r in extras["bench"])
    assert "reimplemented" not in extras  # an extra cannot remove OpenCC: it would install both converters


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_ci_script_runs_the_spark_tests_unskipped() -> None:
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "SPEECHCLEAN_REQUIRE_SPARK=1" in script and "openjdk-17-jre-headless" in script
    assert "pip wheel" in script and "mypy" in script
