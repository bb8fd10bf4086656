"""House style: the canvas, sizes, colours and the source line.

Canvas(width, height, titles) draws the frame of every exhibit at the size asked: the title (the
finding), the subtitle (measure and unit) and the source line wrap to the width as the renderer measures
them; panels reflow into a grid that fits; every text is at least 6 pt. In caption mode (titles=False)
the image carries no title, subtitle or source line; they go to a caption file beside it.

Figure files are written by kzreform.output; axis formats (numbers in the current language, dates, thousands
separators) are in kzreform.axes.

Colours have roles (ROLES): one meaning each across all charts, Okabe-Ito based, and every pair of roles
shown together stays distinguishable under simulated deuteranopia and protanopia (tested).
"""

from __future__ import annotations

import math
import re
import warnings
from dataclasses import dataclass, field

import matplotlib.pyplot as plt
import pandas as pd

from . import layout
from .datasets import source_publishers

PROJECT = "kzreform: Kazakhstan constitutional reform in numbers"
DPI = 200
WIDTH_IN, HEIGHT_IN = 6.5, 4.0
NAME_RE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")

# Okabe & Ito (2008), colour-blind-safe.
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}


from .roles import MARKS, ROLES, Role  # noqa: E402,F401  (one table of colour roles, read by the catalogue too)

TEXT = "#222222"
MUTED = "#595959"
OUTLINE = TEXT  # a counterfactual bar's outline: neutral, no role's colour (a hypothetical is no election)
GRID = "#E6E6E6"

# Marker per published qualifier: an exact count is a filled dot; hedged values are drawn as hedged.
QUALIFIER_MARKERS = {"exact": ("o", "full"), "about": ("o", "none"), "more than": ("^", "full"),
                     "at least": ("^", "full"), "almost": ("v", "none"), "less than": ("v", "full"),
                     "up to": ("v", "full")}


def colour(role: str) -> str:
    return ROLES[role].colour


STYLE = {
    "font.family": "DejaVu Sans",
    "axes.labelcolor": MUTED,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": GRID,
    "grid.linewidth": 0.7,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "legend.frameon": False,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.dpi": DPI,
    "svg.hashsalt": "kzreform",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "path.simplify": False,
    # glyph advances scale exactly with resolution: text measured once fits at any dpi (and layout measures so)
    "text.hinting": layout.MEASURE_RC["text.hinting"],
    "text.parse_math": False,  # text from data is drawn as written: "$5 and KZT 10$" stays text, never maths
    "text.usetex": False,
    "hatch.linewidth": 0.6,
    "hatch.color": "#FFFFFF",
}

# Base sizes in points at the reference size (6.5 x 4 in); scaled with the canvas, never below 6 pt.
SIZES = {"title": 12.0, "subtitle": 9.0, "panel": 8.5, "label": 8.0, "tick": 7.5, "annotation": 7.5,
         "small": 7.0, "legend": 7.5, "source": 6.5}
MARGIN_IN = 0.12


def use_house_style() -> None:
    plt.rcParams.update(STYLE)
    # a canvas too small for its text is refused by the layout and legibility checks, with the size that works;
    # matplotlib's own notice of it ("constrained_layout not applied") would only repeat that, unexplained
    warnings.filterwarnings("ignore", message="constrained_layout not applied", category=UserWarning)


