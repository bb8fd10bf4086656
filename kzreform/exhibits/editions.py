"""The Russian and Kazakh editions of the charts: drawn and checked as drawn, and which charts have one."""

from __future__ import annotations

import dataclasses
import re

from ..charts import Canvas
from .registry import REGISTRY, canvas_for
from .render import draw

# Words in Latin letters that may stay in a Russian or Kazakh figure: names written that way in those languages
# too (parties' registered names in Latin letters, the project's name), and the Roman numerals of law numbers
# (№ 254-III), which Russian and Kazakh write in Latin letters.
LATIN_ALLOWED = {"amanat", "nur", "otan", "adal", "respublica", "baytaq", "kzreform", "ii", "iii", "iv", "vi", "vii"}
_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


def draw_edition(name: str, canvas: Canvas):
    """A chart in the current language (Russian or Kazakh), checked as drawn: where its longer words do not fit
    the canvas, drawn once more with smaller text (Canvas.compact); LayoutError naming the first problem if that
    does not fit either. English layouts are proved for every size by the tests and are never drawn this way."""
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


def figure_texts(result) -> list[str]:
    """Every piece of text drawn on a chart's figure (titles, labels, ticks, legends, annotations), the source line
    aside (publishers' names stay as they publish them)."""
    found = []
    source = {id(a) for a in result.meta.get("source_lines", ())}
    for artist in result.fig.findobj(lambda a: hasattr(a, "get_text") and hasattr(a, "get_visible")):
        text = artist.get_text()
        if text and artist.get_visible() and id(artist) not in source:
            found.append(text)
    return found


def english_leaks(result, lang: str) -> list[str]:
    """Texts of a drawn chart (and its alt text) that still hold Latin-letter words, in a ru or kk edition."""
    texts = figure_texts(result) + [result.alt]
    return [t for t in texts if any(w.lower() not in LATIN_ALLOWED for w in _LATIN_WORD.findall(t))]


def edition_ready(name: str, lang: str) -> bool:
    """Every string the exhibit draws is in `lang` (no template without a text, no word left in English) and it
    fits its default size (drawn once to find out; other sizes are checked as they are drawn)."""
    import matplotlib.pyplot as plt

    from .. import i18n, layout
    if not i18n.locale(lang).edition:
        return True
    if REGISTRY[name].kind != "chart":
        return False
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
