"""speechclean — clean, faithful, Simplified Chinese text from raw scraped pages.

>>> import speechclean
>>> page = speechclean.clean("當(dāng)前位置:首頁(yè) > 範文\\n同志們:\\n今天的會議很重要,大家要認真落實。")
>>> page.text
'同志们：\\n今天的会议很重要，大家要认真落实。'

The pipeline is ``decode → extract → convert → punctuation → boilerplate → structure``;
a :class:`Cleaner` holds it configured, with hooks before or after any step.
"""

from __future__ import annotations

from .cleaner import Cleaner
from .config import Options
from .default_cleaner import clean
from .errors import (
    BinaryInputError,
    ConverterError,
    DecodeError,
    InputError,
    ItemTimeoutError,
    OptionError,
    RuleError,
    SpeechcleanError,
    StepError,
    WorkerError,
)
from .page import Document, EncodingInfo, Flag, Page, Removal, Repair
from .rules import Rule

__version__ = "0.1.0"

__all__ = [
    "BinaryInputError",
    "Cleaner",
    "ConverterError",
    "DecodeError",
    "Document",
    "EncodingInfo",
    "Flag",
    "InputError",
    "ItemTimeoutError",
    "OptionError",
    "Options",
    "Page",
    "Removal",
    "Repair",
    "Rule",
    "RuleError",
    "SpeechcleanError",
    "StepError",
    "WorkerError",
    "__version__",
    "clean",
]
