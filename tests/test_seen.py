"""The spider's memory of requested links is bounded: a long crawl keeps its most recent
links, not all of them."""

from __future__ import annotations

from scraper.crawl.seen import RecentKeys


def test_recent_keys_are_remembered():
    seen = RecentKeys(3)
    for key in ("a", "b", "c"):
        seen.add(key)
    assert all(key in seen for key in ("a", "b", "c"))
    assert "d" not in seen
    assert len(seen) == 3


def test_at_most_twice_the_size_is_kept_and_the_oldest_go_first():
    seen = RecentKeys(1000)
    links = [f"https://news.example/p/{n}/" for n in range(100_000)]
    for link in links:
        seen.add(link)
        assert len(seen) <= 2000
    assert all(link in seen for link in links[-1000:])  # the newest size at least
    assert not any(link in seen for link in links[:98_000])


def test_adding_a_remembered_key_again_keeps_one_copy():
    seen = RecentKeys(10)
    for _ in range(5):
        seen.add("https://news.example/")
    assert len(seen) == 1
