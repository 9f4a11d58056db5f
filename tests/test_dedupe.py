"""Fingerprints and duplicate marking (speechclean.fingerprint, speechclean.dedupe)."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from support import SEEDS, seed

import speechclean
from speechclean.cli import main
from speechclean.dedupe import Deduper, mark_duplicates
from speechclean.fingerprint import NEAR_BITS, distance, fingerprint

PARAGRAPHS = [
    "同志们：今天我们召开全市安全生产工作会议，主要任务是总结上半年工作，部署下半年任务。",
    "上半年，全市安全生产形势总体平稳，事故起数和死亡人数同比实现双下降，成绩来之不易。",
    "但是也要清醒看到，一些地方和企业安全意识淡薄，隐患排查不深入不彻底，问题仍然突出。",
    "下半年，各级各部门要压紧压实责任，深入开展隐患排查治理，坚决遏制重特大事故发生。",
    "要加强重点行业领域监管，对危险化学品、道路交通、建筑施工等领域开展专项整治行动。",
    "要强化应急准备，完善应急预案，加强应急演练，确保一旦发生事故能够迅速有效处置。",
    "要严格考核问责，对责任不落实、措施不到位导致事故发生的，依法依规严肃追究责任。",
    "同志们，安全生产责任重于泰山，让我们共同努力，为全市经济社会发展创造良好环境。",
]


def test_seeds_000_and_002_are_duplicates() -> None:
    raw, clean = seed("000"), seed("002")
    pages = list(speechclean.Cleaner().pipe([(raw, {"id": "000"}), (clean, {"id": "002"})], dedupe="exact"))
    assert pages[0].duplicate_of is None
    assert (pages[1].duplicate_of, pages[1].duplicate_kind) == ("000", "exact")


def test_near_duplicate_with_one_paragraph_changed() -> None:
    original = "\n".join(PARAGRAPHS)
    changed = "\n".join([*PARAGRAPHS[:3], "下半年还要抓好防汛抗旱工作，汛期到来之前要全面检查水库堤坝，及时消除各类险情隐患。", *PARAGRAPHS[4:]])
    other = "春天来了，小草从地下探出头来。桃花、杏花、梨花都开了，田野里一片生机勃勃的景象，孩子们在田野里奔跑。"
    assert distance(fingerprint(original), fingerprint(changed)) <= NEAR_BITS
    pages = list(speechclean.Cleaner().pipe([original, changed, other], dedupe="near"))
    assert [(p.duplicate_of, p.duplicate_kind) for p in pages] == [(None, None), ("0", "near"), (None, None)]
    exact = list(speechclean.Cleaner().pipe([original, changed], dedupe="exact"))
    assert exact[1].duplicate_of is None  # exact mode does not mark a changed copy


def test_dedupe_off_and_bad_mode() -> None:
    pages = list(speechclean.Cleaner().pipe(["同志们：大家好！", "同志们：大家好！"]))
    assert all(p.duplicate_of is None for p in pages)
    with pytest.raises(speechclean.OptionError):
        Deduper("fuzzy")  # type: ignore[arg-type]
    with pytest.raises(speechclean.OptionError):
        list(mark_duplicates([], "fuzzy"))  # type: ignore[arg-type]


@settings(max_examples=40, deadline=None)
@given(st.text(min_size=0, max_size=400))
def test_fingerprint_invariants(text: str) -> None:
    fp = fingerprint(text)
    assert len(fp) == 16 and int(fp, 16) >= 0
    assert fingerprint(text) == fp
    assert distance(fp, fp) == 0


def test_fingerprint_is_the_same_in_another_process() -> None:
    text = "\n".join(PARAGRAPHS)
    code = "import sys; from speechclean.fingerprint import fingerprint; print(fingerprint(sys.stdin.read()))"
    env_seed = {"PYTHONHASHSEED": "12345"}
    import os

    out = subprocess.run([sys.executable, "-c", code], input=text, capture_output=True, text=True, check=True,
                         env={**os.environ, **env_seed})
    assert out.stdout.strip() == fingerprint(text)


def test_cli_dedupe(tmp_path) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.jsonl"
    (a,) = SEEDS.glob("000_*.txt")
    (b,) = SEEDS.glob("002_*.txt")
    assert main([str(a), str(b), "--format", "jsonl", "--dedupe", "exact", "--keep", "duplicate_of",
                 "--keep", "fingerprint", "-o", str(out), "-q"]) == 0
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert first["duplicate_of"] is None and second["duplicate_of"] == str(a)
    assert first["fingerprint"] == second["fingerprint"]
