"""Project paths, derived from the package's own location (never from the working directory).

In a checkout of the project, ROOT is the folder holding kzreform/ and data/. An installed copy of the
package (pip install) reads the data shipped with it, or the folder named by KZREFORM_DATA.
"""

import os
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent


def _data() -> Path:
    chosen = os.environ.get("KZREFORM_DATA")
    if chosen:
        return Path(chosen).expanduser().resolve()
    if (ROOT / "data" / "datapackage.json").is_file():
        return ROOT / "data"
    shipped = ROOT / "kzreform_data"  # the data as installed beside the package
    return shipped if (shipped / "datapackage.json").is_file() else ROOT / "data"


DATA = _data()
FIGURES = ROOT / "figures"
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
CACHE = ROOT / ".cache"
DATAPACKAGE = DATA / "datapackage.json"
# A checkout of the project (notebooks, figures, the lock), not a copy installed into site-packages.
CHECKOUT = (ROOT / "pyproject.toml").is_file() and (ROOT / "notebooks").is_dir()


def output(name: str) -> Path:
    """Default folder for generated files: name/ in a checkout; in the current folder for an installed copy."""
    return ROOT / name if CHECKOUT else Path.cwd() / name


def relative(path: Path) -> str:
    """Path relative to the project root, with forward slashes (for messages and metadata)."""
    try:
        return Path(path).resolve().relative_to(ROOT).as_posix()
    except ValueError:
        return Path(path).as_posix()
