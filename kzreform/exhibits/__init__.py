"""Every published exhibit, by name: one registered function per figure or table, grouped by notebook.

    @exhibit("01_court_caseload")
    def court_appeals_cumulative(t: Tables, c: Canvas) -> Chart: ...

A chart function takes the loaded data and the canvas (size, caption mode) and returns the figure, the
numbers plotted and the alt text; its title, subtitle and every chart parameter come from the data. The
notebooks (`show`), `reproduce`, `python -m kzreform figures` and the reports all go through the same
function, so an exhibit re-rendered at another size is the same exhibit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Callable

import pandas as pd

from .. import paths
from ..charts import DPI, HEIGHT_IN, WIDTH_IN, Canvas

FORMATS = ("png", "svg", "pdf")


@dataclass(frozen=True)
class Exhibit:
    name: str
    notebook: str
    draw: Callable
    kind: str = "chart"
    default: tuple[float, float] = (WIDTH_IN, HEIGHT_IN)
    min_size: tuple[float, float] = (4.5, 3.2)      # the smallest canvas that holds it with titles
    min_caption: tuple[float, float] = (3.5, 2.5)   # ... and in caption mode


@dataclass
class Chart:
    fig: object
    data: pd.DataFrame
    alt: str


@dataclass
class Table:
    data: pd.DataFrame
    title: str
    description: str
    sources: list = field(default_factory=list)


REGISTRY: dict[str, Exhibit] = {}


def exhibit(notebook: str, *, kind: str = "chart", default=(WIDTH_IN, HEIGHT_IN), min_size=(4.5, 3.2),
            min_caption=(3.5, 2.5)):
    """Register a function as the exhibit named after it, belonging to a notebook."""
    def register(f):
        name = f.__name__
        if name in REGISTRY:
            raise ValueError(f"exhibit {name!r} is registered twice ({REGISTRY[name].notebook} and {notebook})")
        REGISTRY[name] = Exhibit(name, notebook, f, kind, tuple(default), tuple(min_size), tuple(min_caption))
        return f
    return register


class Tables:
    """The project's tables, each loaded (and validated) on first use: t.court_caseload, t.regions ..."""

    def __getattr__(self, name: str) -> pd.DataFrame:
        if name.startswith("_"):
            raise AttributeError(name)
        from ..datasets import load
        value = load(name)
        setattr(self, name, value)
        return value

    @cached_property
    def claims_data(self):
        from ..claims import Data
        return Data()


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


_tables: Tables | None = None


def tables() -> Tables:
    """The tables of this process (loaded once; the loader itself re-reads a file that changed)."""
    global _tables
    if _tables is None:
        _tables = Tables()
    return _tables


def setup() -> Tables:
    """For a notebook: the tables, and pandas set to show whole tables (no cell cut with '...', no row hidden)."""
    pd.set_option("display.max_colwidth", None)
    pd.set_option("display.max_rows", 500)
    pd.set_option("display.max_columns", 50)
    pd.set_option("display.width", 200)
    return tables()


def datasets_of(notebook: str) -> list[str]:
    """The data tables a notebook's exhibits and tables read (t.<name> in its exhibits module, and the tables
    of the claims check where it uses them): the sources its report lists."""
    import importlib
    import inspect
    import re
    from ..datasets import names
    modules = {e.draw.__module__ for e in REGISTRY.values() if e.notebook == notebook}
    found: set[str] = set()
    known = set(names())
    for module in modules:
        text = inspect.getsource(importlib.import_module(module))
        found |= {n for n in re.findall(r"\bt\.([a-z_]+)", text) if n in known}
        if "claims_data" in text:
            from .. import claims
            found |= {n for n in re.findall(r'"([a-z_]+)"', inspect.getsource(claims)) if n in known}
    return sorted(found - {"sources"})


def draw(name: str, canvas: Canvas | None = None, t: Tables | None = None):
    """The exhibit drawn (a Chart) or computed (a Table)."""
    e = REGISTRY[name]
    result = e.draw(t or tables(), canvas or canvas_for(name))
    if e.kind == "chart":
        from ..charts import localise_axes
        localise_axes(result.fig)
    return result


def save(name: str, out: Path | None = None, t: Tables | None = None):
    """Draw an exhibit at its default size and write its files (figures/, or the runner's staging folder)."""
    from .. import charts
    e = REGISTRY[name]
    result = draw(name, None, t)
    if e.kind == "table":
        charts.save_table(name, result.data, result.title, result.description, result.sources, e.notebook, out)
        return result, None
    try:
        png = charts.save_figure(result.fig, name, result.data, result.alt, e.notebook, out)
    finally:
        import matplotlib.pyplot as plt
        plt.close(result.fig)
    return result, png


def show(name: str) -> None:
    """In a notebook: draw, save and show one exhibit (the exported PNG itself, so what you see is the file)."""
    e = REGISTRY[name]
    result, png = save(name)
    try:
        from IPython.display import Image, display
    except ImportError:
        return
    if png is not None:
        display(Image(data=png, width=int(e.default[0] * 100)))


