"""Worker processes: deaths, time limits, unpicklable hooks, and no orphans after the parent goes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from support import ROOT

import speechclean
from speechclean import Cleaner, ItemTimeoutError, OptionError, Page, WorkerError

linux_only = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc (Linux)")


def die_on_marker(page: Page) -> Page:  # module level: picklable into workers
    if "死机" in page.text:
        os.kill(os.getpid(), signal.SIGKILL)
    return page


def sleep_on_marker(page: Page) -> Page:
    if "慢" in page.text:
        time.sleep(60)
    return page


def sleep_deaf_to_alarms(page: Page) -> Page:
    """Like a C extension that never returns to Python: the worker's own alarm cannot stop it."""
    if "慢" in page.text:
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
        time.sleep(60)
    return page


def _texts(n: int, marked: int, marker: str) -> list[str]:
    return [f"第{i}条：同志们，{marker if i == marked else ''}大家好。" for i in range(n)]


@pytest.mark.parametrize("chunksize", [1, 4])
def test_a_dead_worker_fails_only_its_item_and_names_it(chunksize: int) -> None:
    cleaner = Cleaner(convert="off").add_hook(die_on_marker)
    sources = _texts(40, 17, "死机")
    pages = list(cleaner.pipe(sources, workers=2, chunksize=chunksize, on_error="record"))
    assert len(pages) == 40
    assert [i for i, p in enumerate(pages) if not p.ok] == [17]
    error = pages[17].error
    assert isinstance(error, WorkerError) and "item 17" in str(error) and "exit code -9" in str(error)
    assert [p.text for i, p in enumerate(pages) if i != 17] == [s for i, s in enumerate(sources) if i != 17]


def test_on_error_raise_yields_every_page_before_the_dead_worker() -> None:
    cleaner = Cleaner(convert="off").add_hook(die_on_marker)
    got = []
    with pytest.raises(WorkerError, match="item 17"):
        for page in cleaner.pipe(_texts(40, 17, "死机"), workers=2, chunksize=4):
            got.append(page.text)
    assert got == _texts(40, 17, "死机")[:17]


@pytest.mark.parametrize("hook", [sleep_on_marker, sleep_deaf_to_alarms])
@pytest.mark.parametrize("workers", [1, 2])
def test_timeout_records_a_timeout_error_and_goes_on(hook, workers: int) -> None:
    cleaner = Cleaner(convert="off").add_hook(hook)
    sources = _texts(6, 2, "慢")
    started = time.monotonic()
    pages = list(cleaner.pipe(sources, workers=workers, chunksize=2, timeout=0.5, on_error="record"))
    assert time.monotonic() - started < 30  # the 60 s sleep was cut short (not a speed assertion)
    assert [p.ok for p in pages] == [True, True, False, True, True, True]
    assert isinstance(pages[2].error, TimeoutError) and isinstance(pages[2].error, ItemTimeoutError)
    assert [p.text for p in pages[3:]] == sources[3:]


def test_timeout_is_validated() -> None:
    for bad in (0, -1, "5", True):
        with pytest.raises(OptionError, match="timeout"):
            Cleaner().pipe(["x"], timeout=bad)


def test_an_unpicklable_hook_is_named_before_any_work_starts() -> None:
    pulled = []

    def sources():
        pulled.append(1)
        yield "同志们好。"

    cleaner = Cleaner().add_hook(lambda page: page, name="my_lambda")
    with pytest.raises(OptionError, match="my_lambda"):
        Cleaner.pipe(cleaner, sources(), workers=2)  # raised by the call, not by iterating
    assert pulled == []
    assert [p.text for p in cleaner.pipe(["同志们好。"])] == ["同志们好。"]  # serial needs no pickling


