"""Figure files: the bytes of a figure in each format and the files of an exhibit.

save_figure() writes PNG (200 dpi), SVG, PDF, the CSV of exactly the numbers plotted and a JSON catalogue
entry, each atomically and byte-identical from run to run, with the title and alt text inside each file
(SVG <title> and <desc>, PDF Title and Subject, PNG text chunks); save_table() writes a table exhibit's CSV and
entry; render() gives one format's bytes (for `figures` and the reports); caption() the words a chart in caption
mode leaves off its image.
"""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path
from xml.sax.saxutils import escape

import matplotlib.pyplot as plt
import pandas as pd

from . import paths
from .charts import DPI, NAME_RE, PROJECT, source_line
from .datasets import source_publishers
from .fileio import write_bytes_atomic, write_text_atomic


def figures_dir() -> Path:
    """Where figures go: figures/, or the runner's staging folder while a notebook executes."""
    return Path(os.environ.get("KZREFORM_FIGURES_DIR") or paths.FIGURES)


def _svg_with_title(svg: bytes, title: str, alt: str) -> bytes:
    """Add <title> and <desc> as the first children of <svg>, for screen readers and for a file passed on."""
    text = svg.decode("utf-8")
    start = text.index("<svg")
    end = text.index(">", start) + 1
    opening = text[start:end]
    if "role=" not in opening:
        opening = opening[:-1] + ' role="img" aria-labelledby="kz-title kz-desc">'
    inserted = f'\n <title id="kz-title">{escape(title)}</title>\n <desc id="kz-desc">{escape(alt)}</desc>'
    return (text[:start] + opening + inserted + text[end:]).encode("utf-8")


def freeze_layout(fig) -> None:
    """Lay the figure out once and keep that layout for every format (the same positions in PNG, SVG and PDF,
    and one layout pass instead of one per file)."""
    engine = fig.get_layout_engine()
    if engine is not None and engine.__class__.__name__ != "PlaceHolderLayoutEngine":
        dpi = fig.dpi
        fig.set_dpi(DPI)  # laid out at the resolution of the PNG
        fig.draw_without_rendering()
        fig.set_layout_engine("none")
        fig.set_dpi(dpi)


def render(fig, fmt: str, dpi: int = DPI, title: str = "", alt: str = "") -> bytes:
    """The figure's bytes in one format, with title and alt text inside, and nothing that changes between runs."""
    metadata = {"png": {"Software": None, "Title": title, "Description": alt, "Author": PROJECT},
                "svg": {"Date": None, "Creator": None, "Title": title, "Description": alt},
                "pdf": {"Creator": None, "Producer": None, "CreationDate": None, "ModDate": None, "Title": title,
                        "Subject": alt, "Author": PROJECT, "Keywords": "Kazakhstan; constitutional reform; kzreform"},
                }[fmt]
    freeze_layout(fig)
    buf = io.BytesIO()
    with plt.rc_context({"svg.hashsalt": "kzreform"}):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    data = buf.getvalue()
    return _svg_with_title(data, title, alt) if fmt == "svg" else data


def csv_bytes(data: pd.DataFrame) -> bytes:
    """The numbers plotted, as CSV with LF line endings and no index; text that a spreadsheet would run as a
    formula is prefixed with an apostrophe so it stays text."""
    safe = data.copy()
    for column in safe.columns:
        if safe[column].dtype == object or str(safe[column].dtype).startswith("str"):
            safe[column] = safe[column].map(_formula_safe)
    return safe.to_csv(index=False, lineterminator="\n").encode("utf-8")


def _formula_safe(value):
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and \
            not re.fullmatch(r"[+-]?[0-9]+(\.[0-9]+)?", value):
        return "'" + value
    return value


def caption(meta: dict, alt: str) -> str:
    """The words a chart in caption mode leaves off its image, ready to paste under it."""
    from .i18n import tr
    return (f"{meta['title']}.\n\n{meta['subtitle']}\n\n{source_line(meta['sources'], meta.get('note', ''))}\n\n"
            + tr("Alt text: {alt}", alt=alt) + "\n")


def check_alt(alt: str) -> None:
    if not alt or len(alt) > 400:
        raise ValueError("alt text must be one sentence (1-400 characters) saying what the figure shows")


def entry(name: str, notebook: str, meta: dict, alt: str, data: pd.DataFrame, kind: str = "chart") -> dict:
    """The catalogue entry of an exhibit (figures/NAME.json)."""
    out = {"name": name, "title": meta["title"], "subtitle": meta["subtitle"], "alt": alt, "notebook": notebook,
           "sources": list(dict.fromkeys(meta["sources"])), "publishers": source_publishers(meta["sources"]),
           "columns": list(map(str, data.columns))}
    if kind != "chart":
        out["kind"] = kind
    return out


def save_figure(fig, name: str, data: pd.DataFrame, alt: str, notebook: str, out: Path | None = None, *,
                meta: dict) -> bytes:
    """Write NAME.png (200 dpi), .svg, .pdf, .csv (the numbers plotted) and .json (catalogue entry); return the PNG.
    `meta` is the canvas's record of the figure (Canvas.meta after Canvas.figure).

    Each file is written atomically and is byte-identical across runs.
    """
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"figure name {name!r} must be snake_case letters and digits, e.g. 'court_appeals'")
    if not {"title", "subtitle", "sources"} <= set(meta):
        raise ValueError("save_figure expects a figure made by kzreform.charts.Canvas.figure and that canvas's meta")
    check_alt(alt)
    out = Path(out) if out else figures_dir()
    rendered = {fmt: render(fig, fmt, DPI, meta["title"], alt) for fmt in ("png", "svg", "pdf")}
    for fmt, data_bytes in rendered.items():
        write_bytes_atomic(out / f"{name}.{fmt}", data_bytes)
    write_bytes_atomic(out / f"{name}.csv", csv_bytes(data))
    write_text_atomic(out / f"{name}.json", json.dumps(entry(name, notebook, meta, alt, data), indent=2,
                                                      ensure_ascii=False) + "\n")
    return rendered["png"]


def save_table(name: str, data: pd.DataFrame, title: str, description: str, sources, notebook: str,
               out: Path | None = None) -> None:
    """Write a table exhibit, NAME.csv and its catalogue entry NAME.json, atomically and deterministically."""
    if not NAME_RE.fullmatch(name):
        raise ValueError(f"table name {name!r} must be snake_case letters and digits")
    out = Path(out) if out else figures_dir()
    meta = {"title": title, "subtitle": description, "sources": list(dict.fromkeys(sources))}
    write_bytes_atomic(out / f"{name}.csv", csv_bytes(data))
    write_text_atomic(out / f"{name}.json", json.dumps(entry(name, notebook, meta, description, data, "table"),
                                                      indent=2, ensure_ascii=False) + "\n")
