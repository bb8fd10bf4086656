"""The project's virtual environment finds the package of the folder it lives in.

`python -m kzreform.environment` (run by `make` after installing the lock) puts a one-line .pth file into
the environment's site-packages. At start-up it appends the folder holding the environment (the project,
for PROJECT/.venv) to the import path, after PYTHONPATH and the working folder, so an explicit choice wins. Nothing in it is an absolute path, so a copy of the project folder with
its .venv imports the copy's package and reads the copy's data, and a moved folder keeps working; an
editable install (`pip install -e .`) would pin the original folder instead.
"""

from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

PTH = "kzreform_project.pth"
LINE = ("import os, sys; _r = os.path.dirname(sys.prefix); "
        "os.path.isfile(os.path.join(_r, 'kzreform', '__init__.py')) and _r not in sys.path "
        "and sys.path.append(_r)\n")


def install() -> Path:
    """Write the .pth file into this interpreter's site-packages (idempotent); return its path."""
    target = Path(sysconfig.get_paths()["purelib"]) / PTH
    if not target.exists() or target.read_text(encoding="utf-8") != LINE:
        target.write_text(LINE, encoding="utf-8")
    return target


def main() -> int:
    if sys.prefix == sys.base_prefix:
        print("kzreform.environment: not in a virtual environment; nothing installed (make creates .venv)",
              file=sys.stderr)
        return 2
    install()
    from .app import install_settings
    install_settings()  # quiet JupyterLab: settings in the environment, not the user's home
    return 0


if __name__ == "__main__":
    sys.exit(main())
