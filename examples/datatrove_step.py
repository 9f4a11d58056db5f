"""A datatrove pipeline step that cleans each Document's text with speechclean.

datatrove is imported lazily: this module imports (and its helper works) without it, and
:func:`make_step` raises a clear ImportError when it is missing. Sketch of a pipeline::

    from datatrove.executor import LocalPipelineExecutor
    from datatrove.pipeline.readers import JsonlReader
    from datatrove.pipeline.writers import JsonlWriter
    from examples.datatrove_step import make_step

    LocalPipelineExecutor(pipeline=[
        JsonlReader("crawl/"),
        make_step(convert="t2s")(),            # SpeechcleanStep(), built lazily
        JsonlWriter("clean/"),
    ], tasks=4).run()

Each datatrove task builds the cleaner once (the first document it sees). Documents whose
cleaning fails are dropped and counted (stat ``speechclean_failed``); the rest get
``metadata["speechclean"]`` with title, encoding, removals.
"""

from __future__ import annotations

from typing import Any

from speechclean import Cleaner
from speechclean.batch import Item, clean_item, record_fields


def clean_text(cleaner: Cleaner, text: str) -> tuple[str, dict[str, Any]]:
    """The clean text and the metadata a step adds (the part that needs no datatrove).

    >>> clean_text(Cleaner(), "當前的工作")
    ('当前的工作', {'title': None, 'encoding': None, 'removals': 0, 'error': None})
    """
    page, _ = clean_item(cleaner, Item(text))
    return page.text, record_fields(page)


def make_step(**options: Any) -> type:
    """A datatrove ``PipelineStep`` subclass cleaning with these speechclean options."""
    from datatrove.pipeline.base import PipelineStep  # lazy: datatrove is not a speechclean dependency

    class SpeechcleanStep(PipelineStep):  # type: ignore[misc, valid-type]
        name = "🧹 speechclean"
        type = "🔧 - PROCESS"

        def __init__(self) -> None:
            super().__init__()
            self._cleaner: Cleaner | None = None

        def run(self, data: Any, rank: int = 0, world_size: int = 1) -> Any:
            if self._cleaner is None:
                self._cleaner = Cleaner(**options)
            for document in data:
                with self.track_time():
                    text, meta = clean_text(self._cleaner, document.text)
                if meta["error"] is not None or not text:
                    self.stat_update("speechclean_failed")
                    continue
                document.text = text
                document.metadata["speechclean"] = meta
                self.stat_update("speechclean_ok")
                yield document

    return SpeechcleanStep


if __name__ == "__main__":
    try:
        make_step()
    except ImportError:
        print("datatrove is not installed (pip install datatrove); clean_text works without it:")
    print(clean_text(Cleaner(), "當前的工作"))
