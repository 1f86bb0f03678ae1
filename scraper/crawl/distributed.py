"""One huge site crawled by several workers over Redis (the `distributed` extra).

N processes, on one host or several, crawl one site as one run: they share a request queue
and a duplicate filter in Redis (scrapy-redis's own), each writes its own SQLite shard, and
the shards are merged afterwards (`scraper merge`). What scrapy-redis leaves to us, and this
module adds:

- keys per site and run, `scraper:{site}:{run}:...`, deleted by the last worker to leave,
  with a marker that the run finished (kept for SCRAPER_REDIS_MARKER_DAYS) so a run id is
  never reused: a reused dupefilter would make the new run fetch nothing;
- a lock per site, `scraper:{site}:lock`, holding the run id: the workers of that run join
  it, another run of the site is refused (exit 75) while any worker renews it;
- membership with heartbeats: a worker that stops renewing its deadline (kill -9) is
  dropped by the others, its verdict recorded as lost (unfinished), so the run still ends;
- keep-alive: a worker closes only once the shared queue is empty and no live worker has
  work in flight, for SCRAPER_REDIS_GRACE seconds in a row (and not within the grace of
  the run's start);
- politeness divided among the workers (`shared_politeness`);
- the run's verdict: each worker records its exit code, the last one out aggregates them
  (the most severe, as `scraper crawl` ranks several sites') into the finished marker.

Every step that reads and changes shared state is one Lua script, so no two workers see it
half done. Times are the Redis server's clock (TIME), so hosts need not agree on theirs.
This module needs only the `redis` client, imported when used; the scheduler built on
scrapy-redis is `scraper.crawl.redis_run`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from scraper.ops.monitor import EXIT_EMPTY, EXIT_OK, EXIT_UNFINISHED, most_severe

# Exit codes of a distributed worker besides the monitor's (scraper.ops.monitor): Redis
# unreachable (sysexits' EX_UNAVAILABLE); a reused run id is a usage error (2); another run
# of the site holding the lock is 75, as for the crawl lock.
EXIT_REDIS_UNAVAILABLE = 69

RUN_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}")
EXTRA_HINT = (
    "--redis needs the `distributed` extra (scrapy-redis, redis): "
    "pip install 'arabic-news-scraper[distributed]' (or pip install -e '.[distributed]')"
)


class RedisUnavailable(RuntimeError):
    """Redis cannot be reached or refused us (connection, port, authentication)."""


class RunRefused(RuntimeError):
    """The run cannot be joined: `reason` is "finished" (the run id was used) or "locked"
    (another run of the site is live)."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True)
class RunKeys:
    """The Redis keys of one run of one site."""

    site: str
    run: str

    def _key(self, name: str) -> str:
        return f"scraper:{self.site}:{self.run}:{name}"

    @property
    def requests(self) -> str:
        return self._key("requests")

    @property
    def dupefilter(self) -> str:
        return self._key("dupefilter")

    @property
    def workers(self) -> str:  # sorted set: worker id -> deadline (ms, server clock)
        return self._key("workers")

    @property
    def busy(self) -> str:  # set: workers that took a request since they were last idle
        return self._key("busy")

    @property
    def verdicts(self) -> str:  # hash: worker id -> its verdict (JSON)
        return self._key("verdicts")

    @property
    def started(self) -> str:
        return self._key("started")

    @property
    def finished(self) -> str:  # outside the deleted keys, with a TTL
        return self._key("finished")

    @property
    def lock(self) -> str:
        return f"scraper:{self.site}:lock"

    def deleted_at_end(self) -> list[str]:
        return [
            self.requests,
            self.dupefilter,
            self.workers,
            self.busy,
            self.verdicts,
            self.started,
        ]


def check_run_id(run: str) -> str:
    if not RUN_ID.fullmatch(run):
        raise ValueError(
            f"--run {run!r}: a run id is 1-64 letters, digits, '.', '_' or '-' "
            "(not starting with '.', '_' or '-')"
        )
    return run


