"""Text on a figure, measured by the renderer: wrapping to a width, fitting tick labels, finding collisions.

`texts(fig)` records every text the renderer actually draws (not every Text object: ticks outside the
view and invisible labels are not drawn) with its bounding box in points and its size at the final scale,
so a test can assert that no two texts overlap, none leaves the canvas and none is smaller than 6 pt.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import matplotlib
from matplotlib.backends.backend_agg import RendererAgg
from matplotlib.font_manager import FontProperties
from matplotlib.transforms import Bbox

from .roles import MIN_BAR_MM, MIN_PLOT_CM  # noqa: F401  (the legibility minimums, printed by the catalogue)

MIN_PT = 6.0
MEASURE_DPI = 72  # 1 pixel = 1 point


class LayoutError(ValueError):
    """A figure cannot hold its text at the size asked."""


@lru_cache(maxsize=1)
def _measurer() -> RendererAgg:
    return RendererAgg(10, 10, MEASURE_DPI)


# How glyphs are measured: as the house style draws them (charts.STYLE), whatever the caller's settings, so a width
# remembered here is the width of the drawn text (a width measured with hinting once made a later figure wrap
# differently from its committed copy, depending on which test ran first).
MEASURE_RC = {"text.hinting": "no_hinting"}


@lru_cache(maxsize=4096)
def text_width(text: str, size: float, weight: str = "normal") -> float:
    """Width of one line of text in points (the house font, never parsed as mathematics)."""
    prop = FontProperties(family="DejaVu Sans", size=size, weight=weight)
    rc = matplotlib.rcParams
    old = {k: rc[k] for k in MEASURE_RC}
    try:
        if old != MEASURE_RC:  # set only what differs (rc_context would copy every setting at each call)
            rc.update(MEASURE_RC)
        w, _, _ = _measurer().get_text_width_height_descent(text, prop, ismath=False)
    finally:
        if old != MEASURE_RC:
            rc.update(old)
    return w


def wrap(text: str, width_pt: float, size: float, weight: str = "normal") -> list[str]:
    """Words of text in lines no wider than width_pt (a word longer than the width gets a line of its own); words
    are parted at spaces only, never at a no-break space."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.replace("\t", " ").split(" "):  # a no-break space (in '4 000', '5 %') never breaks
            if not word:
                continue
            trial = f"{line} {word}" if line else word
            if line and text_width(trial, size, weight) > width_pt:
                lines.append(line)
                line = word
            else:
                line = trial
        lines.append(line)
    return [l for l in lines if l] if text else []


_NUMBER = re.compile(r"[(]?[0-9][0-9.,%:]*")
_ASIDE = re.compile(r"[(][^ ()]+[)][,.;:]?")
_TIE = "\u2007"  # a figure space: holds two words together while a headline is wrapped, a plain space once drawn


def _tied(text: str) -> str:
    """A headline's words, a number held to the word after it ('2.7 times', '96 articles') and a one-word aside to
    the word before it ('Almaty (city)', 'Auyl (2021)'): a line never ends on a bare number or starts with an aside."""
    words = text.split(" ")
    out = words[:1]
    for word in words[1:]:
        if out and (_NUMBER.fullmatch(out[-1].split(_TIE)[-1]) or _ASIDE.fullmatch(word)):
            out[-1] += _TIE + word
        else:
            out.append(word)
    return " ".join(out)


def balanced(text: str, width_pt: float, size: float, weight: str = "normal") -> list[str]:
    """wrap(), for a headline or a source line: numbers kept with their words (_tied) and the lines made as even as
    the words allow, the narrowest width that still takes as few lines (two lines split near the middle, not one
    word left alone on the second). A text whose tied words need more lines than plain wrap() is wrapped plainly."""
    plain = wrap(text, width_pt, size, weight)
    if len(plain) < 2 or "\n" in text:
        return plain
    tied = _tied(text)
    if len(wrap(tied, width_pt, size, weight)) != len(plain):
        tied = text
    low, high = width_pt / len(plain), width_pt
    for _ in range(12):  # to within width / 4096: well under a letter
        mid = (low + high) / 2
        if len(wrap(tied, mid, size, weight)) == len(plain):
            high = mid
        else:
            low = mid
    return [line.replace(_TIE, " ") for line in wrap(tied, high, size, weight)]


