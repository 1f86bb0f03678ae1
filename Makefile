# Two commands: `make demo` (crawl the bundled site into news.db) and `make test`.
# Both build or refresh .venv from pyproject.toml first; only python3 and make are assumed.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
DB     ?= news.db

.PHONY: demo test test-fast lint accuracy accuracy-real crash-test hostile-test bench bench-extract bench-dates bench-startup bench-store bench-merge bench-crawl bench-crawl-memory bench-warc bench-distributed profile scrapyd-check clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/scraper demo --db $(DB)

test: $(STAMP)
	ops/ensure_services.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q

# Everything but the tests marked slow (crash series, scrapyd, the long monitor run, the
# large property runs): 4 to 6 minutes on a 2-core machine. `make test` runs them all.
# Both cores (pytest-xdist): the fast tier is for the edit-test loop; make test stays serial.
# The distributed tests in it need redis-server, as make test's do.
test-fast: $(STAMP)
	ops/ensure_services.sh
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -q -m "not slow" -n 2

lint: $(STAMP)
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The long crash-safety run: 12 SIGKILLs at seeded moments of progress (make test runs 3).
crash-test: $(STAMP)
	CRASH_KILLS=12 $(BIN)/python -m pytest -q tests/test_crash.py

# Every hostile scenario of issue 16 (traps, hostile headers, bad inputs, a full disk), each a
# real crawl with a deadline, checked against a reference crawl (docs/reliability.md);
# make test runs a short version. SCENARIOS="date-9999 full-disk" runs some.
SCENARIOS ?=
hostile-test: $(STAMP)
	$(BIN)/python -m scraper.testkit.hostile_run $(SCENARIOS)

# Per-field extraction scores over all fixtures, against tests/accuracy_floors.json.
accuracy: accuracy-real
	$(BIN)/python -m scraper.testkit.accuracy

# Real pages (tests/fixtures/real/, and ../shared/corpus/fundus/ when it is there): ours
# beside trafilatura, htmldate and newspaper4k, per field and per script (a few minutes).
accuracy-real: $(STAMP)
	$(BIN)/python -m scraper.testkit.accuracy_real

# Extraction speed on every page set, the time layer and start-up, against references in the
# same run (bench-extract: about 4 minutes at load 5, 20 at load 15).
# bench-crawl and bench-store take several minutes each; docs/benchmarks.md has figures.
bench: bench-extract bench-dates bench-startup

bench-extract: $(STAMP)
	$(BIN)/python bench/bench_extract.py

bench-dates: $(STAMP)
	$(BIN)/python bench/bench_dates.py

# Start-up of extract, search, dates and --help against `python -c "import trafilatura"`.
bench-startup: $(STAMP)
	$(BIN)/python bench/bench_startup.py

# 250,000 synthetic Arabic articles in a temporary database (several minutes; ARTICLES=20000 is quick),
# through the live writer, the bulk writer and the flat-table floor, ROUNDS times interleaved.
# ORDER=published inserts them oldest first, as a backfill from date-ordered sitemaps arrives.
# SCALE=10000:100000:250000:1000000 instead grows one bulk-mode database through those sizes,
# measuring at each (about an hour and 6 GB of temporary disk for 1,000,000).
ARTICLES ?= 250000
ORDER    ?= random
ROUNDS   ?= 1
SCALE    ?=
bench-store: $(STAMP)
	$(BIN)/python bench/bench_store.py --articles $(ARTICLES) --order $(ORDER) --rounds $(ROUNDS) \
		$(if $(SCALE),--scale $(SCALE))

# scraper merge: two shards of generated articles (ARTICLES in all) merged into a fresh database.
bench-merge: $(STAMP)
	$(BIN)/python bench/bench_merge.py --articles $(ARTICLES)

# Bare Scrapy against the full crawl on generated pages, at each size and server latency.
PAGES ?= 2000 10000
LATENCY ?= 0 100
# WORKERS: the full crawls to run, one per SCRAPER_EXTRACT_PROCESSES value; ROUNDS (above)
# interleaved.
WORKERS ?= 0 1
bench-crawl: $(STAMP)
	$(BIN)/python bench/bench_crawl.py --pages $(PAGES) --latency-ms $(LATENCY) --processes $(WORKERS) --rounds $(ROUNDS)

# A long crawl's memory: the duplicate filter against Scrapy's on MEMORY_PAGES requests, then
# MEMORY_PAGES generated pages through the real crawl path (the network simulated in-process),
# the process tree's RSS every 10,000 pages. 1,000,000 take hours here.
MEMORY_PAGES ?= 1000000
bench-crawl-memory: $(STAMP)
	$(BIN)/python bench/bench_dupefilter.py --requests $(MEMORY_PAGES) --every 100000
	$(BIN)/python bench/bench_crawl_memory.py --pages $(MEMORY_PAGES)

# The crawl with WARC archiving on and off, interleaved (3 rounds of PAGES_WARC generated pages),
# WARC bytes per article, and the record writers' speed; then import-warc in records/s against
# fastwarc alone iterating the same file (docs/benchmarks.md, "WARC" and "WARC import").
PAGES_WARC ?= 1000
bench-warc: $(STAMP)
	$(BIN)/python bench/bench_warc.py --pages $(PAGES_WARC) --rounds 3
	$(BIN)/python bench/bench_import_warc.py --rounds 3
	$(BIN)/python bench/bench_reextract.py --pages $(PAGES_WARC) --rounds 3

# One generated site crawled by 1, 2 and 3 workers over a local redis-server (100 ms latency):
# articles/s, and the peak concurrency and requests/s the site saw against its limit.
bench-distributed: $(STAMP)
	ops/ensure_services.sh
	$(BIN)/python bench/bench_distributed.py --pages 2000

# Sampling profile (py-spy, every thread) of a full crawl of 2,000 generated pages.
profile: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[bench]'
	$(BIN)/python bench/profile_crawl.py --pages 2000

# Deploy to a local scrapyd on 127.0.0.1 and run the spider there against the bundled site.
# (make test runs it too; this target shows its one-line result on its own.)
scrapyd-check: $(STAMP)
	$(BIN)/python ops/scrapyd_check.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache
