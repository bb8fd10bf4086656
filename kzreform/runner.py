"""Execute notebooks headless: in place, in parallel, each in a fresh kernel of this interpreter; cached,
deterministic and all-or-nothing.

A notebook is skipped when its inputs (its code cells, data/, the package source, requirements.txt and
the Python minor version) and its outputs (the notebook file and its figures) are as at its last
successful run. Figures are staged while a notebook runs; the notebook and every file it made are then
committed together (kzreform.fileio.Commit), so a failing, interrupted or killed run, or a full disk,
leaves the committed files as they were. One run at a time: a second waits for the first or is refused.

Nothing committed is trusted: the run state and the commit journals in .cache/ count only if this checkout wrote
them (signed with a key kept outside the project, over the project's path); a state or journal that git tracks,
that was copied from another folder or typed by hand is ignored with a warning, so every notebook runs. The
runner writes only inside figures/ and notebooks/ (real folders of this project, not links out of it), and never
over a notebook that was saved while it ran.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor, wait, FIRST_COMPLETED
from dataclasses import dataclass, field
from pathlib import Path

from . import catalogue, paths
from . import fileio
from .fileio import ChangedMeanwhile, Commit, PartialCommit, recover, write_text_atomic
from .progress import Progress

STATE, LOCK = "reproduce.json", "reproduce.lock"  # in paths.CACHE
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
FIGURE_SUFFIXES = (".png", ".svg", ".pdf", ".csv", ".json", ".txt")
VOLATILE_OUTPUT = re.compile(r" at 0x[0-9a-f]{6,}")
KERNEL_STARTS = 3  # a kernel that cannot start (its port taken by another process meanwhile) is started again


class RunError(RuntimeError):
    """A notebook could not be run or committed; the message names it and says why."""


@dataclass
class Result:
    notebook: str
    status: str  # executed | skipped | failed | interrupted
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
    package = paths.ROOT / "kzreform"
    files = [paths.ROOT / "requirements.txt"] + sorted(paths.DATA.glob("*")) + sorted(package.rglob("*.py")) + \
        sorted(package.rglob("*.csv"))
    for path in files:
        if path.is_file() and path.name != "README.md":
            h.update(f"{paths.relative(path)}\n".encode())
            h.update(_sha(path.read_bytes()).encode())
    return h.hexdigest()


def read_notebook_json(nb_path: Path) -> dict:
    """The notebook as JSON; RunError naming the file if it is not (a merge conflict, a truncated save)."""
    try:
        nb = json.loads(nb_path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise RunError(f"{paths.relative(nb_path)} is not UTF-8 text") from None
    except ValueError as e:
        hint = " (merge-conflict markers?)" if "<<<<<<<" in nb_path.read_text(encoding="utf-8", errors="replace") \
            else ""
        raise RunError(f"{paths.relative(nb_path)} is not a valid notebook: line {getattr(e, 'lineno', '?')}: "
                       f"{getattr(e, 'msg', e)}{hint}") from None
    if not isinstance(nb, dict) or not isinstance(nb.get("cells"), list):
        raise RunError(f"{paths.relative(nb_path)} is not a valid notebook (expected an object with cells)")
    return nb


def code_digest(nb_path: Path, shared: str) -> str:
    """Digest of a notebook's code cells plus the shared inputs."""
    nb = read_notebook_json(nb_path)
    code = ["".join(c.get("source", "")) if isinstance(c.get("source"), list) else str(c.get("source", ""))
            for c in nb["cells"] if isinstance(c, dict) and c.get("cell_type") == "code"]
    return _sha(json.dumps([shared, code]).encode())


def figure_files(notebook: str, folder: Path) -> list[Path]:
    """The figure files that a notebook wrote, found through the JSON entries beside them."""
    out = []
    for entry in sorted(folder.glob("*.json")):
        if figure_owner(entry) == notebook:  # a table has only .csv and .json; the others count as missing
            out += [entry.with_suffix(s) for s in FIGURE_SUFFIXES]
    return out


def figure_owner(entry: Path) -> str | None:
    try:
        return json.loads(entry.read_text(encoding="utf-8")).get("notebook")
    except (OSError, ValueError, AttributeError):
        return None


