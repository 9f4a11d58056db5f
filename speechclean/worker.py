"""One worker process of a parallel batch (:mod:`speechclean.pool`): what it does from start to end.

It dies with its parent (``prctl(PR_SET_PDEATHSIG)`` on Linux, a watchdog thread everywhere),
leaves Ctrl-C to the parent, cleans the chunks of items it receives one by one under the per-item
``SIGALRM`` limit, and sends back one result per item as soon as it is done.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
import logging
import os
import pickle
import signal
import sys
import threading
import time
from collections.abc import Iterator
from multiprocessing.connection import Connection
from typing import TYPE_CHECKING, Any

from .errors import InputError, ItemTimeoutError
from .items import clean_item, failed_page

if TYPE_CHECKING:
    from .cleaner import Cleaner

log = logging.getLogger("speechclean")

_PR_SET_PDEATHSIG = 1
_WATCH_INTERVAL = 0.5  # seconds between two looks at the parent pid
#: The signals the parent holds back while it starts a worker; the worker unblocks them first.
DEFERRED = {signal.SIGINT, signal.SIGTERM}


def _die_with_parent() -> None:
    """Exit when the parent process goes, however it goes."""
    parent = os.getppid()
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):  # no prctl: the watchdog alone
            log.debug("prctl(PR_SET_PDEATHSIG) unavailable", exc_info=True)
    if parent == 1 or os.getppid() != parent:  # the parent died before we asked
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(_WATCH_INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="speechclean-watchdog", daemon=True).start()


class _Alarm:
    """``SIGALRM`` as a per-item time limit inside a worker (Unix; elsewhere only the parent's kill)."""

    def __init__(self, seconds: float | None) -> None:
        self.seconds = seconds if seconds and hasattr(signal, "setitimer") else None
        self.armed = False
        if self.seconds:
            signal.signal(signal.SIGALRM, self._ring)

    def _ring(self, signum: int, frame: Any) -> None:
        if self.armed:
            self.armed = False
            raise ItemTimeoutError(f"took longer than the time limit of {self.seconds:g} s")

    @contextlib.contextmanager
    def limit(self) -> Iterator[None]:
        if not self.seconds:
            yield
            return
        self.armed = True
        signal.setitimer(signal.ITIMER_REAL, self.seconds)
        try:
            yield
        finally:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)


def init_worker_process() -> None:
    """What every worker process does first: die with its parent, leave Ctrl-C to the parent, and
    let SIGTERM end it (not a handler inherited from the parent, such as the command line's)."""
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):  # blocked by the parent while it started us
        signal.pthread_sigmask(signal.SIG_UNBLOCK, DEFERRED)


def worker_main(conn: Connection, state: bytes, slot: int, started: Any, timeout: float | None) -> None:
    init_worker_process()  # Ctrl-C is the parent's to handle
    cleaner: Cleaner = pickle.loads(state)
    # Everything inherited from the parent (modules, dictionaries, compiled rules) lives as long
    # as the worker: keep the cyclic GC from traversing it again at every full collection.
    gc.freeze()
    alarm = _Alarm(timeout)
    conn.send("ready")
    while True:
        try:
            job = conn.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        for seq, item in job:
            started[slot] = time.monotonic()
            try:
                with alarm.limit():
                    page, size = clean_item(cleaner, item)
            except ItemTimeoutError as e:  # rang between two statements of clean_item's own
                page, size = failed_page(item, e), 0
            started[slot] = 0.0
            try:
                conn.send((seq, page, size))
            except (pickle.PicklingError, TypeError, AttributeError) as e:  # a hook put something odd in meta
                conn.send((seq, failed_page(item, InputError(f"the result cannot be sent back: {e}")), size))



__all__ = ["DEFERRED", "init_worker_process", "worker_main"]
