"""WARC import benchmark: `scraper import-warc` in records/s against iterating the same file
with fastwarc alone (every record, every body read), min/median/max of the rounds; and
warcio alone too, when it is installed (the evidence for reading with fastwarc).

The file is generated (scraper.testkit.warcs): the bundled site's article and category pages
copied under many hosts (www.akhbar-turkiya-K.example, so every copy is its own page, its own
canonical URL, and a host no configured site claims: theme detection, as for CC-NEWS), one
gzip member per record, response records only, with a PDF every 50 records. Each import
round writes a fresh database.

    python bench/bench_import_warc.py --records 3000 --rounds 3
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from fastwarc.warc import ArchiveIterator  # noqa: E402

from scraper.testkit.warcs import PDF, WarcBuilder, manifest_responses, warc_date  # noqa: E402
from scraper.warcimport.importer import ImportOptions, import_warcs  # noqa: E402

HOST = b"www.akhbar-turkiya.example"


def generate(path: Path, records: int) -> Path:
    pages = [
        (url, headers, body)
        for url, status, headers, body in manifest_responses()
        if status == 200 and "html" in headers.get("Content-Type", "")
    ]
    builder = WarcBuilder()
    copy = 0
    while len(builder.records) < records:
        host = b"www.akhbar-turkiya-%d.example" % copy
        for url, headers, body in pages:
            if len(builder.records) >= records:
                break
            if len(builder.records) % 50 == 49:
                builder.response(
                    f"https://{host.decode()}/report.pdf",
                    PDF,
                    headers={"Content-Type": "application/pdf"},
                )
                continue
            date = warc_date(headers.get("Date") or "Mon, 15 Dec 2025 09:00:00 GMT")
            builder.response(
                url.replace(HOST.decode(), host.decode()),
                body.replace(HOST, host),
                headers=headers,
                date=date,
            )
        copy += 1
    return builder.write(path)


def iterate(path: Path) -> int:
    count = 0
    with open(path, "rb") as stream:
        for record in ArchiveIterator(stream, parse_http=True, auto_decode="none"):
            record.reader.read()
            count += 1
    return count


def iterate_warcio(path: Path) -> int:
    """The same with warcio (not a dependency: measured when it is installed)."""
    from warcio.archiveiterator import ArchiveIterator as WarcioIterator

    count = 0
    with open(path, "rb") as stream:
        for record in WarcioIterator(stream):
            record.content_stream().read()
            count += 1
    return count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument(
        "--workers", type=int, nargs="+", default=[0, 2], help="extraction processes (0: none)"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        warc = generate(folder / "bench.warc.gz", args.records)
        size = warc.stat().st_size
        print(f"{args.records} records, {size / 1e6:.1f} MB gzipped, {args.rounds} rounds")
        readers = {"fastwarc alone": iterate}
        try:
            import warcio  # noqa: F401

            readers["warcio alone"] = iterate_warcio
        except ImportError:
            pass
        imports = {f"import-warc, {n} workers" if n else "import-warc": n for n in args.workers}
        rates: dict[str, list[float]] = {name: [] for name in (*readers, *imports)}
        for round_number in range(args.rounds):
            for name, reader in readers.items():
                started = time.perf_counter()
                count = reader(warc)
                rates[name].append(count / (time.perf_counter() - started))
            for name, workers in imports.items():
                db = folder / f"round-{round_number}-{workers}.db"
                started = time.perf_counter()
                result = import_warcs([warc], db, ImportOptions(workers=workers))
                rates[name].append(result.records / (time.perf_counter() - started))
                assert result.records == args.records and not result.damage
        stored = result.stored
        print(
            f"last import: {stored['articles']} articles, {stored['pages']} pages, "
            f"skipped {dict(result.skipped)}"
        )
        for name, values in rates.items():
            print(
                f"{name:>26}: records/s min {min(values):8.0f}  median "
                f"{statistics.median(values):8.0f}  max {max(values):8.0f}"
            )
        first = next(iter(imports))
        ratio = statistics.median(rates["fastwarc alone"]) / statistics.median(rates[first])
        print(f"iterating alone is {ratio:.0f} times as fast as {first}: extraction dominates")


if __name__ == "__main__":
    main()