def output_digests(notebook: Path) -> dict[str, str]:
    files = [notebook] + figure_files(notebook.stem, paths.FIGURES)
    return {paths.relative(p): _sha(p.read_bytes()) if p.exists() else "missing" for p in files}


# --- trust: what in .cache/ this checkout wrote itself ------------------------------------------------

IGNORED_FOLDERS = (".cache", ".venv", "reports", "exports", "build", ".pytest_cache", ".ipynb_checkpoints")


def git_tracked(*pathspecs: str, ignored: bool = False) -> list[str] | None:
    """Files git tracks in this project under pathspecs (with ignored=True: the tracked files that .gitignore
    would ignore); None when this is not a git checkout or git is not installed."""
    try:
        top = subprocess.run(["git", "-C", str(paths.ROOT), "rev-parse", "--show-toplevel"], capture_output=True,
                             text=True, timeout=30)
        if top.returncode != 0 or Path(top.stdout.strip()).resolve() != paths.ROOT.resolve():
            return None
        args = ["git", "-C", str(paths.ROOT), "ls-files", "-z"] + (["-c", "-i", "--exclude-standard"] if ignored
                                                                     else [])
        listed = subprocess.run(args + ["--", *pathspecs], capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError):
        return None
    if listed.returncode != 0:
        return None
    return sorted(p for p in listed.stdout.decode("utf-8", "replace").split("\0") if p)


def tracked_in_ignored_folders() -> list[str]:
    """Files git tracks that lie in a folder it should ignore (.cache/, reports/, ...) or match .gitignore:
    a clone checks them out, so they would be taken for what the program wrote itself."""
    found = set(git_tracked(ignored=True) or [])
    for p in git_tracked() or []:
        if p.split("/", 1)[0] in IGNORED_FOLDERS or "/__pycache__/" in f"/{p}" or p.endswith(".tmp"):
            found.add(p)
    return sorted(found)


def check_output_folders() -> None:
    """The folders a run writes to must be real folders of this project, not links to somewhere else."""
    root = paths.ROOT.resolve()
    for folder in (paths.FIGURES, paths.NOTEBOOKS, paths.CACHE):
        if folder.is_symlink() or (folder.exists() and folder.resolve().parent != root):
            raise RunError(f"{paths.relative(folder)} is a link to another place (expected a real folder of this "
                           "project; a committed link is never followed: remove it and run again)")
        if folder.exists() and not folder.is_dir():
            raise RunError(f"{paths.relative(folder)} is not a folder (expected the project's {folder.name}/)")


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr, flush=True)


def load_state() -> dict:
    """The record of the last successful runs, if this checkout wrote it; else {} (every notebook runs)."""
    path = paths.CACHE / STATE
    if path.is_symlink() or not path.is_file():
        return {}
    tracked = git_tracked(paths.relative(path))
    if tracked:
        warn(f"{paths.relative(path)} is tracked by git (run state is a cache, never evidence); ignored, so every "
             f"notebook runs (`git rm --cached {paths.relative(path)}` removes it from git)")
        return {}
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if isinstance(record, dict) and "mac" in record:
        body = fileio.verified(record, fileio.local_key())
        if body is None or body.get("root") != str(paths.ROOT) or not isinstance(body.get("notebooks"), dict):
            warn(f"{paths.relative(path)} was not written by a run in this checkout (copied or edited); ignored, "
                 "so every notebook runs")
            return {}
        return {k: v for k, v in body["notebooks"].items() if isinstance(v, dict)}
    return {}  # an unsigned state (an older version's): not trusted


def save_state(state: dict) -> None:
    record = fileio.signed({"root": str(paths.ROOT), "notebooks": state}, fileio.local_key())
    write_text_atomic(paths.CACHE / STATE, json.dumps(record, indent=1, sort_keys=True) + "\n")


def data_from_elsewhere() -> str | None:
    """The folder KZREFORM_DATA names when it is not this checkout's data/ (None otherwise)."""
    if not os.environ.get("KZREFORM_DATA") or not (paths.ROOT / "data" / "datapackage.json").is_file():
        return None
    return None if paths.DATA.resolve() == (paths.ROOT / "data").resolve() else str(paths.DATA)


