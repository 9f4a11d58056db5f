"""Derive the Traditional-only and Simplified-only character sets from OpenCC's own dictionaries.

Writes ``speechclean/data/script_chars.txt`` (shipped as package data), read by
:mod:`speechclean.script`. Run it again when OpenCC's dictionaries change:

    python scripts/derive_script_chars.py                 # the installed opencc module's dictionaries
    python scripts/derive_script_chars.py --dicts DIR     # a folder of OpenCC text dictionaries

Sources, in this order: ``--dicts DIR`` (``*.txt`` in OpenCC's text format, e.g. OpenCC's
``data/dictionary`` folder); the official ``OpenCC`` wheel (its ``.ocd2`` files, dumped to text
with the ``opencc_dict`` tool it ships); ``opencc-python-reimplemented`` (text dictionaries).

Definitions (a dictionary line is ``key<TAB>target target…``):

* a character is **valid Simplified** when OpenCC produces it from Traditional (any target of
  ``TSCharacters``/``TSCharactersExt``) or converts it from Simplified (a key of ``STCharacters``);
* it is **Traditional-only** when OpenCC converts it to Simplified (a key of ``TSCharacters`` or
  ``TSCharactersExt``) and it is not valid Simplified. So 後 and 們 are Traditional-only; 乾
  (乾 → 干 乾), 於, 夥, 瞭, 藉 are not: OpenCC lists them as Simplified targets too. The regional
  variant dictionaries are not used for this set: their keys include forms valid in Simplified
  (``HKVariantsRev`` maps 著 → 着, yet 著作 is Simplified);
* it is **valid Traditional** when OpenCC produces it from Simplified (any target of
  ``STCharacters`` and of the regional variant dictionaries) or converts it to Simplified;
* it is **Simplified-only** when it is a key of ``STCharacters`` and not valid Traditional.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "speechclean" / "data" / "script_chars.txt"
NAMES = ("TSCharacters", "TSCharactersExt", "STCharacters", "TWVariants", "HKVariants")


def read_dict(path: Path) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, _, targets = line.partition("\t")
        out[key] = targets.split()
    return out


def official_dicts(tmp: Path) -> tuple[dict[str, dict[str, list[str]]], str] | None:
    try:
        import opencc
    except ImportError:
        return None
    base = Path(opencc.__file__).parent / "clib"
    share, tool = base / "share" / "opencc", base / "bin" / "opencc_dict"
    if not share.is_dir() or not tool.exists():
        return None
    dicts = {}
    for name in NAMES:
        src = share / f"{name}.ocd2"
        if src.exists():
            dst = tmp / f"{name}.txt"
            subprocess.run([str(tool), "-i", str(src), "-o", str(dst), "-f", "ocd2", "-t", "text"], check=True)
            dicts[name] = read_dict(dst)
    from importlib import metadata

    return dicts, f"OpenCC {metadata.version('OpenCC')} (.ocd2 dumped with opencc_dict)"


def text_dicts(folder: Path, label: str) -> tuple[dict[str, dict[str, list[str]]], str]:
    return {n: read_dict(folder / f"{n}.txt") for n in NAMES if (folder / f"{n}.txt").exists()}, label


def find_dicts(arg: str | None, tmp: Path) -> tuple[dict[str, dict[str, list[str]]], str]:
    if arg:
        return text_dicts(Path(arg), f"text dictionaries from {Path(arg).name}/")
    found = official_dicts(tmp)
    if found:
        return found
    import opencc

    folder = Path(opencc.__file__).parent / "dictionary"
    if folder.is_dir():
        return text_dicts(folder, "opencc-python-reimplemented text dictionaries")
    sys.exit("no OpenCC dictionaries found: pass --dicts DIR")


def derive(d: dict[str, dict[str, list[str]]]) -> tuple[str, str]:
    def keys(*names: str) -> set[str]:
        return {k for n in names for k in d.get(n, {}) if len(k) == 1}

    def targets(*names: str) -> set[str]:
        return {t for n in names for ts in d.get(n, {}).values() for t in ts if len(t) == 1}

    simp_valid = targets("TSCharacters", "TSCharactersExt") | keys("STCharacters")
    trad_only = keys("TSCharacters", "TSCharactersExt") - simp_valid
    trad_valid = targets("STCharacters", "TWVariants", "HKVariants") | keys("TSCharacters", "TSCharactersExt")
    simp_only = keys("STCharacters") - trad_valid
    return "".join(sorted(trad_only)), "".join(sorted(simp_only))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dicts", help="a folder of OpenCC text dictionaries (*.txt)")
    parser.add_argument("--out", default=str(OUT), help=f"output file (default {OUT.relative_to(ROOT)})")
    args = parser.parse_args()
    tmp = Path(tempfile.mkdtemp())
    try:
        dicts, source = find_dicts(args.dicts, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    if "TSCharacters" not in dicts or "STCharacters" not in dicts:
        sys.exit("TSCharacters and STCharacters are needed")
    trad_only, simp_only = derive(dicts)
    Path(args.out).write_text(
        "# Written by scripts/derive_script_chars.py; do not edit by hand.\n"
        f"# source: {source}; dictionaries: {' '.join(sorted(dicts))}\n"
        f"traditional_only\t{trad_only}\n"
        f"simplified_only\t{simp_only}\n",
        encoding="utf-8",
    )
    print(f"{args.out}: {len(trad_only)} Traditional-only, {len(simp_only)} Simplified-only characters ({source})")


if __name__ == "__main__":
    main()
