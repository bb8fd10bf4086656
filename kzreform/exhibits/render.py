"""Drawing and saving exhibits: for the notebooks (`show`), `reproduce`, `figures` and the reports alike."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..charts import DPI, Canvas
from ..tables import Tables, tables
from .registry import FORMATS, REGISTRY, canvas_for


def draw(name: str, canvas: Canvas | None = None, t: Tables | None = None):
    """The exhibit drawn (a Chart) or computed (a Table)."""
    e = REGISTRY[name]
    canvas = canvas or canvas_for(name)
    result = e.draw(t or tables(), canvas)
    if e.kind == "chart":
        from ..axes import localise_axes
        localise_axes(result.fig)
        result.meta = canvas.meta
    return result


def save(name: str, out: Path | None = None, t: Tables | None = None):
    """Draw an exhibit at its default size and write its files (figures/, or the runner's staging folder)."""
    import matplotlib.pyplot as plt

    from .. import output
    e = REGISTRY[name]
    result = draw(name, None, t)
    if e.kind == "table":
        output.save_table(name, result.data, result.title, result.description, result.sources, e.notebook, out)
        return result, None
    try:
        png = output.save_figure(result.fig, name, result.data, result.alt, e.notebook, out, meta=result.meta)
    finally:
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


def render(name: str, formats=FORMATS, dpi: int = DPI, width: float | None = None, height: float | None = None,
           out: Path = Path("."), titles: bool = True, svg_text: bool = False, lang: str = "en") -> list[Path]:
    """Draw one figure from data/ at a size and in a language and write it to `out` in the given formats (and, in
    caption mode, a caption file NAME.txt); return the paths written. Nothing is written for a language whose
    strings are incomplete (MissingTranslation)."""
    import matplotlib.pyplot as plt

    from .. import i18n, output
    from ..fileio import write_bytes_atomic, write_text_atomic
    from .editions import draw_edition
    canvas = canvas_for(name, width, height, titles, svg_text)
    with i18n.language(lang):
        result = draw_edition(name, canvas) if i18n.locale(lang).edition else draw(name, canvas)
        meta = result.meta
        caption = output.caption(meta, result.alt) if not titles else ""
    written = []
    try:
        for fmt in formats:
            path = Path(out) / f"{name}.{fmt}"
            write_bytes_atomic(path, output.render(result.fig, fmt, dpi, meta["title"], result.alt))
            written.append(path)
    finally:
        plt.close(result.fig)
    if not titles:
        path = Path(out) / f"{name}.txt"
        write_text_atomic(path, caption)
        written.append(path)
    return written


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
