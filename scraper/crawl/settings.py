"""Scrapy settings for real sites: polite by default. Per-site politeness comes from the
site configuration (scraper/sites/*.toml) and is applied by the spider."""

BOT_NAME = "arabic-news-scraper"
SPIDER_MODULES = ["spiders"]
NEWSPIDER_MODULE = "spiders"

# Identify ourselves; operators should put a contact URL or address here.
USER_AGENT = "arabic-news-scraper/0.1 (research crawler; +https://example.org/arabic-news-scraper)"
ROBOTSTXT_OBEY = True

CONCURRENT_REQUESTS = 16
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 1.0
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 1.0
AUTOTHROTTLE_MAX_DELAY = 30.0
AUTOTHROTTLE_TARGET_CONCURRENCY = 1.0

DOWNLOAD_TIMEOUT = 30
# Bounds both the download and its decompression.
DOWNLOAD_MAXSIZE = 16 * 1024 * 1024
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
RETRY_TIMES = 3
# Retries wait: Retry-After when the server sends it, else 1 s, 2 s, 4 s ... up to 2 min.
RETRY_BACKOFF_BASE = 1.0
RETRY_BACKOFF_MAX = 120.0
DOWNLOADER_MIDDLEWARES = {
    "scrapy.downloadermiddlewares.retry.RetryMiddleware": None,
    "scraper.crawl.retry.BackoffRetryMiddleware": 550,
    # Before anything goes out (Scrapy's offsite filter runs at 50): no internal addresses.
    "scraper.crawl.guard.PrivateAddressGuard": 60,
    # Sees a 3xx before RedirectMiddleware (600) follows it.
    "scraper.crawl.guard.RedirectGuard": 650,
    # Meta refreshes followed (Scrapy's place, 580), but not a page's refresh to itself.
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "scraper.crawl.guard.MetaRefreshRedirects": 580,
    # robots.txt read up to SCRAPER_ROBOTSTXT_MAXSIZE, the rest ignored with a warning.
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "scraper.crawl.guard.BoundedRobotsTxt": 100,
    # Nearest the downloader: every response as received, before decompression, redirects
    # and retries handle it (scraper.crawl.archive).
    "scraper.crawl.archive.WarcArchiver": 950,
}
# Every fetched response archived in gzipped WARC files (docs/operations.md, "Archive
# (WARC)"): in SCRAPER_WARC_DIR (None: `<SCRAPER_DB_PATH>.warc/` beside the database),
# a new file past SCRAPER_WARC_MAX_BYTES. False (`scraper crawl --no-warc`) archives nothing.
SCRAPER_WARC = True
SCRAPER_WARC_DIR = None
SCRAPER_WARC_MAX_BYTES = 1 << 30
# How much of a robots.txt is obeyed: 500 KiB, Google's limit and RFC 9309's least.
SCRAPER_ROBOTSTXT_MAXSIZE = 500 * 1024
# A site file that names no sitemap: read the sitemaps its robots.txt names ("Sitemap:").
SCRAPER_ROBOTS_SITEMAPS = True

# Scrapy's duplicate filter with the same answers, its fingerprints packed: about 24 bytes a
# request instead of 95 (scraper/crawl/dupefilter.py; docs/benchmarks.md, memory of a long
# crawl).
DUPEFILTER_CLASS = "scraper.crawl.dupefilter.CompactDupeFilter"

# Outside every other spider middleware (Scrapy's start at 50): an exception in a callback
# or another spider middleware becomes a failure row (scraper.crawl.failures).
SPIDER_MIDDLEWARES = {
    "scraper.crawl.failures.SpiderFailures": 10,
    # Scrapy's depth limit, in its place, counting as a reached budget only the links past
    # it that the run requested no other way (scraper.crawl.budgets.DepthBudget).
    "scrapy.spidermiddlewares.depth.DepthMiddleware": None,
    "scraper.crawl.budgets.DepthBudget": 900,
}

# No cookies: nothing session-like ends up in logs or the database.
COOKIES_ENABLED = False

