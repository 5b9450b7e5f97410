"""Real ticketworker processes for fault tests: worker, beat and one-shot pollers.

Each process runs in a session of its own (so a test can signal its whole group) with its
output in a log file the PII check reads afterwards.  The helpers below find a worker's
pool children and the process that owns a given TCP connection, through /proc (Linux), so
a test can kill exactly the child that is running a given database call.
"""

from __future__ import annotations

import base64
import fcntl
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO, TypeVar

import redis

from tests.helpers import need

T = TypeVar("T")
EXE = str(Path(sys.executable).parent / "ticketworker")
REDIS_BASE = os.environ.get("TICKETWORKER_TEST_REDIS_BASE", "redis://127.0.0.1:6379")


class Deployment:
    """The processes one test started, their environment and their logs."""

    def __init__(self, env: dict[str, str], tmp: Path) -> None:
        self.env, self.tmp = env, tmp
        self.procs: dict[str, subprocess.Popen[bytes]] = {}
        self._files: list[BinaryIO] = []

    def run(
        self, name: str, *args: str, env: dict[str, str] | None = None
    ) -> subprocess.Popen[bytes]:
        """Start ``ticketworker <args>`` as ``name``; its output goes to ``<name>.log``."""
        log = (self.tmp / f"{name}.log").open("wb")
        self._files.append(log)
        proc = subprocess.Popen(
            [EXE, *args],
            env=env or self.env,
            cwd=self.tmp,  # no stray .env or var/ from the checkout
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.procs[name] = proc
        return proc

    def worker(self, name: str = "worker", concurrency: int = 2) -> subprocess.Popen[bytes]:
        return self.run(name, "worker", "--concurrency", str(concurrency))

    def beat(self, name: str = "beat") -> subprocess.Popen[bytes]:
        return self.run(name, "beat", "--schedule", str(self.tmp / f"{name}-schedule"))

    def stop(self) -> None:
        """SIGTERM every process group this deployment started, SIGKILL what lingers."""
        for proc in self.procs.values():
            if proc.poll() is None:
                _signal_group(proc.pid, signal.SIGTERM)
        for proc in self.procs.values():
            try:
                proc.wait(timeout=40)
            except subprocess.TimeoutExpired:
                _signal_group(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        for file in self._files:
            file.close()

    def log(self, name: str) -> str:
        path = self.tmp / f"{name}.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def logs(self) -> dict[str, str]:
        return {name: self.log(name) for name in self.procs}

    def tail(self, chars: int = 4000) -> str:
        """The end of every log, for assertion messages."""
        return "\n".join(f"--- {n} ---\n{text[-chars:]}" for n, text in self.logs().items())


def _signal_group(pid: int, sig: signal.Signals) -> None:
    try:
        os.killpg(pid, sig)
    except ProcessLookupError:
        pass


# -- processes and sockets through /proc ---------------------------------------------------
def children_of(pid: int) -> list[int]:
    """Live child processes of ``pid`` (a prefork worker's pool)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue  # exited meanwhile
        # The command name sits in parentheses and may hold spaces: split after it.
        fields = stat.rsplit(")", 1)[1].split()
        if int(fields[1]) == pid and fields[0] != "Z":
            found.append(int(entry.name))
    return sorted(found)


def _socket_inode(local_port: int, remote_port: int) -> str | None:
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = Path(table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, remote, inode = fields[1], fields[2], fields[9]
            if int(local.rsplit(":", 1)[1], 16) == local_port and (
                int(remote.rsplit(":", 1)[1], 16) == remote_port
            ):
                return inode
    return None


def owner_of_connection(pids: list[int], local_port: int, remote_port: int) -> int | None:
    """Which of ``pids`` holds the loopback TCP connection from ``local_port``."""
    inode = _socket_inode(local_port, remote_port)
    if inode is None:
        return None
    wanted = f"socket:[{inode}]"
    for pid in pids:
        try:
            fds = list(Path(f"/proc/{pid}/fd").iterdir())
        except OSError:
            continue
        for fd in fds:
            try:
                if os.readlink(fd) == wanted:
                    return pid
            except OSError:
                continue
    return None


# -- waiting ----------------------------------------------------------------------------------
def wait_for(
    check: Callable[[], T | None],
    timeout: float,
    what: str,
    interval: float = 0.25,
    context: Callable[[], str] = lambda: "",
) -> T:
    """Call ``check`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}\n{context()}")
        time.sleep(interval)


# -- Redis ------------------------------------------------------------------------------------
@contextmanager
def own_redis(db: int, wait: float = 240.0) -> Iterator[tuple[str, redis.Redis]]:
    """This test's own Redis database, emptied before and after; skips (fails under CI)
    without Redis.

    Another run of these tests on this machine (a CI checkout beside a working tree) uses
    the same database numbers: its workers would take this test's messages.  A file lock
    per database makes the two runs take turns instead.
    """
    url = f"{REDIS_BASE}/{db}"
    name = re.sub(r"[^A-Za-z0-9]+", "-", url)
    with (Path(tempfile.gettempdir()) / f"ticketworker-test-{name}.lock").open("w") as lock:
        wait_for(lambda: _try_lock(lock), wait, f"the lock on {url} (another test run)", 0.5)
        client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=2)
        try:
            try:
                client.ping()
                client.flushdb()
            except redis.RedisError as exc:
                need(False, f"Redis unavailable at {url}: {type(exc).__name__}")
            yield url, client
            client.flushdb()
        finally:
            client.close()
            fcntl.flock(lock, fcntl.LOCK_UN)


def _try_lock(lock: TextIO) -> bool:
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def redis_text(client: redis.Redis) -> str:
    """Every key and value in the database as text, kombu message bodies decoded."""
    parts: list[str] = []
    for key in client.scan_iter(count=500):
        parts.append(repr(key))
        kind = client.type(key)
        if kind == b"string":
            values = [client.get(key)]
        elif kind == b"list":
            values = client.lrange(key, 0, -1)
        elif kind == b"set":
            values = list(client.smembers(key))
        elif kind == b"zset":
            values = [m for m, _ in client.zrange(key, 0, -1, withscores=True)]
        elif kind == b"hash":
            values = [v for pair in client.hgetall(key).items() for v in pair]
        else:
            values = []
        parts.extend(_decoded(v) for v in values if v is not None)
    return "\n".join(parts)


def _decoded(value: bytes) -> str:
    text = value.decode("utf-8", errors="replace")
    # A kombu message is JSON (an unacked entry wraps it in a list) with a base64 body.
    try:
        data = json.loads(text)
    except ValueError:
        return text
    messages = data if isinstance(data, list) else [data]
    for message in messages:
        if isinstance(message, dict) and isinstance(message.get("body"), str):
            try:
                text += "\n" + base64.b64decode(message["body"]).decode("utf-8", "replace")
            except ValueError:
                pass
    return text
