"""The SQLite store.

- `schema`: the schema scripts of every version, `SCHEMA_VERSION` and the in-place
  migrations (`migrate`);
- `writer`: `Store` (one connection, one transaction per batch) and `GroupCommitWriter`
  (the thread that owns it, group commit, WAL checkpoints from a second thread);
- `queries`: every read query of the project, as functions returning plain data;
- `search`, `export`, `browse` (with `datasette_plugin`): full-text search, exports and
  read-only browsing in Datasette, built on those queries;
- `merge`: shards crawled on other hosts folded into one database (`scraper merge`).

The names below are re-exported for callers that import them from the package.
"""

from scraper.store.queries import CrawlState, crawl_state, earlier_monitor_counts
from scraper.store.schema import SCHEMA_VERSION, NewerSchemaError, rebuild_search_index
from scraper.store.writer import GroupCommitWriter, Store

__all__ = [
    "SCHEMA_VERSION",
    "CrawlState",
    "GroupCommitWriter",
    "NewerSchemaError",
    "Store",
    "crawl_state",
    "earlier_monitor_counts",
    "rebuild_search_index",
]
