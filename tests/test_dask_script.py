"""The plain-script Dask example of docs/batch.md runs as written, with Dask's default (process) scheduler."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("dask.bag")

DOC = Path(__file__).resolve().parent.parent / "docs" / "batch.md"


def test_the_documented_script_runs_with_the_default_scheduler(tmp_path: Path) -> None:
    section = DOC.read_text(encoding="utf-8").split("### In a plain script", 1)[1]
    script = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert script is not None and 'if __name__ == "__main__":' in script.group(1)
    path = tmp_path / "offices_script.py"
    path.write_text(script.group(1), encoding="utf-8")
    done = subprocess.run([sys.executable, str(path)], capture_output=True, text=True, timeout=300, check=False)
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.strip() == "[['Berlin'], ['Austin']]"
