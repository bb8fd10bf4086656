"""The loaded tables: one object per process through which exhibits, reader tables and notebooks read the data.

    t = tables()        # in a notebook: t = exhibits.setup()
    t.court_caseload    # data/court_caseload.csv, loaded and validated on first use

"Tables" in this project means this object; the tables a reader sees in a notebook are "reader tables" and
the data files are "datasets" (kzreform.datasets).
"""

from __future__ import annotations

from functools import cached_property

import pandas as pd


class Tables:
    """The project's datasets, each loaded (and validated) on first use: t.court_caseload, t.regions ...
    `version` counts the tables replaced after loading (t.court_rulings = other): what was computed from the
    object before (the exhibits' specs) is computed again."""

    version = 0

    def __setattr__(self, name: str, value) -> None:
        if name in self.__dict__:
            object.__setattr__(self, "version", self.version + 1)
        object.__setattr__(self, name, value)

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        from .datasets import load
        value = load(name)
        setattr(self, name, value)
        return value

    @cached_property
    def claims_data(self):
        from .claims import Data
        return Data()


_tables: Tables | None = None


def tables() -> Tables:
    """The tables of this process (loaded once; the loader itself re-reads a file that changed)."""
    global _tables
    if _tables is None:
        _tables = Tables()
    return _tables