def test_a_closed_stream_stops_its_workers() -> None:
    import multiprocessing

    cleaner = Cleaner(convert="off").add_hook(sleep_on_marker)
    before = set(multiprocessing.active_children())
    stream = cleaner.pipe(_texts(20, 5, "慢"), workers=2, chunksize=1)
    assert next(stream).ok
    children = [c for c in multiprocessing.active_children() if c not in before]
    assert len(children) == 2
    started = time.monotonic()
    stream.close()  # a stuck item must not keep close() waiting
    assert time.monotonic() - started < 20
    assert not any(c.is_alive() for c in children)


# -- the parent goes: its workers go too ---------------------------------------------------
SCRIPT = textwrap.dedent("""
    import os, sys, time
    from speechclean import Cleaner

    def slow(page):
        open(os.path.join(sys.argv[1], str(os.getpid())), "w").close()
        time.sleep(120)
        return page

    for page in Cleaner().add_hook(slow).pipe(["同志们好。"] * 50, workers=2, chunksize=1):
        pass
""")


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state != "Z"  # a zombie has exited; only its entry waits to be reaped


def _wait_for(condition, seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if condition():
            return True
        time.sleep(0.05)
    return condition()


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT, signal.SIGKILL])
def test_workers_die_with_their_parent(sig: int, tmp_path) -> None:
    parent = subprocess.Popen([sys.executable, "-c", SCRIPT, str(tmp_path)], env=_env(),
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        assert _wait_for(lambda: len(list(tmp_path.iterdir())) >= 2, 60), "the workers never started"
        workers = [int(p.name) for p in tmp_path.iterdir()]
        assert all(_alive(pid) for pid in workers)
        parent.send_signal(sig)
        parent.wait(30)
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 10), f"orphans after {sig!r}"
    finally:
        if parent.poll() is None:
            parent.kill()


def _children(pid: int) -> list[int]:
    out: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        out.extend(int(c) for c in (task / "children").read_text().split())
    return out


@linux_only
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_cli_jobs_leave_no_orphans(sig: int) -> None:
    cli = subprocess.Popen([sys.executable, "-m", "speechclean", "--jsonl", "-", "-j", "2", "--format", "jsonl"],
                           env=_env(), stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        assert cli.stdin is not None
        cli.stdin.write('{"id": 1, "text": "同志们好。"}\n'.encode())
        cli.stdin.flush()  # the run waits for more lines, its workers started
        assert _wait_for(lambda: len(_children(cli.pid)) >= 2, 60)
        workers = _children(cli.pid)
        cli.send_signal(sig)
        try:
            code = cli.wait(30)
        except subprocess.TimeoutExpired:
            cli.kill()
            raise AssertionError(f"the command line did not stop: {cli.communicate()[1].decode()[-3000:]}") from None
        assert code == (130 if sig == signal.SIGINT else 143)
        assert _wait_for(lambda: not any(_alive(pid) for pid in workers), 10)
    finally:
        if cli.poll() is None:
            cli.kill()


def test_batch_errors_are_exported() -> None:
    assert issubclass(speechclean.ItemTimeoutError, TimeoutError)
    assert issubclass(speechclean.WorkerError, speechclean.SpeechcleanError)


def test_workers_killed_from_outside_are_replaced() -> None:
    import multiprocessing

    cleaner = Cleaner(convert="off")
    sources = [f"第{i}条：同志们好。" for i in range(30)]
    stream = cleaner.pipe(iter(sources), workers=2, chunksize=1, prefetch=1, on_error="record")
    pages = [next(stream)]
    for child in multiprocessing.active_children():  # the OOM killer, say, busy or idle, ready or starting
        if child.name.startswith("speechclean-worker"):
            os.kill(child.pid, signal.SIGKILL)
    pages += list(stream)
    assert len(pages) == 30
    failed = [i for i, p in enumerate(pages) if not p.ok]
    assert len(failed) <= 2  # at most the items in flight when they were killed
    assert all(isinstance(pages[i].error, WorkerError) and f"item {i} " in str(pages[i].error) for i in failed)
    assert [p.text for i, p in enumerate(pages) if i not in failed] == [s for i, s in enumerate(sources)
                                                                        if i not in failed]
