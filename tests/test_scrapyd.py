"""scrapyd deployment works: deploy the project's egg to a local scrapyd on 127.0.0.1,
schedule the spider against the bundled site, and find its articles in the database."""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow

CHECK = Path(__file__).resolve().parent.parent / "ops" / "scrapyd_check.py"


def test_deploy_and_run_on_a_local_scrapyd():
    done = subprocess.run(
        [sys.executable, str(CHECK), "--timeout", "90"], capture_output=True, text=True, timeout=240
    )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-3000:]
    assert "scrapyd check passed" in done.stdout
    assert "57 articles in the database" in done.stdout
