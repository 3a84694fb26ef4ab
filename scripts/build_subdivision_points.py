"""Build ``src/newsgraph/kb/data/subdivision_points.tsv`` from the npm package
``@countrystatecity/countries`` (ODbL-1.0; see ``src/newsgraph/kb/data/NOTICE.md``).

The package carries a representative point (latitude, longitude) for each first-level subdivision of
each country, keyed by its ISO 3166-2 code. The gazetteer places a subdivision with such a code at that
point instead of at the middle of its cities' bounding box. Reproduce with:

    cd "$(mktemp -d)" && npm pack @countrystatecity/countries@1.0.9 && tar xzf countrystatecity-*.tgz
    python scripts/build_subdivision_points.py "$PWD/package" > src/newsgraph/kb/data/subdivision_points.tsv

Only the ISO code, the point and the name (for people reading the file) are kept; rows are sorted by
code, so a rebuild from the same version gives the same file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PACKAGE = "@countrystatecity/countries"
VERSION = "1.0.9"


def rows(package: Path) -> list[tuple[str, float, float, str]]:
    """``(ISO 3166-2 code, lat, lon, name)`` for every subdivision with a code and a point."""
    version = json.loads((package / "package.json").read_text(encoding="utf-8"))["version"]
    if version != VERSION:
        raise SystemExit(f"expected {PACKAGE} {VERSION}, found {version}: update VERSION and NOTICE.md")
    found = {}
    for path in sorted((package / "dist" / "data").glob("*/states.json")):
        for state in json.loads(path.read_text(encoding="utf-8")):
            code, lat, lon = state.get("iso3166_2"), state.get("latitude"), state.get("longitude")
            if code and lat and lon:
                found[code] = (code, round(float(lat), 4), round(float(lon), 4), state["name"])
    return [found[code] for code in sorted(found)]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(f"# Subdivision points from the npm package {PACKAGE} {VERSION} (ODbL-1.0, see NOTICE.md).")
    print("# Built by scripts/build_subdivision_points.py; do not edit by hand.")
    print("# ISO 3166-2 code<TAB>latitude<TAB>longitude<TAB>name")
    for code, lat, lon, name in rows(Path(argv[1])):
        print(f"{code}\t{lat}\t{lon}\t{name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
