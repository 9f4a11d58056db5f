"""Worker processes for parallel batches: ordered results, bounded read-ahead, no orphans.

Each worker owns one pipe to the parent: it receives a chunk of items and sends back one
result per item as soon as it is done, so nothing finished is lost when a worker dies.

- **Workers die with their parent.** On Linux each worker asks the kernel for ``SIGKILL``
  when its parent goes (``prctl(PR_SET_PDEATHSIG)``), and on every platform a watchdog thread
  exits the worker when its parent process changes (SIGKILL of the parent included). Workers
  ignore SIGINT: Ctrl-C reaches the parent, which kills its workers and never waits on them
  unbounded.
- **A dead worker fails one item.** The item it was cleaning gets a
  :class:`~speechclean.errors.WorkerError` naming it; the rest of its chunk goes to a new worker.
- **Per-item time limit.** With ``timeout=`` a worker raises
  :class:`~speechclean.errors.ItemTimeoutError` inside the item when the time is up
  (``SIGALRM``); an item stuck in C code that does not return is killed by the parent a
  little later, recorded with the same error, and the worker replaced.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Iterator
from multiprocessing.connection import wait
from typing import TYPE_CHECKING, Any

from .errors import ItemTimeoutError, OptionError, WorkerError
from .items import Item, failed_page
from .page import Page
from .worker import DEFERRED, worker_main

if TYPE_CHECKING:
    from .cleaner import Cleaner

log = logging.getLogger("speechclean")


class _Worker:
    def __init__(self, context: Any, slot: int, state: bytes, started: Any, timeout: float | None) -> None:
        self.slot = slot
        self.conn, child = context.Pipe(duplex=True)
        started[slot] = 0.0
        self.process = context.Process(target=worker_main, args=(child, state, slot, started, timeout),
                                       name=f"speechclean-worker-{slot}", daemon=True)
        with _signals_deferred():  # a Ctrl-C inside fork's own hooks would be swallowed there
            self.process.start()
        child.close()
        self.ready = False
        self.assigned: deque[tuple[int, Item]] = deque()

    def stop(self, graceful: bool) -> None:
        if graceful and self.process.is_alive():
            with contextlib.suppress(OSError, ValueError):
                self.conn.send(None)
            self.process.join(2.0)
        if self.process.is_alive():
            self.process.terminate()
            self.process.join(1.0)
        if self.process.is_alive():
            self.process.kill()
            self.process.join(1.0)
        self.conn.close()


@contextlib.contextmanager
def _signals_deferred() -> Iterator[None]:
    """Hold SIGINT and SIGTERM back while a worker starts; they arrive right after."""
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, DEFERRED)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _grace(timeout: float) -> float:
    """How long after the time limit the parent kills a worker whose alarm did not stop the item."""
    return max(0.2, min(2.0, timeout / 2))


def warm(cleaner: Cleaner) -> None:
    """Load the per-process caches (OpenCC dictionaries, compiled rules) before forking, so that
    every worker inherits them instead of loading its own. The user's hooks do not run here."""
    from .cleaner import Cleaner
    from .errors import SpeechcleanError

    try:
        cleaner = Cleaner(cleaner.options)
        cleaner.clean("<html><body><p>預熱：同志們，大家好！</p></body></html>")
        cleaner.clean("預熱：同志們，大家好！")
    except SpeechcleanError:  # a user's hook may refuse the sample; workers then load on demand
        pass


def mp_context() -> Any:
    """The platform's default start method (``fork`` on Linux: workers start fast and need no
    ``if __name__ == "__main__"`` guard); ``SPEECHCLEAN_START_METHOD`` overrides it."""
    method = os.environ.get("SPEECHCLEAN_START_METHOD") or None
    return multiprocessing.get_context(method)


