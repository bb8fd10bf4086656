"""House style and figure export: figure() draws the frame, save_figure() writes PNG, SVG, PDF and CSV.

Every figure states its finding in the title, its measure and unit in the subtitle, and its sources
(publishers, looked up from data/sources.csv) in the bottom line.
"""

from __future__ import annotations

import io
import json
import os
import re
import textwrap
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd

from . import paths
from .datasets import source_publishers
from .fileio import write_bytes_atomic, write_text_atomic

PROJECT = "kzreform: Kazakhstan constitutional reform in numbers"

# Okabe & Ito (2008), colour-blind-safe.
OKABE_ITO = {"black": "#000000", "orange": "#E69F00", "sky_blue": "#56B4E9", "green": "#009E73",
             "yellow": "#F0E442", "blue": "#0072B2", "vermillion": "#D55E00", "purple": "#CC79A7"}
ACCENT = OKABE_ITO["blue"]
SECOND = OKABE_ITO["orange"]
CONTEXT = "#9B9B9B"
LIGHT = "#D9D9D9"
TEXT = "#222222"
MUTED = "#5A5A5A"

WIDTH_IN, HEIGHT_IN = 6.5, 4.0
DPI = 200
NAME_RE = re.compile(r"[a-z0-9]+(_[a-z0-9]+)*")

# Marker per published qualifier: an exact count is a filled dot; hedged values are drawn as hedged.
QUALIFIER_MARKERS = {"exact": ("o", "full"), "about": ("o", "none"), "more than": ("^", "full"),
                     "at least": ("^", "full"), "almost": ("v", "none"), "less than": ("v", "full"),
                     "up to": ("v", "full")}

STYLE = {
    "font.family": "DejaVu Sans",
    "font.size": 9,
    "axes.titlesize": 9,
    "axes.labelsize": 8.5,
    "axes.labelcolor": MUTED,
    "axes.edgecolor": MUTED,
    "axes.linewidth": 0.8,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": True,
    "axes.grid.axis": "y",
    "axes.axisbelow": True,
    "grid.color": "#E6E6E6",
    "grid.linewidth": 0.7,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "xtick.labelsize": 8,
    "ytick.labelsize": 8,
    "legend.frameon": False,
    "legend.fontsize": 8,
    "figure.dpi": 100,
    "figure.facecolor": "white",
    "figure.edgecolor": "white",
    "savefig.facecolor": "white",
    "savefig.edgecolor": "white",
    "savefig.dpi": DPI,
    "svg.hashsalt": "kzreform",
    "svg.fonttype": "path",
    "text.parse_math": False,  # text from data is drawn as written: "$5 and KZT 10$" stays text, never maths
    "text.usetex": False,
    "pdf.fonttype": 42,
    "path.simplify": False,
    "axes.prop_cycle": __import__("cycler").cycler(color=[OKABE_ITO[c] for c in (
        "blue", "orange", "green", "vermillion", "sky_blue", "purple", "yellow", "black")]),
}

_notebook = {"name": ""}
_size: dict = {}  # width/height set by `size()` for re-rendering at another size


class size:
    """Context: every figure() inside is drawn at this width and/or height (inches)."""

    def __init__(self, width: float | None = None, height: float | None = None):
        self.new = {k: v for k, v in (("width", width), ("height", height)) if v is not None}

    def __enter__(self):
        self.old = dict(_size)
        _size.update(self.new)

    def __exit__(self, *exc):
        _size.clear()
        _size.update(self.old)


def use_house_style(notebook: str = "") -> None:
    """Apply the house style; name the notebook whose figures follow (recorded in the catalogue)."""
    plt.rcParams.update(STYLE)
    _notebook["name"] = notebook


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) if text else []


def source_line(source_ids, extra: str = "") -> str:
    """'Source: A; B. Chart: project' from source ids."""
    publishers = source_publishers(source_ids)
    label = "Sources" if len(publishers) > 1 else "Source"
    text = f"{label}: {'; '.join(publishers)}."
    if extra:
        text += f" {extra}"
    return f"{text} Chart: {PROJECT}."


