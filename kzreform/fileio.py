"""File writes that never leave a half-written state.

write_bytes_atomic: one file is either its old bytes or its new bytes.
Commit: several files (written, replaced or deleted) change together or not at all. Every new file is
first written in full beside its target; only when all are on disk is a journal recorded and the files
renamed into place. A crash during the renames is completed at the next start (recover), since every file
the journal names is already whole; a failure before the journal (a full disk) removes the new files and
leaves the old ones untouched.

A journal is trusted only if this checkout wrote it: it is signed (HMAC-SHA256) with a random key kept outside
the project (kzreform.fileio.local_key) over the project's own path, and every path it names must lie directly
in one of the folders the commit may change. A journal that fails either test (committed to git, copied from
another folder, hand-written) is never replayed.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
from pathlib import Path


def _write_temp(folder: Path, name: str, data: bytes) -> Path:
    """Write data to a new temporary file in folder (fsynced); return its path. Removed again on failure."""
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write data to path via a temporary file and a rename; return False if the bytes were already there."""
    path = Path(path)
    if path.is_file() and path.read_bytes() == data:
        return False
    tmp = _write_temp(path.parent, path.name, data)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return True


def write_text_atomic(path: Path, text: str) -> bool:
    """Write UTF-8 text with LF line endings atomically; return False if unchanged."""
    return write_bytes_atomic(path, text.encode("utf-8"))


