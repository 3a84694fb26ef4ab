"""The wheel carries every data file the package reads: pyproject's package-data covers them all."""

from __future__ import annotations

import fnmatch
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "src" / "newsgraph"


def test_every_data_file_in_the_package_is_declared_as_package_data() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["newsgraph"]
    data_files = [p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts]
    assert data_files, "expected data files under src/newsgraph"
    missing = [f for f in data_files if not any(fnmatch.fnmatchcase(f, pat) for pat in patterns)]
    assert not missing, f"not shipped in the wheel (add to package-data in pyproject.toml): {missing}"
