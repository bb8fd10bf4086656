"""Headless Chromium driven over the DevTools protocol: load a page, record requests, errors, a screenshot."""

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


def chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def load(url: str, screenshot: Path, settle: float = 1.0, evaluate: str | None = None) -> dict:
    """Open url; return {'requests': [urls other than the page and data: URIs], 'errors': [...],
    'value': the value of the JavaScript expression `evaluate` once the page has settled}."""
    import websocket  # websocket-client, a dependency of jupyter-server in the lock

    profile = Path(tempfile.mkdtemp(prefix="chromium-"))
    proc = subprocess.Popen([chromium(), *FLAGS, f"--user-data-dir={profile}", "about:blank"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.time() + 30
        while not (port_file.exists() and port_file.read_text().strip()) and time.time() < deadline:
            time.sleep(0.1)
        port = int(port_file.read_text().splitlines()[0])
        targets = json.load(urllib.request.urlopen(f"http://127.0.0.1:{port}/json/list"))
        page = next(t for t in targets if t["type"] == "page")
        ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=30)
        ids = iter(range(1, 10_000))

        def send(method, **params):
            i = next(ids)
            ws.send(json.dumps({"id": i, "method": method, "params": params}))
            return i

        events, replies = [], {}

        def pump(until: float, wait_for=None):
            while time.time() < until:
                ws.settimeout(max(0.05, until - time.time()))
                try:
                    msg = json.loads(ws.recv())
                except websocket.WebSocketTimeoutException:
                    break
                if "id" in msg:
                    replies[msg["id"]] = msg
                    if wait_for == msg["id"]:
                        return msg
                else:
                    events.append(msg)
                    if wait_for == msg.get("method"):
                        return msg
            return None

        for m in ("Network.enable", "Runtime.enable", "Log.enable", "Page.enable"):
            pump(time.time() + 5, send(m))
        pump(time.time() + 5, send("Page.navigate", url=url))
        pump(time.time() + 30, "Page.loadEventFired")
        pump(time.time() + settle)
        value = None
        if evaluate:
            reply = pump(time.time() + 30, send("Runtime.evaluate", expression=evaluate, returnByValue=True))
            value = reply["result"]["result"].get("value")
        shot = pump(time.time() + 30, send("Page.captureScreenshot", format="png", captureBeyondViewport=True))
        screenshot.write_bytes(base64.b64decode(shot["result"]["data"]))
        ws.close()
    finally:
        proc.kill()
        proc.wait()
        shutil.rmtree(profile, ignore_errors=True)
    requests = [e["params"]["request"]["url"] for e in events if e.get("method") == "Network.requestWillBeSent"]
    errors = [e["params"] for e in events if e.get("method") == "Runtime.exceptionThrown"]
    errors += [e["params"]["entry"] for e in events if e.get("method") == "Log.entryAdded"
               and e["params"]["entry"]["level"] == "error"]
    errors += [e["params"] for e in events if e.get("method") == "Runtime.consoleAPICalled"
               and e["params"]["type"] == "error"]
    return {"requests": [u for u in requests if u != url and not u.startswith("data:")], "errors": errors,
            "value": value}
