"""Every published exhibit, by name: one registered function per figure or table, grouped by notebook.

The package is a facade over four rooms (docs/architecture.md):
  registry.py   the contract: Exhibit, Chart, Table, the registry, the `exhibit` decorator with the datasets
                an exhibit reads, the size rules, and MODULES, the topic modules in notebook order;
  render.py     drawing and saving: `draw`, `save`, `show` (notebooks), `render` (`figures`);
  editions.py   the Russian and Kazakh editions, checked as drawn;
  court.py ...  the topic modules, one per notebook, each registering its exhibits and its reader tables.
The loaded tables (`Tables`) live in kzreform.tables. Notebooks call `setup()` and `show(name)`.
"""

from __future__ import annotations

import pandas as pd

from ..readable import dataframe_html
from ..tables import Tables, tables
from .editions import LATIN_ALLOWED, draw_edition, edition_ready, editions, english_leaks, figure_texts
from .registry import (FORMATS, MODULES, READER_TABLES, REGISTRY, Chart, Exhibit, ExportError, Spec, Table, canvas_for,
                       check_request, datasets_of, exhibit, of_notebook, reader_tables, register_all)
from .render import LADDER, default_out, draw, legible, listing, render, save, show, smallest_legible

__all__ = ["FORMATS", "LATIN_ALLOWED", "MODULES", "READER_TABLES", "REGISTRY", "Chart", "Exhibit", "ExportError",
           "Spec", "Table", "Tables", "canvas_for", "check_request", "datasets_of", "default_out", "draw", "draw_edition",
           "edition_ready", "editions", "english_leaks", "exhibit", "figure_texts", "listing", "of_notebook",
           "reader_tables", "register_all", "render", "save", "setup", "show", "spec", "tables"]


def spec(name: str, t: Tables | None = None) -> Spec:
    """An exhibit's words and numbers without drawing it (for exhibits drawn from a spec)."""
    e = REGISTRY[name]
    if e.spec is None:
        raise ValueError(f"{name} draws itself; it has no spec")
    return e.spec(t or tables())


def setup() -> Tables:
    """For a notebook: the tables, and pandas set to show whole tables (no cell cut with '...', no row hidden),
    each shown as a reader reads it (kzreform.readable: no index-name row or row numbers, words not codes,
    publishers not source ids; the DataFrame itself is unchanged for the analyst)."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 200)
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover (IPython comes with the notebooks' kernel)
        get_ipython = None
    shell = get_ipython() if get_ipython else None
    if shell is not None:
        shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, dataframe_html)
    return tables()


register_all()
