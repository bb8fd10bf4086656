"""Drawing and saving exhibits: for the notebooks (`show`), `reproduce`, `figures` and the reports alike."""

from __future__ import annotations

from pathlib import Path

from .. import paths
from ..charts import DPI, Canvas
from ..tables import Tables, tables
from .registry import FORMATS, REGISTRY, ExportError, canvas_for

# The sizes the figures command tries, smallest first, to name the smallest legible one when it refuses a size:
# a journal column, half pages, a report page, wider pages and a 16:9 slide (inches).
LADDER = [(3.5, 2.5), (4.0, 2.8), (4.5, 3.2), (5.0, 3.4), (5.5, 3.6), (6.0, 3.8), (6.5, 4.0), (7.5, 4.6), (8.5, 5.0),
          (10.0, 5.6), (11.5, 6.5), (13.3, 7.5)]


def draw(name: str, canvas: Canvas | None = None, t: Tables | None = None):
    """The exhibit drawn (a Chart) or computed (a Table)."""
    e = REGISTRY[name]
    canvas = canvas or canvas_for(name)
    result = e.draw(t or tables(), canvas)
    if e.kind == "chart":
        from ..axes import localise_axes, sentence_case_legends
        localise_axes(result.fig)
        sentence_case_legends(result.fig)
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


def legible(name: str, canvas: Canvas, lang: str = "en"):
    """(the chart drawn, "") if it is legible at the canvas's size in `lang`, else (None, the first problem): its
    text does not fit (LayoutError), or kzreform.layout.legibility finds a plot, a bar or a needed name too small."""
    import matplotlib.pyplot as plt

    from .. import i18n, layout
    from .editions import draw_edition
    with i18n.language(lang):
        try:
            result = draw_edition(name, canvas) if i18n.locale(lang).edition else draw(name, canvas)
        except layout.LayoutError as e:
            return None, str(e)
    found = layout.legibility(result.fig, result.meta.get("needs", ()))
    if found:
        plt.close(result.fig)
        return None, found[0]
    return result, ""


def smallest_legible(name: str, titles: bool = True, lang: str = "en") -> tuple[float, float] | None:
    """The first size of LADDER (at least the exhibit's minimum) at which the chart is legible, or None."""
    import matplotlib.pyplot as plt
    e = REGISTRY[name]
    need = e.min_size if titles else e.min_caption
    for w, h in LADDER:
        if w >= need[0] - 1e-9 and h >= need[1] - 1e-9:
            result, _ = legible(name, Canvas(w, h, titles), lang)
            if result is not None:
                plt.close(result.fig)
                return w, h
    return None


def refusal(name: str, canvas: Canvas, lang: str, problem: str) -> str:
    """One line: why a size is refused and the smallest size that works for that chart, mode and language."""
    from .. import i18n
    edition = f" (the {i18n.IN_ENGLISH[lang]} edition)" if i18n.locale(lang).edition else ""
    mode = " with its title" if canvas.titles else " in caption mode"
    best = smallest_legible(name, canvas.titles, lang)
    works = (f"the smallest size that works is {best[0]:g} x {best[1]:g} in{mode}" if best else
             f"no size up to {LADDER[-1][0]:g} x {LADDER[-1][1]:g} in works{mode}")
    problem = problem.replace("\n", " ")
    return f"{name}{edition} at {canvas.width:g} x {canvas.height:g} in is too small to be legible: {problem}; {works}"


def render(name: str, formats=FORMATS, dpi: int = DPI, width: float | None = None, height: float | None = None,
           out: Path = Path("."), titles: bool = True, svg_text: bool = False, lang: str = "en") -> list[Path]:
    """Draw one figure from data/ at a size and in a language and write it to `out` in the given formats (and, in
    caption mode, a caption file NAME.txt); return the paths written. Nothing is written for a language whose
    strings are incomplete (MissingTranslation); ExportError, naming the smallest size that works, where the chart
    would not be legible at the size asked (nothing is written)."""
    import matplotlib.pyplot as plt

    from .. import i18n, output
    from ..fileio import write_bytes_atomic, write_text_atomic
    from .editions import draw_edition
    canvas = canvas_for(name, width, height, titles, svg_text)
    result, problem = legible(name, canvas, lang)
    if result is None:
        raise ExportError(refusal(name, canvas, lang, problem))
    plt.close(result.fig)  # the check drew it once; drawn afresh, the file is the one a notebook saves, to the byte
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
