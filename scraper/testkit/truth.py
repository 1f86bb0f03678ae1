"""The bundled site's ground truth (`site/truth.json`): the values its pages were generated
from. A function rather than only a test fixture, because tests parametrize over the
articles when they are collected."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from scraper.testkit.server import BUNDLED_SITE


def load_truth(site_dir: Path = BUNDLED_SITE) -> dict:
    return json.loads((site_dir / "truth.json").read_text(encoding="utf-8"))


def page_of(truth: dict, file: str) -> dict:
    """The truth's entry for one saved page: its path, Date header, kind and list items."""
    return next(page for page in truth["pages"] if page["file"] == file)


def utc(value: str) -> datetime:
    """A truth or manifest time ("2025-12-15T09:02:37Z") as an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
