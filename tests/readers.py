"""What a table a reader is shown may not hold: shared by the reports' tests and the notebooks' (issue 23, item 7)."""

from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=1)
def _source_ids() -> frozenset[str]:
    from kzreform.datasets import load
    return frozenset(load("sources")["source_id"])


def table_problems(table) -> list:
    """What is wrong with one parsed HTML table (BeautifulSoup) for a reader: a header row holding only the index's
    name, row numbers, booleans or NaN, code names, ISO dates, source ids, whole numbers without separators."""
    found = []
    head = table.find("thead")
    for row in head.find_all("tr") if head else []:
        cells = [c.get_text().strip() for c in row.find_all("th")]
        if len(cells) > 1 and cells[0] and not any(cells[1:]):
            found.append(("a header row with only the index's name", cells))
    rows = table.find("tbody").find_all("tr") if table.find("tbody") else []
    firsts = [r.find(["th", "td"]).get_text().strip() for r in rows if r.find(["th", "td"])]
    if len(rows) >= 2 and firsts in ([str(i) for i in range(1, len(rows) + 1)], [str(i) for i in range(len(rows))]):
        found.append(("row numbers", firsts[:3]))
    for cell in table.find_all(["td", "th"]):
        text = cell.get_text().strip()
        if text in ("True", "False", "nan", "NaN"):
            found.append(("a boolean or NaN", text))
        if re.fullmatch(r"[a-z][a-z0-9]*(_[a-z0-9]+)+", text):
            found.append(("a code name", text))
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            found.append(("an ISO date (dates in words)", text))
        if text in _source_ids():
            found.append(("a source id (the publisher's name instead)", text))
        if re.search(r"(?<![\d.,/])\d{5,}(?![\d.,])", text) and "/" not in text:
            found.append(("a whole number without thousands separators", text))
    return found
