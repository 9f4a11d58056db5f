"""Clean one page and see what was removed, and why.

    python examples/clean_one_page.py fixtures/seeds/003_2dd78e761ba4e8f8.txt
"""

import sys
from collections import Counter
from pathlib import Path

import speechclean

path = Path(sys.argv[1] if len(sys.argv) > 1 else "fixtures/seeds/000_4af2cc3d1c17df98.txt")
page = speechclean.clean(path)

print("title:", page.title)
print("documents:", [d.title for d in page.documents])
print("removed, by rule:", dict(Counter(r.rule for r in page.removals)))
print("flagged:", [(f.kind, f.text) for f in page.flags][:5])
print()
print(page.text[:500])