def is_current(nb_path: Path, state: dict, shared: str) -> bool:
    record = state.get(nb_path.stem)
    return isinstance(record, dict) and record.get("inputs") == code_digest(nb_path, shared) \
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


WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"


def normalise(nb) -> None:
    """Drop what changes from run to run or machine to machine: timings, versions, kernel ids, and the outputs of
    interactive controls (a widget's output is only a model id that changes every run and shows nothing on GitHub;
    the explorers leave a static view of their default state beside it)."""
    nb.metadata = {"kernelspec": dict(KERNELSPEC), "language_info": {"name": "python"}}
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("ExecuteTime", None)
        if "outputs" in cell:
            cell.outputs = [out for out in cell.outputs if WIDGET_VIEW not in out.get("data", {})]
        for out in cell.get("outputs", []):
            out.get("metadata", {}).pop("execution", None)


def private_strings() -> set[str]:
    """Strings of this machine that must not appear in a committed output: paths, user and host names."""
    import getpass
    import socket
    try:
        user = getpass.getuser()
    except Exception:  # no user name in the environment (some containers)
        user = ""
    host = socket.gethostname()
    found = {str(paths.ROOT), str(paths.ROOT.resolve()), str(Path.home()), f"{user}@{host}"}
    if user:
        found |= {f"/{user}/", f"\\{user}\\"}
    if len(host) >= 6:
        found.add(host)
    return {s for s in found if s not in ("/", "", "@")}


TOKEN = re.compile(r"(token|api[_-]?key|secret|password)[=:]\s*['\"]?[A-Za-z0-9_\-]{12,}", re.IGNORECASE)


def _strings(value, skip_images: bool = True):
    """Every string inside an output (decoded, so a path with non-ASCII letters reads as it does on screen)."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for k, v in value.items():
            if not (skip_images and isinstance(k, str) and k.startswith("image/")):
                yield from _strings(v, skip_images)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v, skip_images)


def leaks(nb) -> list[str]:
    """Outputs that would make the notebook differ between runs or machines, or reveal this machine."""
    private = private_strings()
    found = []
    for i, cell in enumerate(nb.cells, 1):
        for out in cell.get("outputs", []):
            text = "\n".join(_strings(dict(out)))
            if VOLATILE_OUTPUT.search(text):
                found.append(f"cell {i} prints a memory address ({VOLATILE_OUTPUT.search(text).group(0).strip()}); "
                             "end the line with ';' or return a value")
            for p in sorted(private):
                if p in text:
                    found.append(f"cell {i} prints a path or name of this machine ({p})")
            if TOKEN.search(text):
                found.append(f"cell {i} prints what looks like a token or password")
    return found


class Kernels:
    """The kernels running now, so that an interrupt can stop them (their processes are killed)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.clients: dict[str, object] = {}
        self.cancelled = threading.Event()

    def add(self, name, client):
        with self.lock:
            self.clients[name] = client

    def remove(self, name):
        with self.lock:
            self.clients.pop(name, None)

    def kill_all(self) -> int:
        killed = 0
        with self.lock:
            clients = list(self.clients.values())
        for client in clients:
            process = getattr(getattr(getattr(client, "km", None), "provisioner", None), "process", None)
            if process is not None and process.poll() is None:
                process.kill()
                killed += 1
        return killed


