"""Atomic file writes: a file is either its old bytes or its new bytes, never half-written."""

import os
import tempfile
from pathlib import Path


def write_bytes_atomic(path: Path, data: bytes) -> bool:
    """Write data to path via a temporary file and a rename; return False if the bytes were already there."""
    path = Path(path)
    if path.exists() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return True


def write_text_atomic(path: Path, text: str) -> bool:
    """Write UTF-8 text with LF line endings atomically; return False if unchanged."""
    return write_bytes_atomic(path, text.encode("utf-8"))