def draw_edition(name: str, canvas: Canvas):
    """A chart in the current language (Russian or Kazakh), checked as drawn: where its longer words do not fit
    the canvas, drawn once more with smaller text (Canvas.compact); LayoutError naming the first problem if that
    does not fit either. English layouts are proved for every size by the tests and are never drawn this way."""
    import dataclasses

    import matplotlib.pyplot as plt

    from .. import i18n, layout
    problem = ""
    for attempt in (canvas, dataclasses.replace(canvas, compact=True)):
        try:
            result = draw(name, attempt)
        except layout.LayoutError as e:
            problem = problem or str(e)
            continue
        found = layout.problems(result.fig)
        if not found:
            return result
        plt.close(result.fig)
        problem = problem or found[0]
    raise layout.LayoutError(f"the {i18n.IN_ENGLISH[i18n.current()]} edition of {name} does not fit at "
                             f"{canvas.width:g} x {canvas.height:g} in: {problem}")


def render(name: str, formats=FORMATS, dpi: int = DPI, width: float | None = None, height: float | None = None,
           out: Path = Path("."), titles: bool = True, svg_text: bool = False, lang: str = "en") -> list[Path]:
    """Draw one figure from data/ at a size and in a language and write it to `out` in the given formats (and, in
    caption mode, a caption file NAME.txt); return the paths written. Nothing is written for a language whose
    strings are incomplete (MissingTranslation)."""
    import matplotlib.pyplot as plt

    from .. import charts, i18n
    from ..fileio import write_bytes_atomic, write_text_atomic
    canvas = canvas_for(name, width, height, titles, svg_text)
    with i18n.language(lang):
        result = draw(name, canvas) if lang == "en" else draw_edition(name, canvas)
        meta = result.fig._kz_meta
        caption = charts.caption(meta, result.alt) if not titles else ""
    written = []
    try:
        for fmt in formats:
            path = Path(out) / f"{name}.{fmt}"
            write_bytes_atomic(path, charts.render(result.fig, fmt, dpi, meta["title"], result.alt))
            written.append(path)
    finally:
        plt.close(result.fig)
    if not titles:
        path = Path(out) / f"{name}.txt"
        write_text_atomic(path, caption)
        written.append(path)
    return written


# Words in Latin letters that may stay in a Russian or Kazakh figure: names written that way in those languages
# too (parties' registered names in Latin letters, the project's name).
LATIN_ALLOWED = {"amanat", "nur", "otan", "adal", "respublica", "baytaq", "kzreform"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def figure_texts(fig) -> list[str]:
    """Every piece of text drawn on a figure (titles, labels, ticks, legends, annotations), the source line aside
    (publishers' names stay as they publish them)."""
    found = []
    for artist in fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_visible")):
        text = artist.get_text()
        if text and artist.get_visible() and not getattr(artist, "_kz_source", False):
            found.append(text)
    return found


def english_leaks(result, lang: str) -> list[str]:
    """Texts of a drawn chart (and its alt text) that still hold Latin-letter words, in a ru or kk edition."""
    texts = figure_texts(result.fig) + [result.alt]
    return [t for t in texts if any(w.lower() not in LATIN_ALLOWED for w in _LATIN_WORD.findall(t))]


def edition_ready(name: str, lang: str) -> bool:
    """Every string the exhibit draws is in `lang` (no template without a text, no word left in English) and it
    fits its default size (drawn once to find out; other sizes are checked as they are drawn)."""
    import matplotlib.pyplot as plt

    from .. import i18n
    if lang == "en":
        return True
    if REGISTRY[name].kind != "chart":
        return False
    from .. import layout
    try:
        with i18n.language(lang):
            result = draw_edition(name, canvas_for(name))
    except (i18n.MissingTranslation, layout.LayoutError):
        return False
    try:
        return not english_leaks(result, lang)
    finally:
        plt.close(result.fig)


def editions(lang: str) -> list[str]:
    """The charts with a complete edition in `lang`."""
    return [n for n, e in REGISTRY.items() if e.kind == "chart" and edition_ready(n, lang)]


def default_out() -> Path:
    """Where `figures` writes unless told otherwise: reports/figures in the project (never figures/), or in the
    current folder for an installed copy."""
    return paths.output("reports") / "figures"


def listing() -> list[dict]:
    """Every chart with its notebook and its title as last rendered."""
    from .. import catalogue
    titles = {e["name"]: e["title"] for e in catalogue.figure_entries()}
    return [{"name": n, "notebook": e.notebook, "title": titles.get(n, "(not yet rendered)")}
            for n, e in REGISTRY.items() if e.kind == "chart"]


def of_notebook(notebook: str) -> list[str]:
    return [n for n, e in REGISTRY.items() if e.notebook == notebook]


from . import court, rulings, referendums, elections, claims, measures  # noqa: E402,F401,I001  (registers every exhibit, in notebook order)
