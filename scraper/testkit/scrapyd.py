"""A throwaway scrapyd on 127.0.0.1, for tests and `make scrapyd-check`.

    with Scrapyd(tmp / "host-a") as scrapyd:      # a free port, its own scrapyd.conf and HOME
        scrapyd.url                               # http://127.0.0.1:PORT/

The process runs in a session of its own, so that stopping it (SIGTERM, then SIGKILL, to
the whole process group) also stops every crawl it launched, even after a failed test.
Needs the `ops` extra (scrapyd).
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"


class ScrapydFailed(RuntimeError):
    """scrapyd did not start, or exited."""


def free_port() -> int:
    """A port nothing listens on now (bound and released: a later bind may still race)."""
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


class Scrapyd:
    """A scrapyd process in its own directory and session, stopped with its children."""

    def __init__(self, workdir: Path, port: int | None = None, max_proc: int = 2) -> None:
        self.workdir = Path(workdir)
        self.port = port or free_port()
        self.max_proc = max_proc
        self.url = f"http://{HOST}:{self.port}/"
        self.log = self.workdir / "scrapyd.out"
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Scrapyd:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self.proc.pid if self.proc else None

    def start(self, timeout: float = 30.0) -> None:
        """Start scrapyd and wait until it answers daemonstatus.json."""
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            f"bind_address = {HOST}\n"
            f"http_port = {self.port}\n"
            "poll_interval = 0.5\n"
            f"max_proc = {self.max_proc}\n"
            f"eggs_dir = {self.workdir / 'eggs'}\n"
            f"logs_dir = {self.workdir / 'logs'}\n"
            f"dbs_dir = {self.workdir / 'dbs'}\n"
            "items_dir =\n",
            encoding="utf-8",
        )
        # HOME too, so that no ~/.scrapyd.conf of the user's overrides the file above.
        env = dict(os.environ, HOME=str(self.workdir))
        with self.log.open("wb") as out:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "scrapyd", "--pidfile="],
                cwd=self.workdir,
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise ScrapydFailed(f"scrapyd exited with {self.proc.returncode}:\n{self.tail()}")
            try:
                if self.get("daemonstatus.json").get("status") == "ok":
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise ScrapydFailed(f"scrapyd did not answer within {timeout:.0f} s:\n{self.tail()}")

    def version(self) -> str:
        out = subprocess.run(
            [sys.executable, "-m", "scrapyd", "--version"], capture_output=True, text=True
        )
        return out.stdout.strip() or "scrapyd"

    def get(self, endpoint: str, **params: str) -> dict[str, Any]:
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(self.url + endpoint + query, timeout=10) as response:
            return json.load(response)

    def post(self, endpoint: str, fields: list[tuple[str, str]]) -> dict[str, Any]:
        data = urllib.parse.urlencode(fields).encode()
        with urllib.request.urlopen(self.url + endpoint, data=data, timeout=10) as response:
            return json.load(response)

    def job_log(self, project: str, spider: str, job: str) -> Path:
        return self.workdir / "logs" / project / spider / f"{job}.log"

    def tail(self, path: Path | None = None, lines: int = 25) -> str:
        path = path or self.log
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])

    def stop(self) -> None:
        """Stop scrapyd and every crawl it launched (its whole session), by its pid."""
        if self.proc is None:
            return
        # SIGTERM lets scrapyd and its crawls shut down; SIGKILL then takes whatever of the
        # group is left (a crawl still closing), even when scrapyd itself already exited.
        for sig, wait in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
            try:
                os.killpg(self.proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                self.proc.wait(timeout=wait)
            except subprocess.TimeoutExpired:
                continue
