"""The built-in steps, one module each, in pipeline order:

``decode`` → ``extract`` → ``convert`` → ``punctuation`` → ``boilerplate`` → ``structure``.

A step is any callable ``Page -> Page``. Built-in steps are small classes built
from :class:`~speechclean.config.Options`; they hold nothing heavy themselves
(converters and compiled rule sets are cached once per process), so a
:class:`~speechclean.Cleaner` pickles cheaply.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module
from typing import ClassVar

from ..config import STEP_NAMES, Options
from ..page import Page

StepFunction = Callable[[Page], Page]


class Step:
    """Base class of the built-in steps: ``Step(options)(page) -> page``."""

    name: ClassVar[str] = ""

    def __init__(self, options: Options) -> None:
        self.options = options

    def __call__(self, page: Page) -> Page:  # pragma: no cover - abstract
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"<step {self.name}>"


def builtin_step(name: str, options: Options) -> Step:
    """Build the built-in step called ``name``."""
    module = import_module(f"{__name__}.{name}")
    cls: type[Step] = module.STEP
    return cls(options)


__all__ = ["STEP_NAMES", "Step", "StepFunction", "builtin_step"]