def fit_font(labels: list[str], width_pt: float, size: float, floor: float = MIN_PT) -> float | None:
    """The largest size <= size (down to floor) at which every label fits width_pt; None if none does."""
    widest = max((text_width(l, 1.0) for l in labels), default=0.0)
    if widest == 0:
        return size
    best = min(size, width_pt / widest)
    return best if best >= floor else None


@dataclass
class Drawn:
    """A text as drawn: the artist, its text, its box in points from the bottom left, its size in points."""

    artist: object
    text: str
    box: Bbox
    size: float
    clipped_out: bool


def texts(fig) -> list[Drawn]:
    """Every text the figure draws (single- and multi-line), measured at MEASURE_DPI (points)."""
    from matplotlib.text import Text
    dpi = fig.dpi
    fig.set_dpi(MEASURE_DPI)
    seen: dict[int, object] = {}
    original = Text.draw

    def record(self, renderer):
        if self.get_visible() and self.get_text().strip():
            seen.setdefault(id(self), self)
        return original(self, renderer)

    Text.draw = record
    try:
        renderer = RendererAgg(int(fig.get_figwidth() * MEASURE_DPI) + 1, int(fig.get_figheight() * MEASURE_DPI) + 1,
                               MEASURE_DPI)
        fig.draw(renderer)
    finally:
        Text.draw = original
    try:
        out = []
        for artist in seen.values():
            box = artist.get_window_extent(renderer)
            clip = artist.get_clip_box() if artist.get_clip_on() else None
            clipped = clip is not None and not (clip.x0 - 1 <= box.x0 and box.x1 <= clip.x1 + 1
                                                and clip.y0 - 1 <= box.y0 and box.y1 <= clip.y1 + 1)
            out.append(Drawn(artist, artist.get_text(), box, artist.get_fontsize(), clipped))
        return out
    finally:
        fig.set_dpi(dpi)


def problems(fig, pad: float = 0.0) -> list[str]:
    """Overlapping texts, texts leaving the canvas or cut by their axes, and texts smaller than 6 pt."""
    drawn = texts(fig)
    width, height = fig.get_figwidth() * MEASURE_DPI, fig.get_figheight() * MEASURE_DPI
    out = []
    for d in drawn:
        label = repr(d.text[:40])
        if d.size < MIN_PT - 1e-6:
            out.append(f"{label} is {d.size:.1f} pt (expected at least {MIN_PT:g} pt)")
        if d.box.x0 < -0.5 or d.box.y0 < -0.5 or d.box.x1 > width + 0.5 or d.box.y1 > height + 0.5:
            out.append(f"{label} leaves the canvas")
        if d.clipped_out:
            out.append(f"{label} is cut by the edge of its plot")
    for i, a in enumerate(drawn):
        for b in drawn[i + 1:]:
            if overlap(a.box, b.box, pad):
                out.append(f"{a.text[:40]!r} overlaps {b.text[:40]!r}")
    return out


def overlap(a: Bbox, b: Bbox, pad: float = 0.0) -> bool:
    """Whether two boxes share area (touching edges, within 0.25 pt, do not count)."""
    tol = 0.25 - pad
    return a.x0 < b.x1 - tol and b.x0 < a.x1 - tol and a.y0 < b.y1 - tol and b.y0 < a.y1 - tol


def thin_overlapping(labels: list, renderer=None, keep_first: bool = True) -> int:
    """Hide labels (matplotlib Text) that would overlap an earlier kept one; return how many were hidden.

    The rule: walk in the order given (callers pass the most important first) and keep a label only if it
    overlaps none kept so far.
    """
    kept: list[Bbox] = []
    hidden = 0
    for t in labels:
        if not t.get_visible() or not t.get_text().strip():
            continue
        box = t.get_window_extent(renderer)
        if any(overlap(box, k) for k in kept):
            t.set_visible(False)
            hidden += 1
        else:
            kept.append(box)
    return hidden


OFFSETS = [(0, 1, "center", "bottom"), (0, -1, "center", "top"), (1, 0, "left", "center"), (-1, 0, "right", "center"),
           (1, 1, "left", "bottom"), (-1, 1, "right", "bottom"), (1, -1, "left", "top"), (-1, -1, "right", "top")]


