"""Print the project's runtime dependencies from pyproject.toml, or check which converter is installed.

    python .ci/deps.py --without OpenCC      # the dependency list without OpenCC, for pip
    python .ci/deps.py --extra spark         # the requirements of one extra, for pip
    python .ci/deps.py --assert-reimplemented # fail unless `opencc` is opencc-python-reimplemented
"""

import sys
from importlib import metadata
from pathlib import Path

if sys.argv[1:2] == ["--assert-reimplemented"]:
    installed = {d.metadata["Name"].lower() for d in metadata.distributions()}
    assert "opencc" not in installed, "the official OpenCC package must not be installed here"
    assert "opencc-python-reimplemented" in installed, "opencc-python-reimplemented is missing"
    print("converter: opencc-python-reimplemented only")
    sys.exit(0)

import tomllib

project = tomllib.loads((Path(__file__).parent.parent / "pyproject.toml").read_text())["project"]
if sys.argv[1:2] == ["--extra"]:
    print(" ".join(d.replace(" ", "") for name in sys.argv[2:] for d in project["optional-dependencies"][name]))
    sys.exit(0)
without = {name.lower() for name in sys.argv[2:]} if sys.argv[1:2] == ["--without"] else set()
deps = project["dependencies"]



def name(requirement: str) -> str:
    for sep in "<>=!~;[ ":
        requirement = requirement.split(sep)[0]
    return requirement.strip().lower()


print(" ".join(d.replace(" ", "") for d in deps if name(d) not in without and "python_version" not in d))
