"""Vendor the web UI's JavaScript, CSS and basemap from npm into src/newsgraph/web/static/vendor.

Run by ``make vendor``. Each package is fetched with ``npm pack NAME@VERSION`` (so npm's own registry
settings apply), its tarball checked against the pinned npm integrity (sha512), and only the files the
pages load are copied out, with the package's licence texts. ``MANIFEST.json`` records every file with
its package, version, sha256 and licence; tests/web/test_vendor.py checks the files against it.

Upgrading a package: change its version and integrity here (``npm view NAME@VERSION dist.integrity``),
run ``make vendor``, and look at the pages. htmx is pinned to 2.x: npm's ``latest`` is 4.x, which is not
compatible with 2.x markup.
"""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
VENDOR = REPO / "src" / "newsgraph" / "web" / "static" / "vendor"


@dataclass(frozen=True)
class Package:
    """An npm package: where its files go (``folder`` under vendor/), which files (path in the tarball
    → name in the folder), its licence (SPDX) and the files holding the licence's text."""

    name: str
    version: str
    integrity: str
    folder: str
    licence: str
    files: dict[str, str]
    licence_files: tuple[str, ...] = ("LICENSE",)
    why: str = field(default="", compare=False)


PACKAGES = (
    Package("htmx.org", "2.0.11",
            "sha512-Thx/WtpeOQqSrqBCw/A1cwGJGg4UrVa3+sW0GmrM3p4gJgO89ecH4qtbnyzDDWFvBTqjnIMCgELTNt636dtamA==",
            "htmx", "0BSD", {"dist/htmx.min.js": "htmx.min.js"},
            why="live search results; 2.x, not npm's latest 4.x"),
    Package("vis-timeline", "8.5.4",
            "sha512-Xt7RNrRvOkQiSyk6vFTXSRwTunT0y9MzDgHY8N8H9nPuebJ6Vg+u3xnv0Swbxna/Pa2E3HjaBblEIQiK74E01Q==",
            "vis-timeline", "Apache-2.0 OR MIT",
            {"peer/umd/vis-timeline-graph2d.min.js": "vis-timeline-graph2d.min.js",
             "styles/vis-timeline-graph2d.min.css": "vis-timeline-graph2d.min.css"},
            ("LICENSE.md", "LICENSE.Apache-2.0.txt", "LICENSE.MIT.txt"),
            why="the story timeline; the peer build, because the standalone one injects its CSS as a "
                "<style> element, which the content security policy blocks (the page links the CSS)"),
    # The peer build's two globals, at the versions vis-timeline 8.5.4 is built and tested against.
    Package("vis-data", "8.0.4",
            "sha512-TsN0sMHqIRpdfg6TNPtfdINpkgxtnQP6JNWCaiSwvou5seXqKiP5eERkaBg+Y56wyJ4FZTeOEs/dEmWEPrpltQ==",
            "vis-data", "Apache-2.0 OR MIT", {"peer/umd/vis-data.min.js": "vis-data.min.js"},
            ("LICENSE-APACHE-2.0", "LICENSE-MIT"), why="the DataSet that vis-timeline's peer build needs"),
    Package("moment", "2.30.1",
            "sha512-uEmtNhbDOrWPFS+hdjFCBfy9f2YoyzRpwcl+DqpC6taX21FzsTLQVbMV/W7PzNSX6x/bhC1zA3c2UQ5NzH6how==",
            "moment", "MIT", {"min/moment.min.js": "moment.min.js"},
            why="dates for vis-timeline's peer build (English only: no locales)"),
    Package("cytoscape", "3.34.4",
            "sha512-msY99tMY8iWTg+sIPGfSqDcPNOt4xcj+v/K/7qUFaCUxxlqnMkUYLBjRUzn9W5CU/R2hrmtJa5+UtovrEM2ctg==",
            "cytoscape", "MIT", {"dist/cytoscape.min.js": "cytoscape.min.js"},
            why="the entity interaction graph"),
    Package("leaflet", "1.9.4",
            "sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA==",
            "leaflet", "BSD-2-Clause",
            {"dist/leaflet.js": "leaflet.js", "dist/leaflet.css": "leaflet.css",
             **{f"dist/images/{n}": f"images/{n}" for n in ("layers.png", "layers-2x.png", "marker-icon.png",
                                                            "marker-icon-2x.png", "marker-shadow.png")}},
            why="the map of event places"),
    Package("world-atlas", "2.0.2",
            "sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ==",
            "world-atlas", "ISC", {"countries-110m.json": "countries-110m.json"},
            why="the offline basemap: Natural Earth country outlines at 1:110m as TopoJSON"),
    Package("topojson-client", "3.1.0",
            "sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw==",
            "topojson-client", "ISC", {"dist/topojson-client.min.js": "topojson-client.min.js"},
            why="turns the TopoJSON basemap into GeoJSON in the browser"),
)


def main() -> int:
    VENDOR.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as work:
        for package in PACKAGES:
            tarball = fetch(package, Path(work))
            entries += extract(package, tarball)
    manifest = {"comment": "Written by scripts/vendor_assets.py (make vendor); do not edit.",
                "packages": [{"package": p.name, "version": p.version, "integrity": p.integrity,
                              "licence": p.licence, "why": p.why} for p in PACKAGES],
                "files": entries}
    (VENDOR / "MANIFEST.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"vendored {len(entries)} files of {len(PACKAGES)} packages into {VENDOR.relative_to(REPO)}")
    return 0


def fetch(package: Package, folder: Path) -> Path:
    """``npm pack`` the package into ``folder`` and check the tarball against the pinned integrity."""
    spec = f"{package.name}@{package.version}"
    done = subprocess.run(["npm", "pack", spec, "--pack-destination", str(folder), "--json", "--silent"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"npm pack {spec} failed: {done.stderr.strip()}; is the npm registry reachable?")
    tarball = folder / str(json.loads(done.stdout)[0]["filename"])
    digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
    if digest != package.integrity:
        raise SystemExit(f"{spec}: the tarball's integrity is {digest}, not the pinned {package.integrity}; "
                         "if you changed the version, pin its integrity too")
    return tarball


def extract(package: Package, tarball: Path) -> list[dict[str, str]]:
    """Copy the package's chosen files and licence texts out of the tarball (by name only: nothing else
    in the tarball is written); their manifest entries."""
    target = VENDOR / package.folder
    wanted = {**package.files, **{name: name for name in package.licence_files}}
    entries = []
    with tarfile.open(tarball, "r:gz") as archive:
        for inside, name in wanted.items():
            member = archive.extractfile(f"package/{inside}")
            if member is None:
                raise SystemExit(f"{package.name}@{package.version} has no file {inside}")
            data = member.read()
            path = target / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            entries.append({"package": package.name, "version": package.version,
                            "file": path.relative_to(VENDOR).as_posix(),
                            "sha256": hashlib.sha256(data).hexdigest(), "licence": package.licence})
    return entries


if __name__ == "__main__":
    sys.exit(main())
