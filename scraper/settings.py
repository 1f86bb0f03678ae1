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

# No cookies: nothing session-like ends up in logs or the database.
COOKIES_ENABLED = False
TELNETCONSOLE_ENABLED = False

ITEM_PIPELINES = {
    "pipelines.normalize.NormalizePipeline": 100,
    "pipelines.validate.ValidatePipeline": 200,
    "pipelines.store.SQLiteStorePipeline": 900,
}

# Where the store writes, and how many items one transaction may group.
SCRAPER_DB_PATH = "news.db"
SCRAPER_COMMIT_BATCH = 200

LOG_LEVEL = "INFO"
FEED_EXPORT_ENCODING = "utf-8"