def execute(nb_path: Path, staging: Path, timeout: int = 600, kernels: Kernels | None = None,
            source: bytes | None = None):
    """Run every cell in a fresh kernel, figures going to staging; raise RunError naming the failing cell.
    source: the notebook's bytes as read at the start (default: read now)."""
    import io

    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError, DeadKernelError

    read_notebook_json(nb_path)
    source = source if source is not None else nb_path.read_bytes()
    env = dict(os.environ, KZREFORM_FIGURES_DIR=str(staging), KZREFORM_HEADLESS="1", PYTHONHASHSEED="0", PYTHONPATH=str(paths.ROOT),
               PYDEVD_DISABLE_FILE_VALIDATION="1", MPLBACKEND="module://matplotlib_inline.backend_inline")
    env.pop("JPY_SESSION_NAME", None)
    env.pop("KZREFORM_DATA", None)  # the kernels read this checkout's data/, as the runner does
    # The kernel's own messages (not the cells' outputs) go to a log: a kernel that cannot start, e.g. because
    # another process took the port it was given, is started again quietly, up to KERNEL_STARTS times.
    log = paths.CACHE / f"kernel-{nb_path.stem}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(1, KERNEL_STARTS + 1):
        nb = nbformat.read(io.BytesIO(source), as_version=4)
        failed, started = {}, {}

        def on_error(cell, cell_index, execute_reply):
            failed["index"] = cell_index

        def on_start(notebook):
            started["kernel"] = True

        client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                                kernel_manager_class=_kernel_manager_class(),
                                resources={"metadata": {"path": str(paths.NOTEBOOKS)}},
                                on_cell_error=on_error, on_notebook_start=on_start)
        if kernels is not None:
            kernels.add(nb_path.name, client)
        try:
            with fileio.open_fresh(log) as stderr:
                client.execute(env=env, stderr=stderr)
            break
        except CellExecutionError as e:
            index = failed.get("index", -1)
            raise RunError(f"cell {index + 1} failed: {e.ename}: {e.evalue}") from None
        except DeadKernelError:
            if not started and attempt < KERNEL_STARTS and not (kernels and kernels.cancelled.is_set()):
                continue
            raise RunError("the kernel stopped" + (" (interrupted)" if kernels and kernels.cancelled.is_set() else
                                                   f" (its log: {paths.relative(log)})")) from None
        except TimeoutError:
            raise RunError(f"a cell ran longer than {timeout} s (raise --timeout)") from None
        except (RuntimeError, OSError) as e:  # the kernel did not start (a port taken meanwhile, a dead process)
            if not started and attempt < KERNEL_STARTS and not (kernels and kernels.cancelled.is_set()):
                continue
            raise RunError(f"the kernel did not start ({e}; its log: {paths.relative(log)})") from None
        finally:
            if kernels is not None:
                kernels.remove(nb_path.name)
    log.unlink(missing_ok=True)
    normalise(nb)
    problems = leaks(nb)
    if problems:
        raise RunError("; ".join(problems))
    nbformat.validate(nb)
    return nb


def owners(folder: Path) -> dict[str, str]:
    """Figure name -> the notebook that made it, from the JSON entries in folder."""
    return {p.stem: figure_owner(p) for p in sorted(folder.glob("*.json")) if figure_owner(p)}


def commit(nb_path: Path, nb, staging: Path, source: bytes | None = None) -> list[str]:
    """Put a successful run's outputs in place all together: the notebook, every figure file, and the removal
    of figures it no longer makes. Raises RunError, leaving every committed file as it was, on any failure, and
    when the notebook no longer holds `source`, the bytes the run started from (saved meanwhile by an editor)."""
    import nbformat

    made = sorted(p for p in staging.iterdir() if p.is_file())
    theirs = owners(paths.FIGURES)
    for p in made:
        owner = theirs.get(p.stem)
        if p.suffix == ".json" and owner and owner != nb_path.stem:
            raise RunError(f"figure {p.stem!r} is made by both {owner} and {nb_path.stem} (expected each figure "
                           "name in one notebook only; rename one)")
    changed = []
    try:
        with Commit(paths.CACHE / f"commit-{nb_path.stem}.json", paths.ROOT, (paths.FIGURES, paths.NOTEBOOKS),
                    fileio.local_key()) as c:
            if source is not None:
                c.expect(nb_path, source)
            names = {p.name for p in made}
            for old in figure_files(nb_path.stem, paths.FIGURES):
                if old.name not in names and c.delete(old):
                    changed.append(paths.relative(old))
            for p in made:
                if c.write(paths.FIGURES / p.name, p.read_bytes()):
                    changed.append(f"figures/{p.name}")
            if c.write(nb_path, (nbformat.writes(nb) + "\n").encode("utf-8")):
                changed.append(paths.relative(nb_path))
    except ChangedMeanwhile:
        kept = paths.CACHE / "executed" / nb_path.name
        try:
            fileio.write_bytes_atomic(kept, (nbformat.writes(nb) + "\n").encode("utf-8"))
            where = f"; the executed copy is in {paths.relative(kept)}"
        except OSError:
            where = ""
        raise RunError(f"{paths.relative(nb_path)} was saved by someone else while it ran (an editor's autosave?): "
                       f"your version was kept and nothing of this run was written{where}; run reproduce again") \
            from None
    except PartialCommit as e:
        raise RunError(f"stopped while putting its outputs in place ({e}); the next run completes it") from None
    except OSError as e:
        raise RunError(f"could not write its outputs ({e.strerror or e}); every committed file was left as it "
                       "was") from None
    return changed