def open_fresh(path: Path):
    """A new, empty file at path opened for writing bytes; whatever was there (a file, or a committed link that
    would send the writes elsewhere) is removed first, and a link made meanwhile is never followed."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_symlink() or path.is_file():
        path.unlink()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o644)
    return os.fdopen(fd, "wb")


class PartialCommit(OSError):
    """Renaming failed after the journal was recorded: recover() completes the commit at the next start."""


class ChangedMeanwhile(OSError):
    """A file the commit would replace was changed by someone else since it was read: nothing was written."""

    def __init__(self, path: Path):
        super().__init__(f"{path} changed while the run went on")
        self.path = Path(path)


def state_home() -> Path:
    """The user's folder for this program's private state (outside every project and outside git)."""
    chosen = os.environ.get("KZREFORM_STATE_HOME")
    if chosen:
        return Path(chosen).expanduser()
    if os.name == "nt":
        return Path(os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / "kzreform"
    return Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state") / "kzreform"


_SESSION_KEY = secrets.token_bytes(32)


def local_key() -> bytes:
    """A random key of this user on this machine, created on first use (mode 0600). Where it cannot be kept (a
    read-only home) a key for this process only is used: nothing from an earlier run is then trusted."""
    path = state_home() / "key"
    try:
        key = path.read_bytes()
        if len(key) >= 32:
            return key
    except OSError:
        pass
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
        key = path.read_bytes()
        return key if len(key) >= 32 else _SESSION_KEY
    except OSError:
        try:  # another process created it first
            key = path.read_bytes()
            return key if len(key) >= 32 else _SESSION_KEY
        except OSError:
            return _SESSION_KEY


def sign(record: dict, key: bytes) -> str:
    """HMAC-SHA256 of a JSON-able record (canonical form)."""
    message = json.dumps(record, sort_keys=True, ensure_ascii=True, separators=(",", ":")).encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def signed(record: dict, key: bytes) -> dict:
    return dict(record, mac=sign(record, key))


def verified(record, key: bytes) -> dict | None:
    """The record without its signature if the signature is right, else None."""
    if not isinstance(record, dict) or not isinstance(record.get("mac"), str):
        return None
    body = {k: v for k, v in record.items() if k != "mac"}
    return body if hmac.compare_digest(record["mac"], sign(body, key)) else None


def inside(path: Path, folders) -> bool:
    """True if path lies directly in one of folders (after resolving links in its folder; the folders
    themselves must be real folders, not links)."""
    path = Path(path)
    if path.name in ("", ".", "..") or not path.is_absolute():
        return False
    try:
        parent = path.parent.resolve(strict=False)
    except (OSError, RuntimeError):
        return False
    return any(parent == Path(f).resolve() and not Path(f).is_symlink() for f in folders)


class Commit:
    """A set of file changes applied all together or not at all (see the module docstring).

    with Commit(journal) as c: c.write(path, data); c.delete(path)  -> applied on leaving the block
    without an exception; on an exception nothing changes and the new files are removed.
    """

    def __init__(self, journal: Path, root: Path, folders, key: bytes):
        self.journal = Path(journal)
        self.root, self.folders, self.key = Path(root), tuple(folders), key
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self.deletions: list[Path] = []
        self.expected: list[tuple[Path, bytes | None]] = []

    def _allowed(self, path: Path) -> Path:
        path = Path(path)
        if not inside(path, self.folders):
            raise ValueError(f"{path} is outside the folders this commit may change")
        return path

    def expect(self, path: Path, data: bytes | None) -> None:
        """Refuse the whole commit (ChangedMeanwhile) if path no longer holds data (None: did not exist)."""
        self.expected.append((Path(path), data))

    def write(self, path: Path, data: bytes) -> bool:
        """Stage new bytes for path; return False (and stage nothing) if the bytes are already there."""
        path = self._allowed(path)
        if path.is_file() and path.read_bytes() == data:
            return False
        self.staged.append((_write_temp(path.parent, path.name, data), path))
        return True

    def delete(self, path: Path) -> bool:
        path = self._allowed(path)
        if not path.exists():
            return False
        self.deletions.append(path)
        return True

    def abort(self) -> None:
        for tmp, _ in self.staged:
            tmp.unlink(missing_ok=True)
        self.staged.clear()
        self.deletions.clear()

    def apply(self) -> None:
        if not self.staged and not self.deletions:
            return
        for path, data in self.expected:
            now = path.read_bytes() if path.is_file() else None
            if now != data:
                self.abort()
                raise ChangedMeanwhile(path)
        record = {"root": str(self.root), "rename": [[str(t), str(p)] for t, p in self.staged],
                  "delete": [str(p) for p in self.deletions]}
        try:
            write_text_atomic(self.journal, json.dumps(signed(record, self.key), indent=1) + "\n")
        except BaseException:
            self.abort()
            raise
        try:
            _roll_forward(record)
        except OSError as e:
            raise PartialCommit(f"{e.strerror or e}; journal {self.journal.name}") from None
        self.journal.unlink(missing_ok=True)
        self.staged.clear()
        self.deletions.clear()

    def __enter__(self):
        return self

    def __exit__(self, kind, value, tb):
        if kind is None:
            self.apply()
        else:
            self.abort()
        return False


def _roll_forward(record: dict) -> None:
    for tmp, target in record.get("rename", []):
        if Path(tmp).exists():
            os.replace(tmp, target)
    for target in record.get("delete", []):
        Path(target).unlink(missing_ok=True)


def trusted_journal(record, root: Path, folders, key: bytes) -> dict | None:
    """The journal's changes if this checkout wrote it and every path stays in folders; else None."""
    body = verified(record, key)
    if body is None or body.get("root") != str(root):
        return None
    renames, deletes = body.get("rename"), body.get("delete")
    if not isinstance(renames, list) or not isinstance(deletes, list):
        return None
    for pair in renames:
        if not (isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)):
            return None
        tmp, target = map(Path, pair)
        if not (inside(tmp, folders) and inside(target, folders) and tmp.parent == target.parent
                and tmp.name.startswith(".") and tmp.name.endswith(".tmp")):
            return None
    if not all(isinstance(p, str) and inside(Path(p), folders) for p in deletes):
        return None
    return body


def recover(folder: Path, root: Path, folders, key: bytes, pattern: str = "commit-*.json") -> tuple[list, list]:
    """Complete every commit whose journal is still in folder (a run was killed while renaming), if this checkout
    wrote it. Returns (journals completed, journals refused); a refused journal is left where it is, untouched."""
    done, refused = [], []
    for journal in sorted(Path(folder).glob(pattern)):
        if journal.is_symlink() or not journal.is_file():
            refused.append(journal)
            continue
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            refused.append(journal)  # written atomically, so an unreadable journal is none of ours
            continue
        body = trusted_journal(record, root, folders, key)
        if body is None:
            refused.append(journal)
            continue
        _roll_forward(body)
        journal.unlink(missing_ok=True)
        done.append(journal)
    return done, refused