def figure(title: str, subtitle: str, sources, *, note: str = "", ncols: int = 1, nrows: int = 1,
           width: float = WIDTH_IN, height: float = HEIGHT_IN, **subplot_kw):
    """A figure in the house style with its title, subtitle and source line; returns (fig, axes)."""
    use_house_style(_notebook["name"])
    width, height = _size.get("width", width), _size.get("height", height)
    fig, axes = plt.subplots(nrows, ncols, figsize=(width, height), layout="constrained", **subplot_kw)
    # Characters per line that fit the width at each size (DejaVu Sans; bold is wider).
    title_lines = _wrap(title, int(width * 9.2))
    subtitle_lines = _wrap(subtitle, int(width * 13.5))
    source_lines = _wrap(source_line(sources, note), int(width * 18.5))
    pad = 0.10
    y = height - pad
    x = 0.12 / width
    for line in title_lines:
        fig.text(x, y / height, line, ha="left", va="top", fontsize=12, fontweight="bold", color=TEXT)
        y -= 12 * 1.3 / 72
    y -= 0.03
    for line in subtitle_lines:
        fig.text(x, y / height, line, ha="left", va="top", fontsize=9, color=MUTED)
        y -= 9 * 1.35 / 72
    top = (y - 0.08) / height
    yb = pad * 0.6
    for line in reversed(source_lines):
        fig.text(x, yb / height, line, ha="left", va="bottom", fontsize=6.5, color=MUTED)
        yb += 6.5 * 1.35 / 72
    bottom = (yb + 0.06) / height
    fig.get_layout_engine().set(rect=(0.0, bottom, 1.0, top - bottom), w_pad=0.06, h_pad=0.06)
    fig._kz_meta = {"title": title, "subtitle": subtitle, "sources": list(dict.fromkeys(sources)),
                    "note": note}
    return fig, axes


def figures_dir() -> Path:
    """Where figures go: figures/, or the runner's staging folder while a notebook executes."""
    return Path(os.environ.get("KZREFORM_FIGURES_DIR") or paths.FIGURES)


def _render(fig, fmt: str, dpi: int = DPI) -> bytes:
    metadata = {"png": {"Software": None},
                "svg": {"Date": None, "Creator": None},
                "pdf": {"Creator": None, "Producer": None, "CreationDate": None}}[fmt]
    buf = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "kzreform"}):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue()


def csv_bytes(data: pd.DataFrame) -> bytes:
    """The numbers plotted, as CSV with LF line endings and no index."""
    return data.to_csv(index=False, lineterminator="\n").encode("utf-8")


def save_figure(fig, name: str, data: pd.DataFrame, alt: str, out: Path | None = None) -> None:
    """Write NAME.png (200 dpi), .svg, .pdf, .csv (the numbers plotted) and .json (catalogue entry).

    Each file is written atomically and is byte-identical across runs.
    """
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"figure name {name!r} must be snake_case letters and digits, e.g. 'court_appeals'")
    meta = getattr(fig, "_kz_meta", None)
    if meta is None:
        raise ValueError("save_figure expects a figure made by kzreform.charts.figure (title, subtitle, sources)")
    if not alt or len(alt) > 300:
        raise ValueError("alt text must be one sentence (1-300 characters) saying what the figure shows")
    out = Path(out) if out else figures_dir()
    rendered = {fmt: _render(fig, fmt) for fmt in ("png", "svg", "pdf")}
    for fmt, data_bytes in rendered.items():
        write_bytes_atomic(out / f"{name}.{fmt}", data_bytes)
    write_bytes_atomic(out / f"{name}.csv", csv_bytes(data))
    entry = {"name": name, "title": meta["title"], "subtitle": meta["subtitle"], "alt": alt,
             "notebook": _notebook["name"], "sources": meta["sources"],
             "publishers": source_publishers(meta["sources"]), "columns": list(map(str, data.columns))}
    write_text_atomic(out / f"{name}.json", json.dumps(entry, indent=2, ensure_ascii=False) + "\n")
    _show(fig, rendered["png"])


def save_table(name: str, data: pd.DataFrame, title: str, description: str, sources, out: Path | None = None) -> None:
    """Write a table exhibit, NAME.csv and its catalogue entry NAME.json, atomically and deterministically."""
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"table name {name!r} must be snake_case letters and digits")
    out = Path(out) if out else figures_dir()
    write_bytes_atomic(out / f"{name}.csv", csv_bytes(data))
    entry = {"name": name, "kind": "table", "title": title, "subtitle": description, "alt": description,
             "notebook": _notebook["name"], "sources": list(dict.fromkeys(sources)),
             "publishers": source_publishers(list(dict.fromkeys(sources))), "columns": list(map(str, data.columns))}
    write_text_atomic(out / f"{name}.json", json.dumps(entry, indent=2, ensure_ascii=False) + "\n")


def _show(fig, png: bytes) -> None:
    """In a notebook, show the exported PNG itself (not a second rendering), then close the figure."""
    try:
        from IPython import get_ipython
        shell = get_ipython()
    except ImportError:
        shell = None
    if shell is not None and getattr(shell, "kernel", None) is not None:
        from IPython.display import Image, display
        display(Image(data=png, width=int(fig.get_figwidth() * 100)))
    plt.close(fig)


def date_axis(ax) -> None:
    """Years as major ticks, quarters as minor ticks, labelled like 'Jan 2024'."""
    import matplotlib.dates as mdates
    ax.xaxis.set_major_locator(mdates.YearLocator())
    ax.xaxis.set_minor_locator(mdates.MonthLocator(bymonth=(4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %Y"))


def day(ts, year: bool = True) -> str:
    """A date in words, '5 June 2022' (portable: no platform-specific strftime flags)."""
    ts = pd.Timestamp(ts)
    return f"{ts.day} {ts:%B %Y}" if year else f"{ts.day} {ts:%B}"