# Outputs of one page processed in parallel. Scrapy starts this many asyncio tasks for every
# response; a page of ours yields 3 items and its new links, and the default (100) made task
# creation about 10% of the crawl's main thread.
CONCURRENT_ITEMS = 16

ITEM_PIPELINES = {
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.store.SQLiteStorePipeline": 900,
}

# Incremental crawls: stored articles published within this many days are re-fetched
# (conditionally) to catch edits; older stored articles are not fetched again.
SCRAPER_RECENT_DAYS = 2.0

# Monitoring of values: the share of stored articles (and list items) that must carry each
# field; a breach makes `scraper crawl` exit 3 (drift). More HTTP errors than this share of
# requests makes it exit 4.
SCRAPER_MONITOR_THRESHOLDS = {
    "headline": 0.95,
    "body": 0.90,  # a body of at least SCRAPER_MONITOR_MIN_BODY_CHARS characters
    "published_at": 0.90,
    "category": 0.90,
    "source": 0.30,
    "list_item_windows": 0.90,
}
SCRAPER_MONITOR_MIN_BODY_CHARS = 200
# A share below its threshold (an error rate above it) is a breach only when chance explains
# it less often than 1 - this, so a small incremental run is not flagged for one article
# without a source line. 0 compares the raw shares.
SCRAPER_MONITOR_CONFIDENCE = 0.95
# A run that stored fewer articles than this and falls short within chance is judged again
# with the site's runs before it (newest first, up to this many articles, started within the
# last POOL_DAYS days), so a site that publishes a few articles an hour still shows drift.
# 0 judges every run alone.
SCRAPER_MONITOR_POOL_ARTICLES = 50
SCRAPER_MONITOR_POOL_DAYS = 7.0
SCRAPER_MONITOR_MAX_HTTP_ERROR_RATE = 0.20
# Exceptions in the crawl's own code (callbacks, middlewares, pipelines) a run may meet: each
# is a failure row (scraper.crawl.failures); more than this make `scraper crawl` exit 4.
SCRAPER_MONITOR_MAX_EXCEPTIONS = 0

# Budgets: every run ends, however large or hostile the site (scraper/crawl/budgets.py,
# docs/operations.md "Budgets and traps"). A site file's [budgets] table overrides each for
# that site; 0 turns one off. A run that reaches one exits 4 (the monitor's `budgets` check).
# Scrapy's own, for the run as a whole: responses, seconds, and link depth (each page of a
# listing is one level deeper than the page before it, so depth stays above listing_pages).
CLOSESPIDER_PAGECOUNT = 20000
CLOSESPIDER_TIMEOUT = 6 * 3600
DEPTH_LIMIT = 2000
# What one page or listing may add: pages of one listing (/page/N, ?paged=N, the REST API's
# page=N), links followed from one page, query strings of one path, sitemap indexes nested,
# and listing pages in a row that list nothing or just what the page before listed.
SCRAPER_BUDGET_LISTING_PAGES = 1000
SCRAPER_BUDGET_LINKS_PER_PAGE = 1000
SCRAPER_BUDGET_QUERY_VARIANTS = 100
SCRAPER_BUDGET_SITEMAP_DEPTH = 3
SCRAPER_BUDGET_REPEATED_PAGES = 3

# Where the store writes, and how many items one transaction may group.
SCRAPER_DB_PATH = "news.db"
# A central database (e.g. the one `scraper merge` fills) whose articles, validators and
# fetched pages count as already stored, besides SCRAPER_DB_PATH's own: read as one
# snapshot, never written. None: SCRAPER_DB_PATH alone. A missing or unreadable one ends the
# run before it crawls (finish reason state_db_failed, exit 1); `scraper crawl --state-db`
# checks it first (exit 2).
SCRAPER_STATE_DB = None
SCRAPER_COMMIT_BATCH = 1000
# A site's first crawl (no article of it stored yet) writes in the store's bulk mode:
# commits of up to 10,000 queued records, the search index written once per commit, in the
# same transaction (pipelines/store.py). False: every crawl keeps the small commits.
SCRAPER_BULK_BACKFILL = True
# The longest the crawl waits on the store (its opening, a commit, its closing), in
# seconds: past it the store counts as failed and the crawl ends (reason store_failed).
SCRAPER_STORE_TIMEOUT = 300.0
# Store re-fetched articles even when they look worse than the stored version (mojibake,
# fields lost: scraper.store.quality); by default the stored version stays, with a failure
# row. `scraper crawl --allow-worse`, or `-s SCRAPER_ALLOW_WORSE=True` for scrapy/scrapyd.
SCRAPER_ALLOW_WORSE = False
# `scrapy crawl` exits non-zero when the store refused a write or failed
# (scraper/crawl/commands/crawl.py).
COMMANDS_MODULE = "scraper.crawl.commands"

