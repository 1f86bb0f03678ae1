"""A throwaway redis-server on 127.0.0.1 for the tests and the benchmark of distributed runs,
and an HTTP server wrapper that measures the politeness a site saw.

    with RedisServer(tmp_dir) as url:   # redis://127.0.0.1:PORT/0, stopped by PID on exit
        ...

The server keeps nothing on disk (no RDB snapshot, no append-only file) and is stopped by
its PID when the block ends, however it ends: SIGTERM, then SIGKILL if it has not exited
within a few seconds."""

from __future__ import annotations

import shutil
import socket
import subprocess
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    """`redis-server` on a free port of 127.0.0.1, its files under `directory`."""

    def __init__(
        self, directory: Path, binary: str = "redis-server", password: str | None = None
    ) -> None:
        found = shutil.which(binary)
        if found is None:
            raise FileNotFoundError(
                f"{binary} is not installed (Debian: apt-get install redis-server; "
                "ops/ensure_services.sh installs it)"
            )
        self.binary = found
        self.directory = Path(directory)
        self.password = password
        self.port = 0
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        auth = f":{self.password}@" if self.password else ""
        return f"redis://{auth}127.0.0.1:{self.port}/0"

    def start(self, timeout: float = 10.0) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", str(self.port),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.directory),
                "--logfile", str(self.directory / "redis.log"),
                *(["--requirepass", self.password] if self.password else []),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = (self.directory / "redis.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"redis-server exited at start: {log}")
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as conn:
                    conn.sendall(b"PING\r\n")
                    # A server with a password answers NOAUTH: it is up all the same.
                    if conn.recv(16).startswith((b"+PONG", b"-NOAUTH")):
                        return self.url
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"redis-server did not answer on port {self.port} in {timeout} s")

    def stop(self) -> None:
        process, self.process = self.process, None
        if process is None or process.poll() is not None:
            return
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)

    def __enter__(self) -> str:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


class RequestMeter:
    """Wraps a `ThreadingHTTPServer`'s handler: counts the requests waiting for their
    answer at once (the peak concurrency), requests per whole second (the peak rate), and
    each path's requests; an optional latency before each answer, as a slow site's."""

    def __init__(self, server: Any, latency: float = 0.0) -> None:
        self.lock = threading.Lock()
        self.current = 0
        self.peak = 0
        self.paths: Counter[str] = Counter()
        self.per_second: Counter[int] = Counter()
        meter = self
        handler = server.RequestHandlerClass

        class Metered(handler):
            def handle_one_request(self) -> None:
                # Waits for the request line first: an idle kept-alive connection is no
                # request in progress.
                self.raw_requestline = self.rfile.readline(65537)
                if not self.raw_requestline:
                    self.close_connection = True
                    return
                with meter.lock:
                    meter.current += 1
                    meter.peak = max(meter.peak, meter.current)
                    meter.per_second[int(time.monotonic())] += 1
                try:
                    if latency:
                        time.sleep(latency)
                finally:
                    # Counted until the answer starts: the client cannot send its next
                    # request before it has this answer, so none is counted twice while
                    # a finished thread waits for its turn to run.
                    with meter.lock:
                        meter.current -= 1
                self._answer()

            def _answer(self) -> None:
                # BaseHTTPRequestHandler.handle_one_request after the request line.
                if not self.parse_request():
                    return
                with meter.lock:
                    meter.paths[self.path] += 1
                method = getattr(self, "do_" + self.command, None)
                if method is None:
                    self.send_error(501)
                    return
                method()
                self.wfile.flush()

        server.RequestHandlerClass = Metered

    @property
    def peak_rate(self) -> int:
        with self.lock:
            return max(self.per_second.values(), default=0)
