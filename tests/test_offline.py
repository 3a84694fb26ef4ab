"""Nothing is downloaded at run time: ingest with extraction works with the network cut."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.model

SAMPLE = Path(__file__).resolve().parent.parent / "sample"


def _can_cut_the_network() -> bool:
    unshare = shutil.which("unshare")
    return unshare is not None and subprocess.run([unshare, "-n", "true"], check=False).returncode == 0


@pytest.mark.skipif(not _can_cut_the_network(), reason="unshare -n is not available here")
def test_ingest_and_extract_run_with_no_network(tmp_path: Path) -> None:
    db = tmp_path / "offline.db"
    script = (
        "import sys, socket\n"
        "from newsgraph.cli import cli\n"
        # prove the network is really gone before trusting the result
        "try:\n"
        "    socket.create_connection(('1.1.1.1', 443), timeout=2)\n"
        "    sys.exit('the network is reachable: the test proves nothing')\n"
        "except OSError:\n"
        "    pass\n"
        f"cli(['ingest', {str(SAMPLE)!r}, '--db', {str(db)!r}])\n"
    )
    result = subprocess.run(["unshare", "-n", sys.executable, "-c", script], capture_output=True,
                            text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "17 stored, 0 already stored, 1 near-duplicate, 0 failed" in result.stdout
    assert "extracted 17 articles" in result.stderr
