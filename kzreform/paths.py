"""Project paths, derived from the package's own location (never from the working directory)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
CACHE = ROOT / ".cache"
DATAPACKAGE = DATA / "datapackage.json"


def relative(path: Path) -> str:
    """Path relative to the project root, with forward slashes (for messages and metadata)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()
