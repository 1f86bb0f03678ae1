"""Crawling with Scrapy: settings, downloader middlewares, extensions and extraction workers."""
