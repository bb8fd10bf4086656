"""Progress lines for long commands: one line when a job starts, one when it ends, and a heartbeat.

Plain lines (no cursor tricks), so they read the same in a terminal and in a CI log.
"""

from __future__ import annotations

import threading
import time


class Progress:
    """Tracks running jobs; `beat()` prints which are still running every `every` seconds."""

    def __init__(self, out, every: float = 10.0):
        self.out, self.every = out, every
        self.running: dict[str, float] = {}
        self.lock = threading.Lock()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._loop, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()

    def started(self, name: str) -> None:
        with self.lock:
            self.running[name] = time.perf_counter()
        self.say(f"  started  {name}")

    def finished(self, name: str) -> float:
        with self.lock:
            return time.perf_counter() - self.running.pop(name, time.perf_counter())

    def say(self, line: str) -> None:
        with self.lock:
            print(line, file=self.out, flush=True)

    def _loop(self) -> None:
        while not self.stop.wait(self.every):
            with self.lock:
                now = time.perf_counter()
                still = [f"{n} ({now - t:.0f} s)" for n, t in self.running.items()]
            if still:
                self.say(f"  running  {', '.join(still)}")
