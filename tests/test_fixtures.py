"""The fixture workflow, and every recorded fixture still extracting to its reviewed record."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys

from scraper.testkit.fixtures import FIXTURES_ROOT, check, fixtures, record, update
from scraper.testkit.server import BUNDLED_SITE


def test_every_fixture_matches_its_reviewed_record():
    checked, differences = check()
    assert checked == len(fixtures()) >= 6
    assert not differences, "\n\n".join(d.diff for d in differences)


def test_a_change_is_reported_as_a_readable_diff_and_update_accepts_it(tmp_path):
    shutil.copytree(FIXTURES_ROOT / "zox-demo", tmp_path / "zox-demo")
    expected = tmp_path / "zox-demo" / "post-10322.expected.json"
    record_ = json.loads(expected.read_text(encoding="utf-8"))
    record_["article"]["source"] = ["مصدر آخر"]
    expected.write_text(json.dumps(record_, ensure_ascii=False, indent=2, sort_keys=True) + "\n")
    done = subprocess.run(
        [sys.executable, "-m", "scraper", "fixtures", "check", "--root", str(tmp_path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert '-      "مصدر آخر"' in done.stdout and '+      "منصة مزيج"' in done.stdout
    assert "1 differ" in done.stderr
    assert update(tmp_path) == 6
    assert check(tmp_path)[1] == []


def test_record_saves_body_response_and_expected_record(replay_server, tmp_path):
    manifest = json.loads((BUNDLED_SITE / "manifest.json").read_text(encoding="utf-8"))
    entry = next(e for e in manifest["responses"] if e.get("file") == "pages/post-10322.html")
    html = record(replay_server + entry["path"], "zox-demo", tmp_path)
    assert html.read_bytes().startswith(b"<!DOCTYPE html>")
    response = json.loads(html.with_suffix(".response.json").read_text(encoding="utf-8"))
    assert response["status"] == 200 and response["headers"]["Date"] == entry["headers"]["Date"]
    expected = json.loads(html.with_suffix(".expected.json").read_text(encoding="utf-8"))
    assert expected["article"]["source"] == ["منصة مزيج"]
    assert check(tmp_path) == (1, [])
