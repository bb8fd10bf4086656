"""Every published figure, by name: the notebook it belongs to and the code that draws it from data/.

The notebooks and `python -m kzreform figures` call the same chart functions, so a figure re-rendered
at another size or resolution is the same exhibit.
"""

from __future__ import annotations

from pathlib import Path

from . import charts, claims, court, elections, referendums, rulings
from .datasets import load

FORMATS = ("png", "svg", "pdf")


def _elections():
    return tuple(load(n) for n in ("mazhilis_results", "mazhilis_totals", "mazhilis_rules"))


def _referendums():
    return tuple(load(n) for n in ("referendum_results", "referendum_regions", "referendum_turnout_hourly", "regions"))


ELECTION_DATES = ["2016-03-20", "2021-01-10", "2023-03-19"]

EXHIBITS = {
    "court_appeals_cumulative": ("01_court_caseload", lambda: court.cumulative_chart(load("court_caseload"))),
    "court_council_rates": ("01_court_caseload",
                            lambda: court.rates_chart(court.comparisons(load("court_caseload")))),
    "court_appeals_per_100k": ("01_court_caseload", lambda: court.scale_chart(court.per_100k(
        load("court_comparisons"), load("population"), load("court_caseload")))),
    "court_rulings_coverage": ("02_court_rulings", lambda: rulings.coverage_chart(load("court_rulings"))),
    "court_rulings_areas": ("02_court_rulings", lambda: rulings.areas_chart(load("court_rulings"))),
    "claims_verdicts": ("05_claims_check", lambda: claims.verdicts_chart(claims.ledger())),
    "referendum_denominators": ("03_referendums", lambda: referendums.denominators_chart(_referendums()[0])),
    "referendum_2022_turnout_by_region": ("03_referendums", lambda: (lambda r, g, h, rg: referendums
                                          .turnout_ranked_chart(h, rg, r))(*_referendums())),
    "referendum_turnout_map": ("03_referendums", lambda: (lambda r, g, h, rg: referendums.tile_map_chart(
        h, rg, [("2022-06-05", "22:00"), ("2026-03-15", "18:00")]))(*_referendums())),
    "referendum_2022_turnout_through_the_day": ("03_referendums", lambda: (lambda r, g, h, rg: referendums
                                                .turnout_day_chart(h, rg))(*_referendums())),
    "referendum_2022_yes_by_region": ("03_referendums", lambda: (lambda r, g, h, rg: referendums
                                      .regional_yes_chart(g, rg, h, r))(*_referendums())),
    "mazhilis_seats_counterfactual": ("04_mazhilis_elections", lambda: elections.seats_chart(
        *_elections(), "2023-03-19", "2021-01-10")),
    "mazhilis_thresholds": ("04_mazhilis_elections", lambda: elections.threshold_chart(*_elections(), ELECTION_DATES)),
    "mazhilis_indices": ("04_mazhilis_elections", lambda: elections.indices_chart(*_elections()[:2], ELECTION_DATES)),
}


def default_out() -> Path:
    """Where `figures` writes unless told otherwise: reports/figures in the project (never figures/)."""
    from . import paths
    return paths.REPORTS / "figures"


def listing() -> list[dict]:
    """Every exhibit with its notebook and its title as last rendered."""
    from . import catalogue
    titles = {e["name"]: e["title"] for e in catalogue.figure_entries()}
    return [{"name": n, "notebook": nb, "title": titles.get(n, "(not yet rendered)")} for n, (nb, _) in EXHIBITS.items()]


class ExportError(ValueError):
    """A request the figures command cannot meet (unknown name or format); exit status 2."""


def check_request(names, formats) -> tuple[list[str], list[str]]:
    unknown = [n for n in names if n not in EXHIBITS]
    if unknown:
        raise ExportError(f"no figure named {', '.join(map(repr, unknown))} (see `python -m kzreform figures --list`)")
    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ExportError(f"unknown format {', '.join(map(repr, bad))} (expected some of: {', '.join(FORMATS)})")
    return list(names) or list(EXHIBITS), list(formats)


def render(name: str, formats=FORMATS, dpi: int = charts.DPI, width: float | None = None,
           height: float | None = None, out: Path = Path(".")) -> list[Path]:
    """Draw one figure from data/ and write it to `out` in the given formats; return the paths written."""
    import matplotlib.pyplot as plt
    from .fileio import write_bytes_atomic
    notebook, draw = EXHIBITS[name]
    charts.use_house_style(notebook)
    with charts.size(width, height):
        fig, data = draw()
    written = []
    for fmt in formats:
        path = Path(out) / f"{name}.{fmt}"
        write_bytes_atomic(path, charts._render(fig, fmt, dpi))
        written.append(path)
    plt.close(fig)
    return written
