"""Serve the explorers as a local web page (Voilà: no code shown), and open JupyterLab quietly.

`python -m kzreform app` starts Voilà on the explorer notebook, bound to 127.0.0.1 on a free port, waits until it
answers, prints the address, and stops it (and its kernels) on Ctrl-C, SIGTERM or SIGHUP. It is bounded
(kzreform.voila_server): at most --max-kernels kernels at once (one per page viewed), each shut down once nobody
has been connected to it for --idle-minutes; only requests addressed to 127.0.0.1 or localhost are answered. Nothing is fetched from the internet: the
page's scripts are served from the environment. `python -m kzreform lab` opens JupyterLab on the project's own
kernel with the news and update checks off and the notebook's kernel started without asking.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from . import paths

APP_NOTEBOOK = "07_explore.ipynb"

# JupyterLab settings shipped in the environment ({prefix}/share/jupyter/lab/settings/overrides.json): defaults
# the user's own settings still override. No news feed or update check (no request to a website, no pop-up
# asking about it); the notebook's kernel starts without a kernel-choice dialog.
LAB_SETTINGS = {
    "@jupyterlab/apputils-extension:notification": {"fetchNews": "false", "checkForUpdates": False},
    "@jupyterlab/notebook-extension:tracker": {"autoStartDefaultKernel": True},
}
# The server side of the same: no news URL, no update check.
SERVER_CONFIG = {"LabApp": {"news_url": None, "check_for_updates_class": "jupyterlab.NeverCheckForUpdate"}}


class AppError(RuntimeError):
    """The server could not start; the message says why."""


def install_settings(prefix: str | None = None) -> list[Path]:
    """Write the quiet JupyterLab settings into the environment (idempotent); return the files written."""
    prefix = Path(prefix or sys.prefix)
    targets = {prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json": LAB_SETTINGS,
               prefix / "etc" / "jupyter" / "jupyter_server_config.d" / "kzreform.json": SERVER_CONFIG}
    written = []
    for path, content in targets.items():
        text = json.dumps(content, indent=2, sort_keys=True) + "\n"
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def free_port() -> int:
    """A TCP port free on 127.0.0.1 now (the operating system's choice)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def environment() -> dict[str, str]:
    """The child's environment: the environment's own kernels and settings before the user's."""
    env = dict(os.environ, JUPYTER_PREFER_ENV_PATH="1", PYTHONUNBUFFERED="1")
    # the package's own Voilà template (kzreform/jupyter/voila/templates/kzreform) is found first
    env["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(paths.PACKAGE / "jupyter"), os.environ.get("JUPYTER_PATH")]))
    return env


def _listening(port: int) -> bool:
    """The server accepts connections (a request for the page itself would start a kernel)."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=2):
            return True
    except OSError:
        return False


def _start(command: list[str], log: Path) -> subprocess.Popen:
    from .fileio import open_fresh
    from .runner import check_output_folders
    check_output_folders()  # .cache/ is a real folder of this project, not a committed link
    kwargs = {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP} if os.name == "nt" else {"start_new_session": True}
    with open_fresh(log) as out:  # never through a committed link; the child keeps its own handle
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                cwd=paths.NOTEBOOKS, env=environment(), **kwargs)


def stop(proc: subprocess.Popen, grace: float = 15) -> None:
    """Stop the server as Ctrl-C would (it shuts its kernels down), then for good if it does not."""
    if proc.poll() is not None:
        return
    try:
        proc.send_signal(signal.CTRL_BREAK_EVENT if os.name == "nt" else signal.SIGTERM)
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def _tail(log: Path, lines: int = 15) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return ""


MAX_KERNELS, IDLE_MINUTES = 4, 10


class _Stop(BaseException):
    """SIGTERM or SIGHUP reached the app: stop as on Ctrl-C."""


def _on_signal(signum, frame):
    raise _Stop(signum)


def serve(port: int | None = None, startup: float = 120, max_kernels: int = MAX_KERNELS,
          idle_minutes: float = IDLE_MINUTES) -> int:
    """Run the explorer page until Ctrl-C (or SIGTERM, SIGHUP). Prints the address once the page answers."""
    notebook = paths.NOTEBOOKS / APP_NOTEBOOK
    if not notebook.is_file():
        raise AppError(f"{paths.relative(notebook)} not found: the app runs in a checkout of the project")
    port = port or free_port()
    log = paths.CACHE / "app.log"
    idle = max(6, int(idle_minutes * 60))
    command = [sys.executable, "-m", "kzreform.voila_server", APP_NOTEBOOK, f"--port={port}", "--Voila.ip=127.0.0.1",
               "--Voila.port_retries=0", "--no-browser", "--strip_sources=True", "--show_tracebacks=False",
               "--theme=light", "--template=kzreform", f"--BoundedKernelManager.max_kernels={max_kernels}",
               f"--MappingKernelManager.cull_idle_timeout={idle}",
               f"--MappingKernelManager.cull_interval={max(2, min(60, idle // 2))}",
               "--MappingKernelManager.cull_connected=False"]
    previous = {}
    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            previous[name] = signal.signal(getattr(signal, name), _on_signal)
    try:
        return _serve(command, log, port, startup)
    finally:
        for name, handler in previous.items():
            signal.signal(getattr(signal, name), handler)


def _serve(command: list[str], log: Path, port: int, startup: float) -> int:
    proc = _start(command, log)
    url = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + startup
        while not _listening(port):
            if proc.poll() is not None:
                raise AppError(f"the page server stopped while starting (exit {proc.returncode}); "
                               f"its log ({paths.relative(log)}) ends:\n{_tail(log)}")
            if time.monotonic() > deadline:
                raise AppError(f"the page server did not answer within {startup:g} s; "
                               f"see {paths.relative(log)}")
            time.sleep(0.2)
        print(f"Explorers at {url}  (open it in a browser; Ctrl-C stops the server)", flush=True)
        while proc.poll() is None:
            time.sleep(0.5)
        raise AppError(f"the page server stopped (exit {proc.returncode}); see {paths.relative(log)}")
    except (KeyboardInterrupt, _Stop):
        print("\nStopping the page server ...", flush=True)
        stop(proc)
        print("Stopped.", flush=True)
        return 0
    finally:
        stop(proc)


def lab(extra: list[str] | None = None) -> int:
    """JupyterLab on the notebooks folder with the project's kernel and quiet settings; returns its exit status."""
    install_settings()
    extra = list(extra or [])
    command = [sys.executable, "-m", "jupyterlab"]
    if not any(a.startswith(("--notebook-dir", "--ServerApp.root_dir")) for a in extra):
        command.append(f"--notebook-dir={paths.NOTEBOOKS}")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")  # containers often run as root; JupyterLab refuses that unless told
    command += extra
    proc = subprocess.Popen(command, env=environment())
    while True:
        try:
            return proc.wait()
        except KeyboardInterrupt:  # JupyterLab asks, or stops on a second Ctrl-C; wait for it
            continue
