"""A bounded memory of the keys seen most recently."""

from __future__ import annotations


class RecentKeys:
    """The last `size` to `2 * size` keys added, in two generations: when the newer one is
    full, the older is dropped. For a shortcut whose misses are still correct (Scrapy's
    duplicate filter still drops a request for a forgotten link), so a long crawl keeps a
    bounded number of its links, not all of them."""

    def __init__(self, size: int) -> None:
        self.size = max(1, size)
        self._newer: set[str] = set()
        self._older: set[str] = set()

    def __contains__(self, key: object) -> bool:
        return key in self._newer or key in self._older

    def __len__(self) -> int:
        return len(self._newer) + len(self._older)

    def add(self, key: str) -> None:
        if len(self._newer) >= self.size:
            self._older, self._newer = self._newer, set()
        self._newer.add(key)
