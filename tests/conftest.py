"""Shared fixtures: the bundled site, its ground truth, and a replay server."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest

from scraper.server import BUNDLED_SITE, BackgroundServer

SITE_DIR = BUNDLED_SITE


def load_truth() -> dict:
    return json.loads((SITE_DIR / "truth.json").read_text(encoding="utf-8"))


def utc(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def page_of(truth: dict, file: str) -> dict:
    return next(page for page in truth["pages"] if page["file"] == file)


@pytest.fixture(scope="session")
def truth() -> dict:
    return load_truth()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return SITE_DIR


@pytest.fixture(scope="session")
def replay_server():
    with BackgroundServer() as base_url:
        yield base_url
