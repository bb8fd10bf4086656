"""The exhibit contract: what an exhibit is, the registry of every exhibit by name, and the size rules.

    @exhibit("01_court_caseload", reads=("court_caseload", "constitutional_bodies"))
    def court_appeals_cumulative(t: Tables, c: Canvas) -> Chart: ...

An exhibit is a function from the loaded tables and a canvas (size, caption mode) to a Chart (figure, numbers
plotted, alt text) or a Table. It declares the datasets it reads; a notebook declares, with `reader_tables`,
the datasets its reader tables read beyond its exhibits. Together they are the sources a notebook's report
lists (tests/test_exhibits.py checks each declaration against what the code loads). The topic modules are
registered in MODULES order, which is the order of the notebooks.
"""

from __future__ import annotations

import functools
import importlib
import weakref
from dataclasses import dataclass, field
from typing import Callable

import pandas as pd

from ..charts import HEIGHT_IN, WIDTH_IN, Canvas

FORMATS = ("png", "svg", "pdf")
# the topic modules of kzreform.exhibits, in notebook order
MODULES = ("court", "rulings", "referendums", "elections", "claims", "measures", "constitution")


@dataclass(frozen=True)
class Exhibit:
    name: str
    notebook: str
    draw: Callable
    kind: str = "chart"
    default: tuple[float, float] = (WIDTH_IN, HEIGHT_IN)
    min_size: tuple[float, float] = (4.5, 3.2)      # the smallest canvas that holds it with titles
    min_caption: tuple[float, float] = (3.5, 2.5)   # ... and in caption mode
    reads: tuple[str, ...] = ()                     # the datasets it reads
    spec: Callable | None = None                    # tables -> Spec, for an exhibit drawn from a spec


@dataclass
class Chart:
    fig: object
    data: pd.DataFrame
    alt: str
    meta: dict = field(default_factory=dict)  # the canvas's record of the figure (filled by render.draw)


@dataclass
class Spec:
    """What a chart says, computed from the tables without drawing: its words, the numbers it plots (the chart's
    CSV) and what the drawing needs beyond them (`parts`). Titles and alt text are tested on specs."""
    title: str
    subtitle: str
    sources: list
    alt: str
    data: pd.DataFrame
    parts: dict = field(default_factory=dict)


@dataclass
class Table:
    data: pd.DataFrame
    title: str
    description: str
    sources: list = field(default_factory=list)


REGISTRY: dict[str, Exhibit] = {}
READER_TABLES: dict[str, tuple[str, ...]] = {}


def exhibit(notebook: str, *, reads, kind: str = "chart", default=(WIDTH_IN, HEIGHT_IN), min_size=(4.5, 3.2),
            min_caption=(3.5, 2.5), drawing: Callable | None = None):
    """Register a function as the exhibit named after it, belonging to a notebook and reading `reads`. With
    `drawing`, the function is the exhibit's spec (tables -> Spec) and `drawing(spec, canvas)` draws it;
    without, it draws itself (tables, canvas -> Chart or Table)."""
    def register(f):
        name = f.__name__
        if name in REGISTRY:
            raise ValueError(f"exhibit {name!r} is registered twice ({REGISTRY[name].notebook} and {notebook})")
        draw = f if drawing is None else _drawn_from_spec(f, drawing)
        REGISTRY[name] = Exhibit(name, notebook, draw, kind, tuple(default), tuple(min_size), tuple(min_caption),
                                 tuple(reads), f if drawing is not None else None)
        return f
    return register


# Specs already computed, per tables object: a spec depends on the tables and the language only, never on the
# canvas, so a chart drawn at many sizes (the figures command, the reports' editions, the size grid) computes its
# words and numbers once. A table replaced on the tables object (Tables.version) computes them again.
_SPECS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def spec_of(spec: Callable, t) -> Spec:
    """spec(t), computed once per tables object, its version, the language and its catalogue of words."""
    from ..i18n import catalogue, current
    try:
        cache = _SPECS.setdefault(t, {})
    except TypeError:  # an object that cannot be weakly referenced: no cache
        return spec(t)
    key = (spec.__module__, spec.__qualname__, current(), id(catalogue()), getattr(t, "version", 0))
    if key not in cache:
        cache[key] = spec(t)
    return cache[key]


def _drawn_from_spec(spec: Callable, drawing: Callable) -> Callable:
    @functools.wraps(spec)
    def draw(t, c: Canvas) -> Chart:
        s = spec_of(spec, t)
        return Chart(drawing(s, c), s.data.copy(), s.alt)
    return draw


def reader_tables(notebook: str, *, reads) -> None:
    """Declare the datasets a notebook's reader tables read beyond those its exhibits read."""
    READER_TABLES[notebook] = tuple(dict.fromkeys(READER_TABLES.get(notebook, ()) + tuple(reads)))


def register_all() -> None:
    """Import every topic module (each registers its exhibits), in notebook order."""
    for module in MODULES:
        importlib.import_module(f"{__package__}.{module}")


def of_notebook(notebook: str) -> list[str]:
    return [n for n, e in REGISTRY.items() if e.notebook == notebook]


def datasets_of(notebook: str) -> list[str]:
    """The datasets a notebook's exhibits and reader tables read, as declared (the sources its report lists)."""
    found = {d for e in REGISTRY.values() if e.notebook == notebook for d in e.reads}
    return sorted((found | set(READER_TABLES.get(notebook, ()))) - {"sources"})


class ExportError(ValueError):
    """A request the figures command cannot meet (unknown name or format, a size too small); exit status 2."""


def check_request(names, formats) -> tuple[list[str], list[str]]:
    charts = [n for n, e in REGISTRY.items() if e.kind == "chart"]
    unknown = [n for n in names if n not in charts]
    if unknown:
        raise ExportError(f"no figure named {', '.join(map(repr, unknown))} (see `python -m kzreform figures --list`)")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ExportError(f"unknown format {', '.join(map(repr, bad))} (expected some of: {', '.join(FORMATS)})")
    return list(dict.fromkeys(names)) or charts, list(dict.fromkeys(formats))


def canvas_for(name: str, width: float | None = None, height: float | None = None, titles: bool = True,
               svg_text: bool = False) -> Canvas:
    """The canvas for an exhibit at the size asked (its default size where none is given); ExportError if the
    size is too small for the exhibit to hold its text legibly."""
    e = REGISTRY[name]
    w = width if width is not None else e.default[0]
    h = height if height is not None else e.default[1]
    need = e.min_size if titles else e.min_caption
    if w < need[0] - 1e-9 or h < need[1] - 1e-9:
        hint = "" if not titles else (f"; in caption mode (--no-title) it holds down to {e.min_caption[0]:g} x "
                                      f"{e.min_caption[1]:g} in")
        raise ExportError(f"{name} at {w:g} x {h:g} in is too small to be legible: the smallest size that works "
                          f"is {need[0]:g} x {need[1]:g} in{' with its title' if titles else ' in caption mode'}{hint}")
    return Canvas(w, h, titles, svg_text)
