"""Running one side of a benchmark in its own process, so its peak memory is its own."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path


def measure(script: str, side: str, *args: str) -> dict[str, float]:
    """Run ``script --child SIDE ARGS`` and read the JSON figures it prints last; adds ``rate``."""
    result = subprocess.run([sys.executable, script, "--child", side, *args],
                            capture_output=True, text=True, check=False)
    if result.returncode:
        raise SystemExit(f"{Path(script).name}: the {side} side failed:\n{result.stderr}")
    figures: dict[str, float] = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rate"] = figures["articles"] / figures["seconds"]
    return figures