def shared_politeness(concurrency: int, delay: float, workers: int) -> tuple[int, float]:
    """One worker's share of a site's politeness: the concurrency divided (at least 1) and
    the delay multiplied by the number of workers, so the site sees the concurrency and
    the request rate it configured, not `workers` times them. (With more workers than
    the configured concurrency, each still needs one request at a time: the site then
    sees `workers` at once, the delay still keeping the rate.)"""
    workers = max(1, workers)
    return max(1, concurrency // workers), delay * workers


def display_url(url: str) -> str:
    """The Redis URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username or ''}:***@{parts.hostname or ''}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit(parts._replace(netloc=netloc))


def connect(url: str, timeout: float = 5.0) -> Any:
    """A Redis client for `url`, checked with PING. Raises RedisUnavailable naming the URL
    (without its password) when it cannot be reached or refuses us, ValueError for a URL
    that is no Redis URL."""
    import redis

    try:
        server = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=30)
    except ValueError as exc:
        raise ValueError(f"--redis {display_url(url)}: not a Redis URL ({exc})") from None
    try:
        server.ping()
    except redis.exceptions.RedisError as exc:
        raise RedisUnavailable(f"cannot use Redis at {display_url(url)}: {exc}") from None
    return server


# --- The run's shared state, one script per step ---------------------------------------------

_NOW = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
"""

# Drop the workers whose deadline passed (killed, or stalled past the timeout): their
# verdict is "lost", unless they recorded one. KEYS[1] workers, KEYS[2] busy, KEYS[3]
# verdicts.
_PRUNE = """
local dead = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now)
for _, id in ipairs(dead) do
    redis.call('ZREM', KEYS[1], id)
    redis.call('SREM', KEYS[2], id)
    redis.call('HSETNX', KEYS[3], id, cjson.encode({worker = id, code = 1, status = 'lost',
        verdict = 'no heartbeat: killed or stalled; its requests in flight are lost until the next run'}))
end
"""

# KEYS: workers busy verdicts lock finished started; ARGV: run worker ttl_ms
_JOIN = (
    _NOW
    + """
if redis.call('EXISTS', KEYS[5]) == 1 then return {'finished', redis.call('GET', KEYS[5])} end
local holder = redis.call('GET', KEYS[4])
if holder and holder ~= ARGV[1] then return {'locked', holder} end
"""
    + _PRUNE
    + """
redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[3])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
redis.call('SET', KEYS[6], now, 'NX')
return {'joined', tostring(redis.call('ZCARD', KEYS[1]))}
"""
)

# KEYS: workers lock finished; ARGV: run worker ttl_ms. Renews the worker's deadline and
# the lock; "ended" when the run finished without us (we stalled past the timeout), "lost"
# when another run took the lock meanwhile.
_BEAT = (
    _NOW
    + """
if redis.call('EXISTS', KEYS[3]) == 1 then return 'ended' end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[1] then return 'lost' end
redis.call('SET', KEYS[2], ARGV[1], 'PX', ARGV[3])
redis.call('ZADD', KEYS[1], now + tonumber(ARGV[3]), ARGV[2])
return 'ok'
"""
)

# KEYS: requests busy; ARGV: worker. Takes the first request and marks the worker busy in
# one step, so no other worker sees an empty queue and nobody busy while a request moves.
_POP = """
local first = redis.call('ZRANGE', KEYS[1], 0, 0)
if #first == 0 then return false end
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, 0)
redis.call('SADD', KEYS[2], ARGV[1])
return first[1]
"""

# KEYS: workers busy verdicts requests started; ARGV: worker. The idle worker is no longer
# busy; returns queued requests, busy workers, ms since the run started.
_IDLE = (
    _NOW
    + _PRUNE
    + """
redis.call('SREM', KEYS[2], ARGV[1])
local started = tonumber(redis.call('GET', KEYS[5]) or now)
return {redis.call('ZCARD', KEYS[4]), redis.call('SCARD', KEYS[2]), now - started}
"""
)

# KEYS: workers busy verdicts finished lock, then the keys deleted at the end;
# ARGV: worker verdict run marker_ttl_ms. The last worker out marks the run finishing,
# deletes its keys and the lock, and gets every verdict.
_LEAVE = (
    _NOW
    + """
redis.call('ZREM', KEYS[1], ARGV[1])
redis.call('SREM', KEYS[2], ARGV[1])
redis.call('HSET', KEYS[3], ARGV[1], ARGV[2])
"""
    + _PRUNE
    + """
local left = redis.call('ZCARD', KEYS[1])
if left > 0 then return {'left', tostring(left)} end
redis.call('SET', KEYS[4], 'finishing', 'PX', ARGV[4])
local verdicts = redis.call('HVALS', KEYS[3])
for i = 6, #KEYS do redis.call('DEL', KEYS[i]) end
if redis.call('GET', KEYS[5]) == ARGV[3] then redis.call('DEL', KEYS[5]) end
table.insert(verdicts, 1, 'last')
return verdicts
"""
)


class RunMembership:
    """One worker's part in a run: join, heartbeat, pop, idle check, leave."""

    def __init__(self, server: Any, keys: RunKeys, worker: str, timeout: float) -> None:
        self.server = server
        self.keys = keys
        self.worker = worker
        self.ttl_ms = max(1000, int(timeout * 1000))
        self._join = server.register_script(_JOIN)
        self._beat = server.register_script(_BEAT)
        self._pop = server.register_script(_POP)
        self._idle = server.register_script(_IDLE)
        self._leave = server.register_script(_LEAVE)

    def join(self) -> int:
        """Join the run (or start it): the number of live workers with us. Raises
        RunRefused."""
        k = self.keys
        answer = self._join(
            keys=[k.workers, k.busy, k.verdicts, k.lock, k.finished, k.started],
            args=[k.run, self.worker, self.ttl_ms],
        )
        status, detail = (_text(part) for part in answer)
        if status == "finished":
            raise RunRefused(
                "finished",
                f"run {k.run} of {k.site} already ran (finished marker in Redis: {detail}); "
                "its keys are gone and a reused run id would fetch nothing: use a new run id (--run)",
            )
        if status == "locked":
            raise RunRefused(
                "locked", f"another run of {k.site} ({detail}) is live in Redis; wait for it"
            )
        return int(detail)

    def beat(self) -> str:
        """Renew our deadline and the lock: "ok", "ended" or "lost"."""
        k = self.keys
        return _text(
            self._beat(keys=[k.workers, k.lock, k.finished], args=[k.run, self.worker, self.ttl_ms])
        )

    def pop(self) -> bytes | None:
        return self._pop(keys=[self.keys.requests, self.keys.busy], args=[self.worker]) or None

    def idle(self) -> tuple[int, int, float]:
        """(queued requests, busy workers, seconds since the run started), ourselves idle."""
        k = self.keys
        queued, busy, since = self._idle(
            keys=[k.workers, k.busy, k.verdicts, k.requests, k.started], args=[self.worker]
        )
        return int(queued), int(busy), int(since) / 1000

    def leave(self, verdict: dict[str, Any], marker_days: float) -> list[dict[str, Any]] | int:
        """Record our verdict and leave: every worker's verdict if we were the last (the
        run's keys are then deleted), else how many workers are left."""
        k = self.keys
        answer = self._leave(
            keys=[k.workers, k.busy, k.verdicts, k.finished, k.lock, *k.deleted_at_end()],
            args=[self.worker, json.dumps(verdict), k.run, int(marker_days * 86400 * 1000)],
        )
        if _text(answer[0]) == "left":
            return int(_text(answer[1]))
        return [json.loads(_text(part)) for part in answer[1:]]

    def finish(self, summary: dict[str, Any], marker_days: float) -> None:
        """The finished marker: the run's aggregated verdict, kept `marker_days`."""
        self.server.set(self.keys.finished, json.dumps(summary), px=int(marker_days * 86400 * 1000))


def _text(value: Any) -> str:
    return value.decode() if isinstance(value, bytes) else str(value)


def aggregate(site: str, run: str, verdicts: list[dict[str, Any]]) -> dict[str, Any]:
    """The run's verdict from its workers': the most severe exit code, and the sums. A
    worker that found nothing new is no empty site where another found something (its
    peers took the queue): the run is empty only when every worker found nothing."""
    codes = [int(v.get("code", EXIT_UNFINISHED)) for v in verdicts]
    if any(code != EXIT_EMPTY for code in codes):
        codes = [EXIT_OK if code == EXIT_EMPTY else code for code in codes]
    code = most_severe(codes)
    return {
        "site": site,
        "run": run,
        "exit_code": code,
        "workers": len(verdicts),
        "lost_workers": sum(1 for v in verdicts if v.get("status") == "lost"),
        "responses": sum(v.get("responses", 0) for v in verdicts),
        "articles": sum(v.get("articles", 0) for v in verdicts),
        "verdicts": sorted(verdicts, key=lambda v: v.get("worker", "")),
    }


def describe_run(summary: dict[str, Any]) -> str:
    """One line for the run's aggregated verdict."""
    lost = summary.get("lost_workers", 0)
    lost_text = f" ({lost} lost: killed or stalled)" if lost else ""
    return (
        f"{summary['site']} run {summary['run']}: {summary['workers']} workers{lost_text}, "
        f"{summary['responses']} responses, {summary['articles']} articles; "
        f"run verdict exit {summary['exit_code']}"
    )


def probe(server: Any, keys: RunKeys) -> None:
    """Before a worker starts Scrapy: refuse a finished run id or a site locked by another
    run (RunRefused), reading only. The join itself happens in the scheduler."""
    finished = server.get(keys.finished)
    if finished is not None:
        raise RunRefused(
            "finished",
            f"run {keys.run} of {keys.site} already ran (finished marker in Redis); "
            "a reused run id would fetch nothing: use a new run id (--run)",
        )
    holder = server.get(keys.lock)
    if holder is not None and _text(holder) != keys.run:
        raise RunRefused(
            "locked", f"another run of {keys.site} ({_text(holder)}) is live in Redis; wait for it"
        )


def preflight(url: str, site: str, run: str) -> RunKeys:
    """Everything a worker checks before Scrapy starts and before its shard is written: the
    run id, the extra, Redis reached (RedisUnavailable) and the run joinable (RunRefused).
    ValueError for a bad run id or a missing extra."""
    check_run_id(run)
    try:
        import scrapy_redis  # noqa: F401  (the extra's presence, before anything starts)
    except ImportError:
        raise ValueError(EXTRA_HINT) from None
    keys = RunKeys(site, run)
    probe(connect(url), keys)
    return keys


def refusal_exit_code(exc: Exception) -> int:
    """The exit code of a worker refused by `preflight`."""
    if isinstance(exc, RedisUnavailable):
        return EXIT_REDIS_UNAVAILABLE
    if isinstance(exc, RunRefused) and exc.reason == "locked":
        return 75  # as the crawl lock (scraper.ops.monitor.EXIT_RUNNING)
    return 2


def run_status(server: Any, keys: RunKeys) -> tuple[str, dict[str, Any]]:
    """("finished", the aggregated verdict), ("finishing", {}), ("live", counts) or
    ("unknown", {}), read only."""
    finished = server.get(keys.finished)
    if finished is not None:
        text = _text(finished)
        return ("finishing", {}) if text == "finishing" else ("finished", json.loads(text))
    if server.exists(keys.started):
        seconds, micros = server.time()  # Redis's clock, as the deadlines
        now_ms = int(seconds) * 1000 + int(micros) // 1000
        return "live", {
            "site": keys.site,
            "run": keys.run,
            # Workers whose deadline has not passed: killed ones are not counted.
            "workers": server.zcount(keys.workers, now_ms, "+inf"),
            "busy": server.scard(keys.busy),
            "queued": server.zcard(keys.requests),
            "seen": server.scard(keys.dupefilter),
            "lock": _text(server.get(keys.lock) or b""),
        }
    return "unknown", {}
