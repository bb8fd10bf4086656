"""Headless Chromium driven over the DevTools protocol: load a page, act on it, record requests, errors, screenshots."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--remote-debugging-port=0", "--remote-allow-origins=*"]
LOCAL = ("http://127.0.0.1", "ws://127.0.0.1", "http://localhost", "ws://localhost", "data:", "blob:", "about:")


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


class Browser:
    """One headless Chromium page. Use as a context manager; every event is kept for `requests` and `errors`."""

    def __init__(self, width: int = 1280, height: int = 900):
        self.size = (width, height)

    def __enter__(self) -> "Browser":
        import websocket  # websocket-client, a dependency of jupyter-server in the lock
        self._websocket = websocket
        self.profile = Path(tempfile.mkdtemp(prefix="chromium-"))
        self.proc = subprocess.Popen([chromium(), *FLAGS, f"--window-size={self.size[0]},{self.size[1]}",
                                      f"--user-data-dir={self.profile}", "about:blank"],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            port_file = self.profile / "DevToolsActivePort"
            deadline = time.time() + 30
            while not (port_file.exists() and port_file.read_text().strip()) and time.time() < deadline:
                time.sleep(0.1)
            port = int(port_file.read_text().splitlines()[0])
            targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
            page = next(t for t in targets if t["type"] == "page")
            self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        except BaseException:
            self._close()
            raise
        self.ids = iter(range(1, 1_000_000))
        self.events: list[dict] = []
        for m in ("Network.enable", "Runtime.enable", "Log.enable", "Page.enable"):
            self.call(m)
        return self

    def __exit__(self, *exc) -> None:
        try:
            self.ws.close()
        finally:
            self._close()

    def _close(self) -> None:
        self.proc.kill()
        self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    def pump(self, until: float, wait_for=None):
        """Read messages until `until` or until the reply with id `wait_for` (or the event of that name)."""
        while time.time() < until:
            self.ws.settimeout(max(0.05, until - time.time()))
            try:
                msg = json.loads(self.ws.recv())
            except self._websocket.WebSocketTimeoutException:
                break
            if "id" in msg:
                if wait_for == msg["id"]:
                    return msg
            else:
                self.events.append(msg)
                if wait_for == msg.get("method"):
                    return msg
        return None

    def call(self, method: str, timeout: float = 30, **params) -> dict:
        i = next(self.ids)
        self.ws.send(json.dumps({"id": i, "method": method, "params": params}))
        reply = self.pump(time.time() + timeout, i)
        if reply is None:
            raise TimeoutError(f"no reply to {method} within {timeout} s")
        return reply

    def goto(self, url: str, settle: float = 1.0) -> None:
        self.url = url
        self.call("Page.navigate", url=url)
        self.pump(time.time() + 60, "Page.loadEventFired")
        self.pump(time.time() + settle)

    def evaluate(self, expression: str, timeout: float = 30):
        """The value of a JavaScript expression (awaited if it is a promise)."""
        reply = self.call("Runtime.evaluate", timeout=timeout, expression=expression, returnByValue=True,
                          awaitPromise=True)
        if "error" in reply:
            raise RuntimeError(f"DevTools refused {expression[:80]!r}: {reply['error'].get('message')}")
        result = reply["result"]
        if "exceptionDetails" in result:
            raise RuntimeError(f"JavaScript failed: {result['exceptionDetails'].get('exception', {}).get('description')}")
        return result["result"].get("value")

    def wait_for(self, expression: str, timeout: float = 60, every: float = 0.25):
        """Evaluate until truthy; return the value (or raise TimeoutError naming the expression)."""
        deadline = time.time() + timeout
        while True:
            value = self.evaluate(expression)
            if value:
                return value
            if time.time() > deadline:
                raise TimeoutError(f"waited {timeout} s for: {expression[:200]}")
            self.pump(time.time() + every)

    def screenshot(self, path: Path, full: bool = True) -> Path:
        shot = self.call("Page.captureScreenshot", format="png", captureBeyondViewport=full)
        Path(path).write_bytes(base64.b64decode(shot["result"]["data"]))
        return Path(path)

    @property
    def requests(self) -> list[str]:
        return [e["params"]["request"]["url"] for e in self.events if e.get("method") == "Network.requestWillBeSent"]

    def requests_beyond_localhost(self) -> list[str]:
        return [u for u in self.requests if not u.startswith(LOCAL)]

    @property
    def errors(self) -> list:
        ev = self.events
        found = [e["params"] for e in ev if e.get("method") == "Runtime.exceptionThrown"]
        found += [e["params"]["entry"] for e in ev if e.get("method") == "Log.entryAdded"
                  and e["params"]["entry"]["level"] == "error"]
        found += [e["params"] for e in ev if e.get("method") == "Runtime.consoleAPICalled"
                  and e["params"]["type"] == "error"]
        return found


def load_many(pages: list[tuple[str, Path]], settle: float = 0.5, evaluate: str | None = None,
              full: bool = False) -> list[dict]:
    """Open each (url, screenshot path) in one browser (one start-up), each page's events kept apart; for each,
    {'requests': [urls other than the page and data: URIs], 'errors': [...], 'value': the value of the JavaScript
    expression `evaluate` once the page has settled (static pages: half a second after the load event)}. The
    screenshot is of the window unless full."""
    out = []
    with Browser() as b:
        for url, screenshot in pages:
            b.events = []
            b.goto(url, settle)
            value = b.evaluate(evaluate) if evaluate else None
            b.screenshot(screenshot, full)
            out.append({"requests": [u for u in b.requests if u != url and not u.startswith("data:")],
                        "errors": b.errors, "value": value})
    return out