# Extraction in this many worker processes (0: in the crawl's own thread). "auto": one per
# usable core but one, at most 4 (none on one core); about 60 MiB each. Pages are extracted
# in the crawl's thread until the first worker has started. docs/operations.md says when
# to set 0; docs/benchmarks.md has figures.
SCRAPER_EXTRACT_PROCESSES = "auto"
# The workers start after this many pages were extracted in the crawl's thread: a shorter
# crawl never pays for their start (about a second of a core each).
SCRAPER_EXTRACT_POOL_AFTER = 100
# The longest one page's extraction may take in a worker, in seconds: past it the worker is
# stopped and the page is a failure row (scraper.crawl.workers).
SCRAPER_EXTRACT_TIMEOUT = 120.0

# One site crawled by several workers over Redis (`scraper crawl --redis URL --run ID
# --workers N`, or these settings through scrapy/scrapyd; needs the `distributed` extra;
# scraper/crawl/distributed.py). None: a crawl of its own. Each worker writes its own
# SCRAPER_DB_PATH shard, takes 1/N of the site's concurrency and N times its delay.
SCRAPER_REDIS_URL = None
SCRAPER_REDIS_RUN = None  # the run id, the same for every worker of the run, never reused
SCRAPER_REDIS_WORKERS = 1
# A worker silent this long (no heartbeat: killed, stalled) is dropped from the run, its
# requests in flight lost until the next run; heartbeats come three times as often.
SCRAPER_REDIS_WORKER_TIMEOUT = 10.0
# Keep-alive: a worker closes once the run's queue has been empty, with no worker busy, for
# this many seconds (and not within this long of the run's start).
SCRAPER_REDIS_GRACE = 3.0
# How long the finished marker (the run's verdict, refusing its id) stays in Redis.
SCRAPER_REDIS_MARKER_DAYS = 7.0

LOG_LEVEL = "INFO"
# A dropped item is logged by its type and URL, not its content (a page's whole article).
LOG_FORMATTER = "scraper.crawl.logformatter.ItemNamingLogFormatter"
# A live progress line on stderr: "auto" shows it on a terminal only (quiet under cron).
SCRAPER_PROGRESS = "auto"
EXTENSIONS = {
    "scraper.crawl.extensions.ProgressLine": 500,
    "scraper.crawl.extensions.MonitorExtension": 510,
    # AutoThrottle, never below the delay a site file asks for.
    "scrapy.extensions.throttle.AutoThrottle": None,
    "scraper.crawl.extensions.SitePacedAutoThrottle": 0,
    # Extensions a crawl does not use. Two would listen on 127.0.0.1 for anyone on the
    # machine: the telnet console, and Scrapy 2.19's remote control (an HTTP server that
    # runs Python sent to it, and leaves its port and token in a job file under the user's
    # state directory, for good when the run is killed). The memory debugger and the
    # JOBDIR spider state are idle here: the database is the crawl's queue.
    "scrapy.extensions.telnet.TelnetConsole": None,
    "scrapy.extensions.remote_control.RemoteControl": None,
    "scrapy.extensions.memdebug.MemoryDebugger": None,
    "scrapy.extensions.spiderstate.SpiderState": None,
}
# Also off by their own switches, should a project override EXTENSIONS.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False
FEED_EXPORT_ENCODING = "utf-8"
