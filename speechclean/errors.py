"""speechclean's exceptions: one base class and a few specific subclasses.

>>> from speechclean import Cleaner, OptionError
>>> try:
...     Cleaner(convert="t2x")
... except OptionError as e:
...     print(e)
convert: 't2x' is not a valid choice; choose one of 'hk2s', 'off', 't2s', 'tw2s', 'tw2sp'
"""

from __future__ import annotations

from collections.abc import Iterable


class SpeechcleanError(Exception):
    """Base class of every error speechclean raises on purpose."""


class OptionError(SpeechcleanError, ValueError):
    """An option, step name or hook position is not valid.

    The message names the option and lists the valid choices.
    """

    @classmethod
    def choice(cls, option: str, value: object, choices: Iterable[str]) -> OptionError:
        listed = ", ".join(repr(c) for c in sorted(choices))
        return cls(f"{option}: {value!r} is not a valid choice; choose one of {listed}")


class RuleError(SpeechcleanError, ValueError):
    """A rule file or rule object is malformed (bad pattern, missing field, duplicate id)."""


class InputError(SpeechcleanError, TypeError):
    """The source given to ``clean()`` is of a type speechclean cannot read."""


class DecodeError(SpeechcleanError, ValueError):
    """Bytes could not be turned into text."""


class BinaryInputError(DecodeError):
    """The input is not text at all (PDF, ZIP, image, random bytes)."""


class StepError(SpeechcleanError):
    """A step or hook failed or returned something other than a Page.

    ``step`` is the name of the step in the pipeline; the original exception is
    chained as ``__cause__``.
    """

    def __init__(self, step: str, message: str) -> None:
        super().__init__(f"step {step!r}: {message}")
        self.step = step

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # picklable across process pools
        prefix = f"step {self.step!r}: "
        text = str(self)
        return (type(self), (self.step, text.removeprefix(prefix)))


class ConverterError(SpeechcleanError, ImportError):
    """No working Traditional → Simplified converter: the ``opencc`` module is missing or clobbered.

    The message says which distributions are installed and how to reinstall one.
    """
class ProfileError(SpeechcleanError, ValueError):
    """A site-profile file cannot be read: not a profile, a newer version, or damaged."""


class WorkerError(SpeechcleanError):
    """A worker process of a parallel batch died (killed, out of memory, crashed).

    Recorded on the page of the item the worker was cleaning (the message names it);
    the batch goes on with a new worker.
    """


class ItemTimeoutError(SpeechcleanError, TimeoutError):
    """One item of a batch took longer than the batch's ``timeout=`` (a ``TimeoutError``)."""


class UsageError(SpeechcleanError):
    """A command-line mistake: exit code 2."""


__all__ = [
    "BinaryInputError",
    "ConverterError",
    "DecodeError",
    "InputError",
    "ItemTimeoutError",
    "OptionError",
    "ProfileError",
    "RuleError",
    "SpeechcleanError",
    "StepError",
    "UsageError",
    "WorkerError",
]
