"""What is computed once the steps have run: typed blocks and the near-duplicate fingerprint."""

from __future__ import annotations

from .blocks import build_blocks
from .fingerprint import fingerprint
from .page import Page


def finish_page(page: Page) -> None:
    """Fill ``page.blocks`` and ``page.fingerprint`` from the clean text."""
    page.blocks = build_blocks(page)
    page.fingerprint = fingerprint(page.text) if page.text else None
    page.line_kinds = []


__all__ = ["finish_page"]