def part_if_touching(fig, left, right, gap: float = 0.15) -> bool:
    """Two centred labels side by side (value labels of neighbouring bars, labels of two close lines): if they
    touch, align the left one's right edge and the right one's left edge to their anchors moved `gap` (data units)
    apart, so they grow away from each other. Returns whether they were moved."""
    renderer = RendererAgg(int(fig.get_figwidth() * MEASURE_DPI) + 1, int(fig.get_figheight() * MEASURE_DPI) + 1,
                           MEASURE_DPI)
    dpi = fig.dpi
    fig.set_dpi(MEASURE_DPI)
    try:
        fig.draw(renderer)  # the layout engine places the axes first
        a, b = left.get_window_extent(renderer), right.get_window_extent(renderer)
    finally:
        fig.set_dpi(dpi)
    if a.x1 + 1 < b.x0 or b.x1 + 1 < a.x0 or a.y1 < b.y0 or b.y1 < a.y0:
        return False
    (xa, ya), (xb, yb) = left.xy, right.xy
    left.set_horizontalalignment("right")
    right.set_horizontalalignment("left")
    left.xy, right.xy = (xa + gap, ya), (xb - gap, yb)
    return True


# --- legibility: what a reader needs beyond text that fits ---------------------------------------------------

CM_PER_IN = 2.54


@dataclass
class Measures:
    """The smallest plot area (height and width, cm) and the thinnest bar (mm) of a drawn figure."""

    plot_height_cm: float | None  # None: no plot with axes (a tile map)
    plot_width_cm: float | None
    bar_mm: float | None


def _plots(fig) -> list:
    """The axes a reader reads values from (visible, not colour bars or insets without data)."""
    return [ax for ax in fig.axes if ax.get_visible() and ax.get_label() != "<colorbar>"
            and not hasattr(ax, "_colorbar") and ax.axison]


def _bar_thickness_pt(ax) -> list[float]:
    """The thickness of every bar in its bar containers, in points (height of a horizontal bar, width of a
    vertical one), as laid out."""
    from matplotlib.container import BarContainer
    out = []
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        for patch in container.patches:
            box = patch.get_window_extent()
            out.append(box.height if container.orientation == "horizontal" else box.width)
    return out


def measures(fig) -> Measures:
    """Plot areas and bars as the figure is laid out, measured at MEASURE_DPI (1 px = 1 pt)."""
    dpi = fig.dpi
    fig.set_dpi(MEASURE_DPI)
    try:
        fig.draw_without_rendering()
        plots = _plots(fig)
        boxes = [ax.get_window_extent() for ax in plots]
        bars = [t for ax in plots for t in _bar_thickness_pt(ax)]
    finally:
        fig.set_dpi(dpi)
    to_cm = CM_PER_IN / 72
    return Measures(min(b.height for b in boxes) * to_cm if boxes else None,
                    min(b.width for b in boxes) * to_cm if boxes else None, min(bars) * to_cm * 10 if bars else None)


def legibility(fig, needs=()) -> list[str]:
    """What makes a drawn figure illegible though its text fits: a plot area under MIN_PLOT_CM tall or wide, bars
    thinner than MIN_BAR_MM, or a name the headline needs (`needs`) left off the figure."""
    m = measures(fig)
    out = []
    if m.plot_height_cm is not None and m.plot_height_cm < MIN_PLOT_CM - 1e-6:
        out.append(f"a plot is {m.plot_height_cm:.1f} cm tall (expected at least {MIN_PLOT_CM:g} cm)")
    if m.plot_width_cm is not None and m.plot_width_cm < MIN_PLOT_CM - 1e-6:
        out.append(f"a plot is {m.plot_width_cm:.1f} cm wide (expected at least {MIN_PLOT_CM:g} cm)")
    if m.bar_mm is not None and m.bar_mm < MIN_BAR_MM - 1e-6:
        out.append(f"bars are {m.bar_mm:.1f} mm thick (expected at least {MIN_BAR_MM:g} mm)")
    if needs:
        drawn = {d.text for d in texts(fig)}
        missing = [n for n in needs if not any(n in t for t in drawn)]
        if missing:
            out.append(f"the names its headline needs are not drawn ({', '.join(missing)})")
    return out
