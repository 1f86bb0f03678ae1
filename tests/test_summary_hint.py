"""The summary's closing hint names commands a user can type as printed: sqlite-utils comes
with the project's .venv, which a fresh clone's shell does not have on PATH."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from scraper.ops import summary
from scraper.ops.summary import command_to_type, summarize


@pytest.fixture
def venv_without_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    bin_dir = tmp_path / ".venv" / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "sqlite-utils").write_text("#!/bin/sh\n")
    monkeypatch.setattr(sys, "executable", str(bin_dir / "python"))
    monkeypatch.setattr(summary.shutil, "which", lambda name: None)
    return tmp_path


def test_a_command_off_path_is_named_by_its_path_in_the_venv(venv_without_path, monkeypatch):
    monkeypatch.chdir(venv_without_path)
    assert command_to_type("sqlite-utils") == ".venv/bin/sqlite-utils"
    monkeypatch.chdir(venv_without_path / ".venv")
    assert command_to_type("sqlite-utils") == "bin/sqlite-utils"


def test_outside_the_clone_the_path_is_absolute(venv_without_path, tmp_path_factory, monkeypatch):
    monkeypatch.chdir(tmp_path_factory.mktemp("elsewhere"))
    expected = (venv_without_path / ".venv" / "bin" / "sqlite-utils").as_posix()
    assert command_to_type("sqlite-utils") == expected


def test_a_command_on_path_keeps_its_name(monkeypatch):
    monkeypatch.setattr(summary.shutil, "which", lambda name: f"/usr/local/bin/{name}")
    assert command_to_type("sqlite-utils") == "sqlite-utils"


def test_the_demo_summary_hint_runs_as_printed(crawled_db, venv_without_path, monkeypatch):
    monkeypatch.chdir(venv_without_path)
    hint = summarize(crawled_db).splitlines()[-1]
    assert hint.startswith(f"  .venv/bin/sqlite-utils {crawled_db} ")
