"""What two databases hold, in forms that compare equal when they hold the same: the tests
of merging, distributed runs and the fleet check that shards merged equal one crawl."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

from scraper.store.search import search


def article_hashes(db: Path) -> dict[str, str]:
    """Each stored article's content hash, by URL."""
    with closing(sqlite3.connect(db)) as conn:
        return dict(conn.execute("SELECT url, content_hash FROM articles"))


def sighting_keys(db: Path) -> set[tuple]:
    """Every sighting, as what identifies it and its title."""
    query = "SELECT page_url, item_url, widget, reference_time, title FROM list_item_sightings"
    with closing(sqlite3.connect(db)) as conn:
        return set(conn.execute(query))


def search_hits(db: Path) -> dict[str, list[str]]:
    """The URLs found for the longest word of every fifth headline (sorted: the order of
    equal ranks follows the order rows were stored in)."""
    with closing(sqlite3.connect(db)) as conn:
        headlines = [h for (h,) in conn.execute("SELECT headline FROM articles ORDER BY url")]
    queries = {max(h.split(), key=len) for h in headlines[::5]}
    return {q: sorted(h.url for h in search(db, q, limit=1000)) for q in sorted(queries)}