def remove_leftovers() -> None:
    """What an interrupted or killed run left: half-written temporaries and staging folders; and complete
    any commit whose renames it had begun (only a commit this checkout recorded, within figures/ and notebooks/)."""
    _, refused = recover(paths.CACHE, paths.ROOT, (paths.FIGURES, paths.NOTEBOOKS), fileio.local_key())
    for journal in refused:
        how = "is tracked by git" if git_tracked(paths.relative(journal)) else "was not written by a run in this " \
            "checkout"
        warn(f"{paths.relative(journal)} {how}; it was not replayed (a journal only completes this checkout's own "
             "interrupted run; delete it)")
    for folder in (paths.FIGURES, paths.NOTEBOOKS, paths.DATA, paths.ROOT, paths.CACHE):
        for tmp in folder.glob(".*.tmp"):
            tmp.unlink(missing_ok=True)
    for staging in paths.CACHE.glob("staging-*"):
        shutil.rmtree(staging, ignore_errors=True)


class RunLock:
    """One reproduce at a time in a project folder (released by the operating system if the run dies)."""

    def __enter__(self):
        check_output_folders()
        paths.CACHE.mkdir(parents=True, exist_ok=True)
        if (paths.CACHE / LOCK).is_symlink():  # never ours: a committed link pointing elsewhere
            (paths.CACHE / LOCK).unlink()
        try:  # never through a link
            fd = os.open(paths.CACHE / LOCK, os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0), 0o644)
        except OSError as e:
            raise RunError(f"cannot open {paths.relative(paths.CACHE / LOCK)} ({e.strerror or e}; expected a "
                           "plain file: delete it)") from None
        self.handle = os.fdopen(fd, "a+")
        try:
            if os.name == "nt":
                import msvcrt
                msvcrt.locking(self.handle.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                import fcntl
                fcntl.flock(self.handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self.handle.close()
            raise RunError("another `reproduce` is running in this project folder; wait for it to finish") from None
        return self

    def __exit__(self, *exc):
        self.handle.close()
        return False


def run_one(nb_path: Path, timeout: int, progress=None, kernels: Kernels | None = None,
            commit_lock: threading.Lock | None = None) -> Result:
    if progress:
        progress.started(nb_path.name)
    start = time.perf_counter()
    staging = Path(tempfile.mkdtemp(prefix=f"staging-{nb_path.stem}-", dir=paths.CACHE))
    try:
        source = nb_path.read_bytes()
        nb = execute(nb_path, staging, timeout, kernels, source)
        with commit_lock or threading.Lock():
            if kernels is not None and kernels.cancelled.is_set():
                return Result(nb_path.name, "interrupted", time.perf_counter() - start)
            changed = commit(nb_path, nb, staging, source)
        return Result(nb_path.name, "executed", time.perf_counter() - start, changed=changed)
    except Exception as e:  # reported per notebook; the run goes on with the others
        status = "interrupted" if kernels is not None and kernels.cancelled.is_set() else "failed"
        return Result(nb_path.name, status, time.perf_counter() - start, error=str(e))
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def update_catalogues() -> None:
    """Regenerate what is built from the committed outputs; each file is written only if it is out of date."""
    catalogue.write_figures_catalogue()
    catalogue.write_codebook()
    catalogue.write_readme_findings()
    catalogue.write_readme_claims()


def reproduce(selected=(), force: bool = False, jobs: int | None = None, timeout: int = 600,
              out=sys.stdout) -> int:
    """Execute the notebooks that need it; print a line per notebook and a summary; return the exit code
    (0 all well, 1 a notebook failed, 130 interrupted)."""
    elsewhere = data_from_elsewhere()
    if elsewhere:
        raise RunError(f"KZREFORM_DATA is set ({elsewhere}), but this is a checkout of the project: reproduce writes "
                       "the committed notebooks, figures and README from the checkout's own data/ only (unset it: "
                       "`env -u KZREFORM_DATA make reproduce`)")
    with RunLock():
        return _reproduce(selected, force, jobs, timeout, out)


def _reproduce(selected, force, jobs, timeout, out) -> int:
    t0 = time.perf_counter()
    remove_leftovers()
    chosen = notebooks(selected)
    shared = shared_inputs_digest()
    state = load_state()
    results: list[Result] = []
    todo = []
    for p in chosen:
        try:
            if force or not is_current(p, state, shared):
                todo.append(p)
            else:
                results.append(Result(p.name, "skipped"))
        except RunError as e:
            results.append(Result(p.name, "failed", error=str(e)))
    # Longest first (by the last run's time), so that the workers finish together.
    todo.sort(key=lambda p: -state.get(p.stem, {}).get("seconds", 0))
    width = max([len(p.name) for p in chosen] + [10])

    def line(r: Result) -> str:
        detail = f"  {r.error}" if r.error else ""
        return f"{r.status:>11}  {r.notebook:<{width}}  {r.seconds:6.1f} s{detail}"

    for r in results:
        print(line(r), file=out, flush=True)
    interrupted = False
    if todo:
        jobs = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        print(f"  queued   {len(todo)} notebook{'s' * (len(todo) != 1)} for {jobs} "
              f"worker{'s' * (jobs != 1)}: {', '.join(p.name for p in todo)}", file=out, flush=True)
        kernels, commit_lock = Kernels(), threading.Lock()
        pool = ThreadPoolExecutor(max_workers=jobs)
        with Progress(out) as progress:
            pending = {pool.submit(run_one, p, timeout, progress, kernels, commit_lock): p for p in todo}
            try:
                while pending:
                    done, _ = wait(pending, timeout=0.5, return_when=FIRST_COMPLETED)
                    for future in done:
                        p = pending.pop(future)
                        r = future.result()
                        progress.finished(r.notebook)
                        progress.say(line(r))
                        results.append(r)
                        if r.status == "executed":
                            state[p.stem] = {"inputs": code_digest(p, shared), "outputs": output_digests(p),
                                             "seconds": round(r.seconds, 1)}
            except KeyboardInterrupt:
                interrupted = True
                kernels.cancelled.set()
                with commit_lock:  # a commit under way finishes whole; none starts after this
                    pass
                for future in pending:
                    future.cancel()
                pool.shutdown(wait=False, cancel_futures=True)
                deadline = time.monotonic() + 30
                running = [f for f in pending if not f.cancelled()]
                while running and time.monotonic() < deadline:  # a kernel that was starting is killed on a later pass
                    kernels.kill_all()
                    done, _ = wait(running, timeout=0.5)
                    running = [f for f in running if f not in done]
                results += [f.result() for f in pending if f.done() and not f.cancelled()]
                if running:  # a worker that will not stop: leave without waiting (its staging is cleared next run)
                    print(f"interrupted: stopped the queue; {len(running)} notebook(s) did not stop and were left "
                          "behind; committed outputs were left as they were", file=sys.stderr, flush=True)
                    os._exit(130)
            else:
                pool.shutdown(wait=True)
        save_state(state)
    if interrupted:
        stopped = [r.notebook for r in results if r.status == "interrupted"]
        print(f"interrupted: stopped {len(stopped)} running notebook{'s' * (len(stopped) != 1)} and the queue; "
              "committed outputs were left as they were", file=sys.stderr, flush=True)
        return 130
    update_catalogues()
    counts = {s: sum(r.status == s for r in results) for s in ("executed", "skipped", "failed")}
    print(f"{len(results)} notebooks: {counts['executed']} executed, {counts['skipped']} skipped, "
          f"{counts['failed']} failed in {time.perf_counter() - t0:.1f} s", file=out, flush=True)
    if counts["failed"]:
        print("Failed notebooks were left as they were, and so were their figures.", file=out, flush=True)
    return 1 if counts["failed"] else 0
