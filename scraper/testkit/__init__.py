"""User-facing test tooling: the replay server (serve-site), fault injection, the fixture
workflow and the accuracy table. Nothing in a crawl imports it."""
