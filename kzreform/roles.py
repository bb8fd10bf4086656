"""Colour roles of the house style: one meaning per colour across all charts (Okabe-Ito based).

Kept apart from kzreform.charts so that the figure catalogue can print the table without importing
matplotlib. Every pair of roles shown together stays distinguishable under simulated deuteranopia and
protanopia (tests/test_charts.py).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Role:
    colour: str
    meaning: str
    hatch: str = ""


# One meaning per colour, in every chart (printed in the figure catalogue).
ROLES = {
    "court": Role("#0072B2", "the Constitutional Court (2023–)"),
    "council": Role("#E69F00", "the Constitutional Council (1995–2022)"),
    "national": Role("#000000", "a national figure (Kazakhstan as a whole)"),
    "emphasis": Role("#4D4D4D", "the units, parties or values a title names"),
    "context": Role("#A6A6A6", "other units, parties or values, for context"),
    "missing": Role("#D9D9D9", "not found, unknown or not checkable", "////"),
    "election_2016": Role("#882E72", "the 2016 Mazhilis election"),
    "election_2021": Role("#CC79A7", "the 2021 Mazhilis election"),
    "election_2023": Role("#56B4E9", "the 2023 Mazhilis election"),
    "referendum_2022": Role("#9E9AC8", "the 2022 referendum (an earlier vote)"),
    "referendum_2026": Role("#54278F", "the 2026 referendum"),
    "consistent": Role("#009E73", "verdict: consistent with the data"),
    "consistent_with_caveat": Role("#A6DBA0", "verdict: consistent, with a caveat"),
    "misleading_comparison": Role("#F0E442", "verdict: misleading comparison"),
    "not_consistent": Role("#D55E00", "verdict: not consistent with the data"),
    "text_kept": Role("#08306B", "the Constitution's text: an article kept word for word"),
    "text_edited": Role("#4292C6", "the Constitution's text: an article edited (at least half its words kept)"),
    "text_rewritten": Role("#BDD7EE", "the Constitution's text: an article rewritten (less than half its words kept)"),
    "text_new": Role("#F28E2B", "the Constitution's text: a new article"),
    "text_removed": Role("#B2182B", "the Constitution's text: an article dropped"),
}
# Marks rather than colours: these combine with the role colour of what they mark.
MARKS = {
    "exact": "filled circle: an exact count",
    "about": "hollow circle: a value published as 'about'",
    "more than": "upward triangle: a value published as 'more than' (a lower bound)",
    "counterfactual": "a bar drawn as a dark-grey outline: what another rule would have given",
    "later date": "a bar hatched in its own colour on white: the same body or chamber at a later date",
    "preliminary": "hollow square, and 'preliminary' in the legend: a figure from before the final count",
    "final": "filled square: a final figure, where preliminary ones are shown beside it",
    "missing": "hatched grey: not found, unknown or not checkable",
    "part year": "a hatched bar in its own colour: a period shorter than the year it is labelled with",
}

# Legibility minimums of the house style (kzreform.layout.legibility; printed in the figure catalogue): a size at
# which a plot area is smaller or a bar thinner is refused by `figures`, which names the smallest size that works.
MIN_PLOT_CM = 2.5   # every plot area at least this tall and wide (the desk found 1-2 cm plots unreadable)
MIN_BAR_MM = 1.2    # every bar at least this thick: a mark, not a hairline
