"""The vendored assets match MANIFEST.json, and nothing the pages serve loads from another site."""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path

from newsgraph.web.routes import STATIC_DIR, TEMPLATES_DIR

VENDOR = STATIC_DIR / "vendor"
MANIFEST = json.loads((VENDOR / "MANIFEST.json").read_text(encoding="utf-8"))
URL = re.compile(r"https?://|//[a-z0-9.-]+\.[a-z]{2,}/", re.I)
# An XML namespace names a vocabulary; nothing is fetched from it.
NAMESPACE = re.compile(r"""\bxmlns(?::\w+)?=["']http://www\.w3\.org/[^"']*["']""")


def test_every_vendored_file_matches_its_manifest_checksum() -> None:
    for entry in MANIFEST["files"]:
        data = (VENDOR / entry["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], f"{entry['file']}: run `make vendor`"


def test_every_vendored_file_is_in_the_manifest_with_a_licence() -> None:
    listed = {e["file"] for e in MANIFEST["files"]}
    on_disk = {p.relative_to(VENDOR).as_posix() for p in VENDOR.rglob("*") if p.is_file()} - {"MANIFEST.json"}
    assert on_disk == listed
    packages = {p["package"]: p for p in MANIFEST["packages"]}
    for name, package in packages.items():
        assert package["licence"] and package["version"], name
        files = [e["file"] for e in MANIFEST["files"] if e["package"] == name]
        assert any(re.search(r"licen[cs]e", f, re.I) for f in files), name
    assert packages["htmx.org"]["version"].startswith("2.")  # npm's latest (4.x) is not compatible


def test_templates_and_own_static_files_reference_no_other_site() -> None:
    own = [p for p in [*TEMPLATES_DIR.rglob("*"), *STATIC_DIR.rglob("*")]
           if p.is_file() and VENDOR not in p.parents]
    assert own
    for path in own:
        assert not URL.search(NAMESPACE.sub("", path.read_text(encoding="utf-8"))), path


def test_a_namespace_is_not_an_address_but_a_link_beside_it_is() -> None:
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><image href="https://evil.example/x.png"/></svg>'
    assert URL.search(NAMESPACE.sub("", svg))
    assert not URL.search(NAMESPACE.sub("", '<svg xmlns="http://www.w3.org/2000/svg"></svg>'))


def test_vendored_files_load_nothing_from_another_site() -> None:
    """Vendored code mentions addresses in licence comments, warnings and links (Leaflet's attribution,
    which map.js turns off); none may be loaded: no CSS ``url()`` or ``@import`` of one, no script, image
    or stylesheet address."""
    loads = re.compile(r"""url\(\s*['"]?\s*(?:https?:)?//|@import"""
                       r"""|(?:\bsrc|<link[^>]*\bhref)\s*=\s*['"](?:https?:)?//""", re.I)
    for entry in MANIFEST["files"]:
        path = VENDOR / entry["file"]
        if path.suffix in {".js", ".css"}:
            assert not loads.search(path.read_text(encoding="utf-8")), path


def test_own_scripts_never_write_html() -> None:
    """The page scripts put text in with textContent: article text is hostile."""
    for path in (STATIC_DIR / "js").glob("*.js"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function",
                             text), path


def _template_sources() -> list[Path]:
    return list(TEMPLATES_DIR.rglob("*.html"))


def test_templates_have_no_inline_script_style_or_handler() -> None:
    for path in _template_sources():
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\b(?:src=\"/static/|type=\"application/json\"))", text), path
        assert not re.search(r"\son[a-z]+\s*=|\sstyle\s*=|<style|javascript:", text, re.I), path
        assert "|safe" not in text and "Markup" not in text, path
