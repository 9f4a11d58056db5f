"""``python -m speechclean PATH...`` — the same as the ``speechclean`` command."""

from .cli import main

raise SystemExit(main())
