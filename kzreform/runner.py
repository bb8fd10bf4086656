"""Execute notebooks headless: in place, in parallel, each in a fresh kernel of this interpreter; cached,
deterministic and atomic.

A notebook is skipped when its inputs (its code cells, data/, the package source, requirements.txt and
the Python minor version) and its outputs (the notebook file and its figures) are as at its last
successful run. Figures are staged while a notebook runs and moved into figures/ only when every cell
succeeded, so a failing or interrupted run leaves the committed files as they were.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue, paths
from .fileio import write_bytes_atomic, write_text_atomic
from .progress import Progress

STATE = paths.CACHE / "reproduce.json"
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
FIGURE_SUFFIXES = (".png", ".svg", ".pdf", ".csv", ".json")
VOLATILE_OUTPUT = re.compile(r" at 0x[0-9a-f]{6,}")


@dataclass
class Result:
    notebook: str
    status: str  # executed | skipped | failed
    seconds: float = 0.0
    error: str = ""
    changed: list[str] = field(default_factory=list)


def notebooks(selected=()) -> list[Path]:
    """The notebooks to run: all of notebooks/*.ipynb, or those named (with or without .ipynb)."""
    every = sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb"))
    if not selected:
        return every
    by_name = {p.stem: p for p in every}
    chosen = []
    for name in selected:
        stem = Path(name).name.removesuffix(".ipynb")
        if stem not in by_name:
            raise SystemExit(f"reproduce: no notebook {name!r} (expected one of: {', '.join(by_name)})")
        chosen.append(by_name[stem])
    return chosen


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def shared_inputs_digest() -> str:
    """Digest of what every notebook depends on: data, package source, pinned requirements, Python."""
    h = hashlib.sha256(f"python {sys.version_info.major}.{sys.version_info.minor}\n".encode())
    files = [paths.ROOT / "requirements.txt"] + sorted(paths.DATA.glob("*")) + \
        sorted((paths.ROOT / "kzreform").glob("*.py"))
    for path in files:
        if path.is_file() and path.name != "README.md":
            h.update(f"{paths.relative(path)}\n".encode())
            h.update(_sha(path.read_bytes()).encode())
    return h.hexdigest()


def code_digest(nb_path: Path, shared: str) -> str:
    """Digest of a notebook's code cells plus the shared inputs."""
    nb = json.loads(nb_path.read_text(encoding="utf-8"))
    code = ["".join(c["source"]) if isinstance(c["source"], list) else c["source"]
            for c in nb["cells"] if c["cell_type"] == "code"]
    return _sha(json.dumps([shared, code]).encode())


def figure_files(notebook: str, folder: Path) -> list[Path]:
    """The figure files that a notebook wrote, found through the JSON entries beside them."""
    out = []
    for entry in sorted(folder.glob("*.json")):
        try:
            owner = json.loads(entry.read_text(encoding="utf-8")).get("notebook")
        except ValueError:
            continue
        if owner == notebook:  # a table exhibit has only .csv and .json; the others are recorded as missing
            out += [entry.with_suffix(s) for s in FIGURE_SUFFIXES]
    return out


def output_digests(notebook: Path) -> dict[str, str]:
    files = [notebook] + figure_files(notebook.stem, paths.FIGURES)
    return {paths.relative(p): _sha(p.read_bytes()) if p.exists() else "missing" for p in files}


def load_state() -> dict:
    try:
        return json.loads(STATE.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def is_current(nb_path: Path, state: dict, shared: str) -> bool:
    record = state.get(nb_path.stem)
    return bool(record) and record.get("inputs") == code_digest(nb_path, shared) \
        and record.get("outputs") == output_digests(nb_path)


# --- execution -----------------------------------------------------------------------------------

def _kernel_manager_class():
    from jupyter_client.kernelspec import KernelSpec
    from jupyter_client.manager import AsyncKernelManager

    class ProjectKernelManager(AsyncKernelManager):
        """Always this interpreter, whatever kernelspecs the user has installed."""

        @property
        def kernel_spec(self):
            return KernelSpec(argv=[sys.executable, "-Xfrozen_modules=off", "-m", "ipykernel_launcher",
                                    "-f", "{connection_file}", "--IPKernelApp.log_level=ERROR"],
                              display_name=KERNELSPEC["display_name"], language="python")

    return ProjectKernelManager


def normalise(nb) -> None:
    """Drop what changes from run to run or machine to machine: timings, versions, kernel ids."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)


def private_strings() -> set[str]:
    """Strings of this machine that must not appear in a committed output: paths, user and host names."""
    import getpass
    import socket
    user, host = getpass.getuser(), socket.gethostname()
    found = {str(paths.ROOT), str(Path.home()), f"/{user}/", f"\\{user}\\", f"{user}@{host}"}
    if len(host) >= 6:
        found.add(host)
    return found - {"/", ""}


TOKEN = re.compile(r"(token|api[_-]?key|secret|password)[=:]\s*['\"]?[A-Za-z0-9_\-]{12,}", re.IGNORECASE)


def leaks(nb) -> list[str]:
    """Outputs that would make the notebook differ between runs or machines, or reveal this machine."""
    private = private_strings()
    found = []
    for i, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []):
            text = json.dumps({k: v for k, v in out.items() if k != "data"} | {
                "data": {k: v for k, v in out.get("data", {}).items() if not k.startswith("image/")}})
            if VOLATILE_OUTPUT.search(text):
                found.append(f"cell {i} prints a memory address ({VOLATILE_OUTPUT.search(text).group(0).strip()}); "
                             "end the line with ';' or return a value")
            for p in private:
                if p in text:
                    found.append(f"cell {i} prints a path or name of this machine ({p})")
            if TOKEN.search(text):
                found.append(f"cell {i} prints what looks like a token or password")
    return found


def execute(nb_path: Path, staging: Path, timeout: int = 600) -> None:
    """Run every cell in a fresh kernel, figures going to staging; raise RuntimeError naming the failing cell."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(nb_path, as_version=4)
    failed = {}

    def on_error(cell, cell_index, execute_reply):
        failed["index"] = cell_index

    env = dict(os.environ, KZREFORM_FIGURES_DIR=str(staging), PYTHONHASHSEED="0",
               PYDEVD_DISABLE_FILE_VALIDATION="1", MPLBACKEND="module://matplotlib_inline.backend_inline")
    env.pop("JPY_SESSION_NAME", None)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            kernel_manager_class=_kernel_manager_class(),
                            resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                            on_cell_error=on_error)
    try:
        client.execute(env=env)
    except CellExecutionError as e:
        index = failed.get("index", -1)
        raise RuntimeError(f"cell {index + 1} failed: {e.ename}: {e.evalue}") from None
    normalise(nb)
    problems = leaks(nb)
    if problems:
        raise RuntimeError("; ".join(problems))
    nbformat.validate(nb)
    return nb


def commit(nb_path: Path, nb, staging: Path) -> list[str]:
    """Move a successful run's outputs into place, each file atomically; remove figures it no longer makes."""
    import nbformat

    changed = []
    made = {p.name for p in staging.iterdir()}
    for old in figure_files(nb_path.stem, paths.FIGURES):
        if old.name not in made and old.exists():
            old.unlink()
            changed.append(paths.relative(old))
    for p in sorted(staging.iterdir()):
        if write_bytes_atomic(paths.FIGURES / p.name, p.read_bytes()):
            changed.append(f"figures/{p.name}")
    if write_text_atomic(nb_path, nbformat.writes(nb) + "\n"):
        changed.append(paths.relative(nb_path))
    return changed


def remove_stale_temporaries() -> None:
    """Temporary files left by an interrupted atomic write (never the committed files themselves)."""
    for folder in (paths.FIGURES, paths.NOTEBOOKS, paths.DATA, paths.ROOT):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)


def run_one(nb_path: Path, timeout: int, progress=None) -> Result:
    if progress:
        progress.started(nb_path.name)
    start = time.perf_counter()
    paths.CACHE.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f"staging-{nb_path.stem}-", dir=paths.CACHE))
    try:
        nb = execute(nb_path, staging, timeout)
        changed = commit(nb_path, nb, staging)
        return Result(nb_path.name, "executed", time.perf_counter() - start, changed=changed)
    except Exception as e:  # reported per notebook; the run goes on with the others
        return Result(nb_path.name, "failed", time.perf_counter() - start, error=str(e))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def reproduce(selected=(), force: bool = False, jobs: int | None = None, timeout: int = 600,
              out=sys.stdout) -> int:
    """Execute the notebooks that need it; print a line per notebook and a summary; return the exit code."""
    t0 = time.perf_counter()
    remove_stale_temporaries()
    chosen = notebooks(selected)
    shared = shared_inputs_digest()
    state = load_state()
    todo = [p for p in chosen if force or not is_current(p, state, shared)]
    # Longest first (by the last run's time), so that the workers finish together.
    todo.sort(key=lambda p: -state.get(p.stem, {}).get("seconds", 0))
    results = [Result(p.name, "skipped") for p in chosen if p not in todo]
    width = max([len(p.name) for p in chosen] + [10])

    def line(r: Result) -> str:
        detail = f"  {r.error}" if r.error else ""
        return f"{r.status:>9}  {r.notebook:<{width}}  {r.seconds:6.1f} s{detail}"

    for r in results:
        print(line(r), file=out, flush=True)
    if todo:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        print(f"  queued   {len(todo)} notebook{'s' * (len(todo) != 1)} for {jobs} "
              f"worker{'s' * (jobs != 1)}: {', '.join(p.name for p in todo)}", file=out, flush=True)
        with Progress(out) as progress, ThreadPoolExecutor(max_workers=jobs) as pool:
            futures = {pool.submit(run_one, p, timeout, progress): p for p in todo}
            for future in as_completed(futures):
                r = future.result()
                progress.finished(r.notebook)
                progress.say(line(r))
                results.append(r)
                if r.status == "executed":
                    p = futures[future]
                    state[p.stem] = {"inputs": code_digest(p, shared), "outputs": output_digests(p),
                                     "seconds": round(r.seconds, 1)}
        write_text_atomic(STATE, json.dumps(state, indent=1, sort_keys=True) + "\n")
        catalogue.write_figures_catalogue()
        catalogue.write_codebook()
        catalogue.write_readme_findings()
        catalogue.write_readme_claims()
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed")}
    print(f"{len(results)} notebooks: {counts['executed']} executed, {counts['skipped']} skipped, "
          f"{counts['failed']} failed in {time.perf_counter() - t0:.1f} s", file=out, flush=True)
    if counts["failed"]:
        print("Failed notebooks were left as they were, and so were their figures.", file=out, flush=True)
    return 1 if counts["failed"] else 0