@dataclass
class Canvas:
    """The size and mode an exhibit is drawn for; gives font sizes and the house-style frame."""

    width: float = WIDTH_IN
    height: float = HEIGHT_IN
    titles: bool = True
    svg_text: bool = False
    # what Canvas.figure laid out (title, subtitle, sources, note, grid, panel size, the source line's artists):
    # the exhibit's Chart carries it to the files, the caption and the checks
    meta: dict = field(default_factory=dict)
    # A second try for an edition whose longer words do not fit: every text a tenth smaller, title and subtitle a
    # fifth smaller (never under 6 pt). English never needs it: its layouts hold at every size as drawn.
    compact: bool = False

    @property
    def scale(self) -> float:
        """Text grows a little with the canvas (a slide is read from further away) and shrinks a little on a
        narrow column, within 0.85-1.45 of the reference size."""
        return min(1.45, max(0.85, math.sqrt(self.width * self.height / (WIDTH_IN * HEIGHT_IN))))

    def pt(self, kind: str) -> float:
        shrink = (0.8 if kind in ("title", "subtitle") else 0.9) if self.compact else 1.0
        return max(layout.MIN_PT, round(SIZES[kind] * self.scale * shrink, 2))

    @property
    def narrow(self) -> bool:
        return self.width < 5.0

    def grid(self, panels: int, panel_min: tuple[float, float], plot_w: float, plot_h: float) -> tuple[int, int]:
        """Rows and columns for n panels: side by side if they fit, else a grid, else stacked."""
        options = [(1, panels)]
        if panels >= 4:
            options.append((2, math.ceil(panels / 2)))
        options.append((panels, 1))
        fits = [(r, c) for r, c in options if plot_w / c >= panel_min[0] and plot_h / r >= panel_min[1]]
        if fits:
            return fits[0]
        return max(options, key=lambda rc: min(plot_w / rc[1] / panel_min[0], plot_h / rc[0] / panel_min[1]))

    def header(self, title: str, subtitle: str, sources, note: str = "") -> tuple[list, float, float]:
        """The lines of title, subtitle and source line as (text, y in pt from the bottom, size, weight, colour,
        va), and the top and bottom of the space left for the chart, in points."""
        w, h = self.width, self.height
        text_w = (w - 2 * MARGIN_IN) * 72
        top, bottom = h * 72 - 6, 4.0
        lines = []
        if self.titles:
            for line in layout.balanced(title, text_w, self.pt("title"), "bold"):
                lines.append((line, top, self.pt("title"), "bold", TEXT, "top"))
                top -= self.pt("title") * 1.22
            top -= 3
            for line in layout.wrap(subtitle, text_w, self.pt("subtitle")):
                lines.append((line, top, self.pt("subtitle"), "normal", MUTED, "top"))
                top -= self.pt("subtitle") * 1.3
            top -= 6
            bottom = 5.0
            for line in reversed(layout.balanced(source_line(sources, note), text_w, self.pt("source"))):
                lines.append((line, bottom, self.pt("source"), "normal", MUTED, "bottom"))
                bottom += self.pt("source") * 1.3
            bottom += 5
        return lines, top, bottom

    def panels(self, title: str, subtitle: str, sources, panels: int = 1, panel_min=(1.6, 1.2), note: str = ""):
        """(rows, cols, panel width, panel height in inches) the chart will get, before drawing it."""
        _, top, bottom = self.header(title, subtitle, sources, note)
        plot_w, plot_h = self.width, (top - bottom) / 72
        rows, cols = self.grid(panels, panel_min, plot_w, plot_h)
        return rows, cols, plot_w / cols, plot_h / rows

    def figure(self, title: str, subtitle: str, sources, *, panels: int = 1, panel_min=(1.6, 1.2), note: str = "",
               sharey: bool = False, sharex: bool = False, stack: bool = False, height_ratios=None, subplot_kw=None):
        """A figure in the house style; returns (fig, axes): one Axes, or a list of panels."""
        use_house_style()
        plt.rcParams.update({"svg.fonttype": "none" if self.svg_text else "path", "font.size": self.pt("label"),
                             "axes.labelsize": self.pt("label"), "axes.titlesize": self.pt("panel"),
                             "xtick.labelsize": self.pt("tick"), "ytick.labelsize": self.pt("tick"),
                             "legend.fontsize": self.pt("legend")})
        w, h = self.width, self.height
        fig = plt.figure(figsize=(w, h), layout="constrained")
        lines, top, bottom = self.header(title, subtitle, sources, note)
        source_artists = []
        for text, y, size, weight, tint, va in lines:
            artist = fig.text(MARGIN_IN / w, y / (h * 72), text, ha="left", va=va, fontsize=size, fontweight=weight,
                              color=tint)
            if va == "bottom":  # a line of the source line (publishers' names as they publish them)
                source_artists.append(artist)
        plot_w, plot_h = w, (top - bottom) / 72
        if plot_h < 0.8:
            raise layout.LayoutError(f"the title, subtitle and source line leave {plot_h:.1f} in for the chart")
        fig.get_layout_engine().set(rect=(0.0, bottom / (h * 72), 1.0, (top - bottom) / (h * 72)),
                                    w_pad=0.04, h_pad=0.04, wspace=0.06, hspace=0.08)
        rows, cols = (panels, 1) if stack else self.grid(panels, panel_min, plot_w, plot_h)
        kw = {"height_ratios": height_ratios} if height_ratios and cols == 1 and rows == panels else {}
        axes = fig.subplots(rows, cols, squeeze=False, sharey=sharey, sharex=sharex, gridspec_kw=kw or None,
                            subplot_kw=subplot_kw or {}).ravel().tolist()
        for extra in axes[panels:]:
            extra.set_visible(False)
        axes = axes[:panels]
        for ax in axes:
            ax.tick_params(labelsize=self.pt("tick"))
        self.meta.clear()
        self.meta.update({"title": title, "subtitle": subtitle, "sources": list(dict.fromkeys(sources)), "note": note,
                          "grid": (rows, cols), "panel": (plot_w / cols, plot_h / rows), "source_lines": source_artists})
        return fig, (axes[0] if panels == 1 else axes)

    def category_size(self, fig, n: int, reserve_pt: float = 28.0, kind: str = "tick",
                      whole_column: bool = False) -> float:
        """Font size for n category labels stacked along a panel's height (each gets its pitch), at most the
        house size; LayoutError if they cannot be 6 pt."""
        rows = self.meta["grid"][0] if whole_column else 1
        pitch = (self.meta["panel"][1] * rows * 72 - reserve_pt) / max(n, 1)
        size = min(self.pt(kind), pitch * 0.9)
        if size < layout.MIN_PT:
            raise layout.LayoutError(f"{n} labels need {n * layout.MIN_PT / 0.9 + reserve_pt:.0f} pt of height")
        return round(size, 2)

    def legend(self, ax, handles=None, labels=None, **kw):
        """A legend inside the plot, in the house style."""
        kw.setdefault("fontsize", self.pt("legend"))
        kw.setdefault("handlelength", 1.2)
        kw.setdefault("handletextpad", 0.4)
        kw.setdefault("borderaxespad", 0.2)
        if handles is not None:
            kw["handles"] = handles
        if labels is not None:
            kw["labels"] = labels
        return ax.legend(**kw)

    def top_legend(self, fig, ax, handles=None, labels=None, span: float = 1.0):
        """A legend in a row (or rows) above the plot, as many columns as the width holds; the layout makes room
        for it, so it never covers the chart or the source line."""
        if handles is None:
            handles, labels = ax.get_legend_handles_labels()
        size = self.pt("legend")
        width = self.meta["panel"][0] * 72 * span - 40
        fig.draw_without_rendering()  # the legend starts at the plot's left edge, after the tick labels
        width = min(width, (1 - ax.get_position().x0) * self.width * 72 - 24)
        widest = max(layout.text_width(str(l), size) for l in labels) + size * 3.2
        ncols = max(1, min(len(labels), int(width // widest)))
        return ax.legend(handles, labels, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=ncols, fontsize=size,
                         handlelength=1.2, handletextpad=0.4, columnspacing=1.0, borderaxespad=0.3, borderpad=0.1,
                         frameon=False)

    def wrap_titles(self, fig, axes) -> None:
        """Panel titles wrapped to the width of their panel as laid out."""
        fig.draw_without_rendering()
        for ax in axes:
            width = ax.get_position().width * self.width * 72
            for title in (ax.title, ax._left_title, ax._right_title):
                if title.get_text():
                    lines = []
                    for part in title.get_text().split("\n"):
                        lines += layout.wrap(part, width, title.get_fontsize())
                    title.set_text("\n".join(lines))

    def room_for_labels(self, fig, ax, longest: str, top: float, size: float | None = None, axis: str = "x") -> None:
        """Extend the value axis so that a label `longest` placed after a bar of value `top` stays in the plot."""
        fig.draw_without_rendering()
        box = ax.get_position()
        extent = (box.width * self.width if axis == "x" else box.height * self.height) * 72
        need = layout.text_width(longest, size or self.pt("small")) + 8
        share = min(0.6, need / max(extent, 1))
        (ax.set_xlim if axis == "x" else ax.set_ylim)(0, top / (1 - share))


# A credit line names who published the figures, not where the project read them: a copy, a mirror, an aggregator
# or a source its note calls weak is not named (it counts among "others"; every source is listed in full with the
# chart's data and in the catalogue); a relay ("via ...", "citing ...", a bracketed domain) is cut to the publisher.
COPY_RE = re.compile(r"mirror of|copy of|machine-paraphrased|aggregator", re.IGNORECASE)
RELAY_RE = re.compile(r"\s+via\s.*$|,\s*citing\s.*$|\s+[—–]\s.*$")
BRACKETS_RE = re.compile(r"\s*\([^)]*\)")
CREDIT_NAMES = 3  # publishers named on a credit line; the rest are "and N others"


def credit_name(publisher: str, note: str = "") -> str | None:
    """A publisher as a printed credit names it ('Constitutional Council of Kazakhstan (ksrk.gov.kz)' ->
    'Constitutional Council of Kazakhstan'; 'X (via proxy mirror y.com)' -> 'X'), or None for a copy, a mirror,
    an aggregator or a source its note calls weak."""
    if COPY_RE.search(publisher) or str(note).lower().startswith("weak"):
        return None
    return BRACKETS_RE.sub("", RELAY_RE.sub("", str(publisher))).strip() or None


def credit_publishers(source_ids) -> tuple[list[str], int]:
    """(the publishers a credit line names, primary sources first, at most CREDIT_NAMES; how many others)."""
    from .datasets import load
    sources = load("sources").set_index("source_id")
    ids = list(dict.fromkeys(source_ids))
    source_publishers(ids)  # an unknown id is refused by name
    ids.sort(key=lambda sid: sources.at[sid, "kind"] != "primary")  # stable: the exhibit's order within each kind
    named, unnamed = [], set()
    for sid in ids:
        publisher, note = sources.at[sid, "publisher"], sources.at[sid, "note"]
        name = credit_name(publisher, "" if pd.isna(note) else note)
        if name is None:
            unnamed.add(publisher)
        elif name not in named:
            named.append(name)
    if not named:  # only copies: name what they are copies of rather than print nothing
        named = list(dict.fromkeys(BRACKETS_RE.sub("", p).strip() for p in sorted(unnamed)))
        unnamed = set()
    return named[:CREDIT_NAMES], len(named[CREDIT_NAMES:]) + len(unnamed)


def source_line(source_ids, extra: str = "") -> str:
    """'Sources: A; B and 2 others. Chart: Kazakhstan's constitutional reform in numbers.' from source ids."""
    from .i18n import tr
    named, others = credit_publishers(source_ids)
    label = tr("Sources") if len(named) + others > 1 else tr("Source")
    names = "; ".join(named)
    if others:
        names = tr("{names} and 1 other", names=names) if others == 1 else \
            tr("{names} and {n} others", names=names, n=others)
    text = f"{label}: {names}."
    if extra:
        text += f" {extra}"
    return text + " " + tr("Chart: Kazakhstan's constitutional reform in numbers.")
