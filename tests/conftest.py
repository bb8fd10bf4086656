import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from kzreform import paths


def pytest_configure(config):
    # A suite started in the background by a non-interactive shell (`make test &`) runs with Ctrl-C ignored, and
    # every command the tests start would inherit that; the tests that press Ctrl-C need it delivered. A handler
    # (not SIG_IGN) in this process is reset to the default in each child, so the children see Ctrl-C again.
    if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


BUILT_ONCE = ("test_report.py",)  # its `pages` fixture writes every report (about 15 s)


@pytest.hookimpl(trylast=True)  # after -m and -k have deselected: the halves are cut in the list xdist sends
def pytest_collection_modifyitems(config, items):
    """The long tests (whole runs, browsers, servers: marked slow or browser) shared between the two halves of the
    list and first in each: pytest-xdist gives each of two workers one half to start with, so each worker starts
    on half of the long tests and the short in-process tests fill the gaps (with the long tests all in the first
    half, one worker ran them one after another while the other ran out of work). The order within each group is
    kept."""
    def is_long(i):
        return bool(i.get_closest_marker("slow") or i.get_closest_marker("browser"))
    # the tests that start kernels on this checkout's notebooks folder see each other's kernels: one after another,
    # at the head of the first half
    own = [i for i in items if i.get_closest_marker("checkout_kernels")]
    # the tests of a module whose module-scoped fixture is costly stay on one worker (each worker would build it)
    together = [i for i in items if i.path.name in BUILT_ONCE and i not in own]
    long = [i for i in items if is_long(i) and i not in own and i not in together]
    short = [i for i in items if not is_long(i) and i not in own and i not in together]
    first, second = own + long[0::2], together + long[1::2]
    cut = max(0, len(items) // 2 - len(first))
    items[:] = first + short[:cut] + second + short[cut:]


IGNORE = shutil.ignore_patterns(".venv", ".git", ".cache", "reports", "__pycache__", ".pytest_cache",
                                "*.egg-info", ".ipynb_checkpoints")


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the project (without its venv, git and caches) that commands can change freely."""
    dst = tmp_path / "project"
    shutil.copytree(paths.ROOT, dst, ignore=IGNORE)
    return dst


def run_kzreform(root: Path, *args, timeout=900) -> subprocess.CompletedProcess:
    """python -m kzreform ARGS, importing the package from root (so ROOT is that copy)."""
    env = dict(os.environ, PYTHONPATH=str(root))
    return subprocess.run([sys.executable, "-m", "kzreform", *args], cwd=root, env=env, text=True,
                          capture_output=True, timeout=timeout)


def snapshot(root: Path, folders=("notebooks", "figures", "data")) -> dict[str, bytes]:
    """Every file under the given folders, by relative path."""
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for folder in folders for p in sorted((root / folder).rglob("*"))
            if p.is_file() and ".ipynb_checkpoints" not in p.parts}


def kernels_under(folder: Path, exact: bool = False) -> list[int]:
    """Pids of running ipykernel processes whose working folder is `folder` (exact) or inside it (Linux /proc)."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            cmd = (proc / "cmdline").read_bytes()
            cwd = os.readlink(proc / "cwd")
        except OSError:
            continue
        if b"ipykernel_launcher" in cmd and (cwd == str(folder) if exact else cwd.startswith(str(folder))):
            found.append(int(proc.name))
    return found
