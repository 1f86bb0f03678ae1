from scraper.cli import main

# Guarded: extraction worker processes (SCRAPER_EXTRACT_PROCESSES) import this module.
if __name__ == "__main__":
    raise SystemExit(main())
