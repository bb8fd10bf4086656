"""Benchmark: a new user's first contact, timed. Clones the project into a temporary folder and times
`make reproduce` (create .venv, install the lock with uv if present or pip, execute every notebook) and then
`make test-fast` and `make test`, printing each with the targets (fresh clone to all outputs <= 30 s with uv;
make test-fast <= 60 s; make test <= 240 s on 2 cores).

    python benchmarks/bench_fresh.py      (or: make bench-fresh)
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(cmd, cwd) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start, done.returncode


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        clone = Path(tmp) / "clone"
        subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
        installer = "uv" if shutil.which("uv") else "pip"
        reproduce, code1 = timed(["make", "reproduce"], clone)
        fast, code3 = timed(["make", "test-fast"], clone)
        test, code2 = timed(["make", "test"], clone)
        clean = subprocess.run(["git", "status", "--porcelain"], cwd=clone, capture_output=True, text=True).stdout
    print(f"fresh clone to all outputs ({installer}): {reproduce:6.1f} s  (exit {code1}; target <= 30 s with uv)")
    print(f"make test-fast:                     {fast:6.1f} s  (exit {code3}; target <= 60 s)")
    print(f"make test:                          {test:6.1f} s  (exit {code2}; target <= 240 s on 2 cores)")
    print(f"git status after all three:         {'clean' if not clean else 'CHANGED: ' + clean}")
    return 0 if code1 == code2 == code3 == 0 and not clean else 1


if __name__ == "__main__":
    sys.exit(main())
