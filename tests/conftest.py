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


def pytest_collection_modifyitems(config, items):
    """The long tests (whole runs, browsers, servers: marked slow or browser) first, so that on several workers
    they start at once and the short in-process tests fill the gaps, instead of one long test starting last while
    the other workers sit idle. The order within each group is kept."""
    items.sort(key=lambda item: 0 if item.get_closest_marker("slow") or item.get_closest_marker("browser") else 1)


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
