"""File writes that never leave a half-written state.

write_bytes_atomic: one file is either its old bytes or its new bytes.
Commit: several files (written, replaced or deleted) change together or not at all. Every new file is
first written in full beside its target; only when all are on disk is a journal recorded and the files
renamed into place. A crash during the renames is completed at the next start (recover), since every file
the journal names is already whole; a failure before the journal (a full disk) removes the new files and
leaves the old ones untouched.
"""

from __future__ import annotations

import json
import os
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


class PartialCommit(OSError):
    """Renaming failed after the journal was recorded: recover() completes the commit at the next start."""


class Commit:
    """A set of file changes applied all together or not at all (see the module docstring).

    with Commit(journal) as c: c.write(path, data); c.delete(path)  -> applied on leaving the block
    without an exception; on an exception nothing changes and the new files are removed.
    """

    def __init__(self, journal: Path):
        self.journal = Path(journal)
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)
        self.deletions: list[Path] = []

    def write(self, path: Path, data: bytes) -> bool:
        """Stage new bytes for path; return False (and stage nothing) if the bytes are already there."""
        path = Path(path)
        if path.is_file() and path.read_bytes() == data:
            return False
        self.staged.append((_write_temp(path.parent, path.name, data), path))
        return True

    def delete(self, path: Path) -> bool:
        path = Path(path)
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
        record = {"rename": [[str(t), str(p)] for t, p in self.staged], "delete": [str(p) for p in self.deletions]}
        try:
            write_text_atomic(self.journal, json.dumps(record, indent=1) + "\n")
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


def recover(folder: Path, pattern: str = "commit-*.json") -> list[Path]:
    """Complete every commit whose journal is still in folder (a run was killed while renaming)."""
    done = []
    for journal in sorted(Path(folder).glob(pattern)):
        try:
            record = json.loads(journal.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            record = {}  # a journal is written atomically, so an unreadable one was never applied
        _roll_forward(record)
        journal.unlink(missing_ok=True)
        done.append(journal)
    return done
