"""User-facing test tooling: the replay server (serve-site), fault injection, the fixture
workflow and the accuracy table. Nothing in a crawl imports it."""

from pathlib import Path

# The bundled Zox site ships as package data, so `scraper demo` and `serve-site` work from an
# installed package as well as from a checkout.
BUNDLED_SITE = Path(__file__).resolve().parent / "site"
