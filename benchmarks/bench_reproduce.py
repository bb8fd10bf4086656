"""Benchmark: how long reproducing the notebooks takes, against the floor and the naive way.

    python benchmarks/bench_reproduce.py [--runs 5]      (or: make bench)

Runs on a temporary copy of the project, so the working tree is not touched. For each way it prints
the median wall time over the runs, then the ratios against the targets:
  floor     the notebooks' code cells as plain Python scripts, one fresh process each, in sequence
  naive     `jupyter nbconvert --to notebook --execute` on each notebook, in sequence
  force     `python -m kzreform reproduce --force`
  nochange  `python -m kzreform reproduce` with nothing changed
  figures   `python -m kzreform figures` (every exhibit in PNG, SVG and PDF at its default size, in one process)
and then, once each, the two test tiers in the checkout (`make test-fast` <= 60 s, `make test` <= 240 s on
2 cores); `--no-tests` leaves them out.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IGNORE = shutil.ignore_patterns(".venv", ".git", ".cache", "reports", "__pycache__", ".pytest_cache", "*.egg-info")


def timed(commands, env, cwd) -> float:
    start = time.perf_counter()
    for cmd in commands:
        subprocess.run(cmd, env=env, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def scripts(project: Path, out: Path) -> list[Path]:
    """Each notebook's code cells as one plain script (the floor: no kernel, no notebook machinery)."""
    paths = []
    for nb in sorted((project / "notebooks").glob("[0-9]*.ipynb")):
        cells = json.loads(nb.read_text(encoding="utf-8"))["cells"]
        code = "\n\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        path = out / f"{nb.stem}.py"
        path.write_text(code + "\n", encoding="utf-8")
        paths.append(path)
    return paths


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--no-tests", action="store_true", help="do not time the two test tiers")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        project = tmp / "project"
        shutil.copytree(ROOT, project, ignore=IGNORE)
        env = dict(os.environ, PYTHONPATH=str(project), MPLBACKEND="agg", PYDEVD_DISABLE_FILE_VALIDATION="1")
        py = sys.executable
        notebooks = sorted((project / "notebooks").glob("[0-9]*.ipynb"))
        (tmp / "scripts").mkdir()
        (tmp / "nbconvert").mkdir()
        ways = {
            "floor": [[py, str(s)] for s in scripts(project, tmp / "scripts")],
            "naive": [[py, "-m", "jupyter", "nbconvert", "--to", "notebook", "--execute", str(nb),
                       "--output-dir", str(tmp / "nbconvert")] for nb in notebooks],
            "force": [[py, "-m", "kzreform", "reproduce", "--force"]],
            "nochange": [[py, "-m", "kzreform", "reproduce"]],
            "figures": [[py, "-m", "kzreform", "figures", "--out", str(tmp / "figures")]],
        }
        timed(ways["force"], env, project / "notebooks")  # warm the file cache and the runner's state
        times = {}
        for name, commands in ways.items():
            times[name] = [timed(commands, env, project / "notebooks") for _ in range(args.runs)]
            print(f"{name:>9}: median {statistics.median(times[name]):6.2f} s   "
                  f"(runs: {', '.join(f'{t:.2f}' for t in times[name])})", flush=True)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"\n{len(notebooks)} notebooks, {os.cpu_count()} cores, {args.runs} runs each")
    checks = [
        ("reproduce --force / floor", med["force"] / med["floor"], "<= 1.30", med["force"] / med["floor"] <= 1.3),
        ("naive / reproduce --force", med["naive"] / med["force"], ">= 2.50", med["naive"] / med["force"] >= 2.5),
        ("reproduce, nothing changed (s)", med["nochange"], "<  0.50", med["nochange"] < 0.5),
    ]
    print(f"every exhibit in three formats: {med['figures']:.2f} s")
    if not args.no_tests:
        for tier, limit in (("test-fast", 60), ("test", 240)):
            seconds = timed([["make", "-s", tier]], dict(os.environ), ROOT)
            checks.append((f"make {tier} (s, one run)", seconds, f"<= {limit}", seconds <= limit))
    for label, value, target, ok in checks:
        print(f"{label:<32} {value:6.2f}   target {target}   {'met' if ok else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