def run_pool(
    cleaner: Cleaner,
    state: bytes,
    items: Iterator[Item],
    *,
    workers: int,
    chunksize: int,
    prefetch: int,
    timeout: float | None,
) -> Iterator[tuple[Item, Page, int]]:
    """``(item, page, size)`` for every item, in input order, cleaned by ``workers`` processes.

    ``state`` is the pickled cleaner. At most ``workers * prefetch * chunksize`` items are read
    ahead of the one last yielded.
    """
    context = mp_context()
    if context.get_start_method() == "fork":
        warm(cleaner)
    started = context.RawArray("d", workers)
    pool: list[_Worker] = []
    todo: deque[tuple[int, Item]] = deque()  # read, not yet sent to a worker
    pending: dict[int, Item] = {}  # read, not yet yielded
    results: dict[int, tuple[Page, int]] = {}
    limit = workers * max(1, prefetch) * chunksize
    hard = None if timeout is None else timeout + _grace(timeout)
    next_seq = next_out = 0
    exhausted = graceful = False

    def lost(worker: _Worker, error: Exception) -> None:
        """The worker is gone: its current item fails with ``error``, the rest of its chunk waits again."""
        if worker.assigned:
            seq, item = worker.assigned.popleft()
            results[seq] = (failed_page(item, error), 0)
            todo.extendleft(reversed(worker.assigned))
            worker.assigned.clear()
        worker.stop(graceful=False)
        pool[worker.slot] = _Worker(context, worker.slot, state, started, timeout)

    failed_starts = 0

    def start_failed(worker: _Worker) -> None:
        """A worker gone before it was ready: an error of its own (exit 1) or again and again is fatal."""
        nonlocal failed_starts
        if worker.ready:
            return
        failed_starts += 1
        code = worker.process.exitcode
        if (code is not None and code > 0) or failed_starts > 2 * workers:
            raise WorkerError(f"a worker process failed to start (exit code {code})")

    def receive(worker: _Worker) -> bool:
        """Read every message waiting from ``worker``; False when its pipe is closed."""
        try:
            while worker.conn.poll():
                message = worker.conn.recv()
                if message == "ready":
                    worker.ready = True
                    continue
                seq, page, size = message
                done, _ = worker.assigned.popleft()
                assert done == seq, "results come back in the order they were sent"
                results[seq] = (page, size)
        except (EOFError, OSError):
            return False
        return True

    try:
        pool.extend(_Worker(context, slot, state, started, timeout) for slot in range(workers))
        while True:
            while not exhausted and len(pending) < limit:
                try:
                    item = next(items)
                except StopIteration:
                    exhausted = True
                    break
                pending[next_seq] = item
                todo.append((next_seq, item))
                next_seq += 1
            while next_out in results:
                page, size = results.pop(next_out)
                yield pending.pop(next_out), page, size
                next_out += 1
            if exhausted and not pending:
                break
            if next_out in results or (not exhausted and len(pending) < limit):
                continue
            for slot, worker in enumerate(pool):
                if worker.assigned or not todo:
                    continue
                if not worker.process.is_alive():  # died idle (killed from outside): replace it
                    receive(worker)
                    start_failed(worker)
                    worker.stop(graceful=False)
                    worker = pool[slot] = _Worker(context, slot, state, started, timeout)
                chunk = [todo.popleft() for _ in range(min(chunksize, len(todo)))]
                worker.assigned.extend(chunk)
                try:
                    worker.conn.send(chunk)
                except OSError:  # it died between the look and the send: the chunk waits for the next one
                    todo.extendleft(reversed(worker.assigned))
                    worker.assigned.clear()
            busy = [w for w in pool if w.assigned]
            wait_for = None
            if hard is not None:
                now = time.monotonic()
                ends = [started[w.slot] + hard for w in busy if started[w.slot]]
                wait_for = max(0.01, min([*ends, now + 1.0]) - now)
            waitables: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
            ready = set(wait(waitables, wait_for))
            for worker in busy:
                alive = worker.conn not in ready or receive(worker)
                if worker.process.sentinel in ready or not alive:
                    receive(worker)  # whatever it sent before dying
                    worker.process.join(1.0)
                    code = worker.process.exitcode
                    start_failed(worker)
                    if worker.assigned and not worker.ready:  # killed while starting: its chunk waits again
                        todo.extendleft(reversed(worker.assigned))
                        worker.assigned.clear()
                    if worker.assigned:
                        seq, item = worker.assigned[0]
                        log.warning("worker %s died (exit code %s) while cleaning item %d (%s)",
                                    worker.process.pid, code, seq, item.name)
                        lost(worker, WorkerError(f"the worker process died (exit code {code}) "
                                                 f"while cleaning item {seq} ({item.name})"))
                    else:
                        lost(worker, WorkerError("idle worker died"))
            if hard is not None:
                now = time.monotonic()
                for worker in pool:
                    begun = started[worker.slot]
                    if worker.assigned and begun and now - begun > hard:
                        seq, item = worker.assigned[0]
                        log.warning("item %d (%s) still running after %.1f s: killing its worker",
                                    seq, item.name, now - begun)
                        lost(worker, ItemTimeoutError(f"item {seq} ({item.name}) took longer than the time "
                                                      f"limit of {timeout:g} s; its worker was killed"))
        graceful = True
    finally:
        for worker in pool:
            worker.stop(graceful)


def check_picklable(cleaner: Cleaner) -> bytes:
    """The pickled cleaner, or an :class:`OptionError` naming the hook that cannot be sent to a worker."""
    try:
        return pickle.dumps(cleaner)
    except Exception as e:
        for name, fn in [(h[0], h[1]) for h in getattr(cleaner, "_hooks", [])] + list(
                getattr(cleaner, "_custom", {}).items()):
            try:
                pickle.dumps(fn)
            except Exception:  # noqa: BLE001
                raise OptionError(
                    f"hook {name!r} ({fn!r}) cannot be sent to worker processes ({type(e).__name__}: {e}); "
                    "use a function defined at module level, or workers=1") from e
        raise OptionError(f"the cleaner cannot be sent to worker processes ({type(e).__name__}: {e})") from e



__all__ = ["check_picklable", "mp_context", "run_pool", "warm"]
