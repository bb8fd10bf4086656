"""Words for numbers, hedges, dates and ratios, and text from data made safe for Markdown and HTML.

One formatter per kind, used by every chart, table, alt text, ledger entry and README sentence, so one
quantity reads the same everywhere. Hedged values (kzreform.hedges) are shown at their precision and with
the hedge the arithmetic gave them.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import i18n
from .escape import html_text, md  # noqa: F401  (re-exported: one place for all wording)
from .hedges import Hedged

# The hedge the arithmetic gave (kzreform.hedges) -> the words a reader sees: an upper bound is "at most" (never
# "less than", which reads as "fewer"), an approximate bound "at least about" / "at most about" (never "less than
# about"). Published values keep the words they were published with (see published()).
SAID = {"exact": "exact", "about": "about", "more than": "more than", "at least": "at least", "less than": "at most",
        "up to": "at most", "more than about": "at least about", "at least about": "at least about",
        "less than about": "at most about", "up to about": "at most about"}
BOUND_SIG = 2  # a bound is said at two significant figures at most, rounded toward safety


# --- numbers ---------------------------------------------------------------------------------------

def number(x: float, decimals: int | None = None) -> str:
    """12345.6 -> '12,346'; 9.49 -> '9.5'; 0.0421 -> '0.042' (three significant figures below 100)."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "–"
    if decimals is not None:
        return i18n.localise_number(f"{x:,.{decimals}f}")
    if abs(x) >= 100 or float(x).is_integer():
        return i18n.localise_number(f"{x:,.0f}")
    digits = max(0, 2 - math.floor(math.log10(abs(x)))) if x else 0
    return i18n.localise_number(f"{x:,.{digits}f}".rstrip("0").rstrip("."))


def count(n) -> str:
    """A count with thousands separators: 11734642 -> '11,734,642'."""
    return "–" if n is None or pd.isna(n) else i18n.localise_number(f"{int(n):,}")


def sentence_case(text: str) -> str:
    """A label as the house writes it: its first letter a capital ('resolutions, Jun 2023' -> 'Resolutions, Jun
    2023'), the rest as written (names keep their own capitals; any language)."""
    return text[:1].upper() + text[1:]


def signed(n) -> str:
    """A change with its sign: 6 -> '+6', -5 -> '−5' (a minus sign, not a hyphen), 0 -> '0'."""
    if n is None or pd.isna(n):
        return "–"
    text = count(abs(n))
    return text if n == 0 else ("+" if n > 0 else "\u2212") + text


def pct(x: float, decimals: int = 1) -> str:
    """A percentage: 52.518 -> '52.5%'."""
    return "–" if x is None or pd.isna(x) else i18n.localise_number(f"{x:.{decimals}f}") + i18n.percent_sign()


def _parts(h: Hedged, decimals: int | None = None) -> tuple[str, str]:
    """(the hedge in words, the value at what a reader needs) of a hedged value: a bound at two significant
    figures, rounded toward safety (an exact figure used as a bound too, so "at least 0.9997" reads "at least
    0.99", never "at least 1"); a floor or ceiling on a count per year in whole units where it is one or more."""
    from .hedges import round_sig
    said = SAID[h.qualifier]
    if h.bound in ("lower", "upper"):
        value = round_sig(h.value, min(h.sig or BOUND_SIG, BOUND_SIG), h.bound) if h.value else 0.0
        if h.over is not None and abs(value) >= 1:  # a count per year: whole units, still toward safety
            value = math.floor(value + 1e-9) if h.bound == "lower" else math.ceil(value - 1e-9)
        return said, number(value, decimals)
    return said, number(h.rounded(), decimals if h.sig is None else None)


def pct_g(x: float, compact: bool = False) -> str:
    """A rule's percentage as written in law: 7 -> '7%', 0.5 -> '0.5%' (no trailing zeros); compact: no space
    before the sign even where the locale puts one (a label between two close lines)."""
    return i18n.localise_number(f"{x:g}") + ("%" if compact else i18n.percent_sign())


def hedged(h: Hedged, decimals: int | None = None) -> str:
    """A hedged value in words at what a reader needs: 'about 6,000', 'at most 5.3', 'more than 4,600', '27.5';
    a ratio of two minimums 'on the published minimums, about 550'."""
    if h.minimums:
        return i18n.tr("on the published minimums, about {value}", value=number(_minimums_ratio(h)))
    if h.bound == "none":
        return i18n.tr("undetermined")
    q, value = _parts(h, decimals)
    return value if q == "exact" else i18n.tr(f"{q} {{value}}", value=value)


def _minimums_ratio(h: Hedged) -> float:
    from .hedges import round_sig
    return round_sig(h.value, BOUND_SIG)


def published(value, qualifier: str = "exact", decimals: int | None = None) -> str:
    """A value as published, in the words it was published with: 'more than 5,000', 'about 13,000', 'less than
    5', 'almost 70', '74' (shown as published, not re-rounded)."""
    h = Hedged.published(value, qualifier)
    if qualifier == "exact":
        return number(h.value, decimals)
    return i18n.tr(f"{qualifier} {{value}}", value=number(h.value, decimals))


def times(h: Hedged) -> str:
    """A ratio in words: 'about 490 times', 'at most 5.3 times', 'on the published minimums, about 550 times'."""
    if h.minimums:
        return i18n.tr("on the published minimums, about {value} times", value=number(_minimums_ratio(h)))
    if h.bound == "none":
        return i18n.tr("an undetermined multiple")
    q, value = _parts(h)
    return i18n.tr("{value} times" if q == "exact" else f"{q} {{value}} times", value=value)


def times_short(h: Hedged) -> str:
    """A ratio for a label, still in words: 'about 490×', 'at most 5.3×', 'about 550× on the published minimums'
    (no signs a reader has to decode)."""
    if h.minimums:
        return i18n.tr("about {value}× on the published minimums", value=number(_minimums_ratio(h)))
    return hedged(h) + "×"


def short(h: Hedged) -> str:
    """A hedged value for a tight label, in words as everywhere else: 'more than 4,600', 'about 6,000', '27.5'."""
    return hedged(h)


def _over_the_period(h: Hedged, noun: str = "") -> str | None:
    """A floor on a count under one a year, said over the whole period with the total as published ('more than
    200 appeals in 27 years'); None for any other value."""
    if h.over is None or h.bound != "lower" or h.value >= 1:
        return None
    total, years = h.over
    return i18n.tr("{value} in {years} years", value=hedged(Hedged(total, "lower", h.strict, h.approx, h.sig))
                   + (f" {noun}" if noun else ""), years=number(round(years, 1)))


def a_year(h: Hedged, noun: str = "") -> str:
    """A count per year with its hedge: 'more than 7 appeals a year'; a floor under one a year is said over the
    whole period instead: 'more than 200 appeals in 27 years'."""
    return _over_the_period(h, noun) or i18n.tr("{value} a year", value=hedged(h) + (f" {noun}" if noun else ""))


def rate(h: Hedged) -> str:
    """A count per year for a 'per year' column: 'more than 7'; a floor under one a year over its whole period."""
    return _over_the_period(h) or hedged(h)


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 list', '6 lists' (English only: other editions word their counts in the template)."""
    return f"{n} {singular if n == 1 else (plural_form or singular + 's')}"


def series(items) -> str:
    """Values in a row: '1.3, 1.6, 2.1' ('1,3; 1,6; 2,1' where the decimal sign is a comma)."""
    return ("; " if i18n.localise_number(".") == "," else ", ").join(items)


def listing(items) -> str:
    """'a', 'a and b', 'a, b and c'."""
    items = list(items)
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + i18n.tr(" and ") + items[-1]


# --- dates -----------------------------------------------------------------------------------------

def day(ts, year: bool = True) -> str:
    """A date in words, '5 June 2022' (portable: no platform-specific strftime flags)."""
    if ts is None or pd.isna(ts):
        return i18n.tr("undated")
    return i18n.date_words(pd.Timestamp(ts).date(), year)


def iso(ts) -> str:
    """'2023-08-31', or '' for a missing date (for CSV files)."""
    return "" if ts is None or pd.isna(ts) else f"{pd.Timestamp(ts):%Y-%m-%d}"


def month_year(ts, full: bool = False) -> str:
    """'Aug 2023' ('August 2023' with full)."""
    return i18n.month_year(pd.Timestamp(ts).date(), full)


def span(start, end) -> str:
    """'1996–2016', or 'Jan–Aug 2023' within one year."""
    start, end = pd.Timestamp(start), pd.Timestamp(end)
    return i18n.span(start.date(), end.date(), start.year == end.year)


def label(code: str) -> str:
    """A snake_case code as words: 'criminal_procedure' -> 'criminal procedure'."""
    return str(code).replace("_", " ")


def words(code: str) -> str:
    """A code as words a table shows, in sentence case: the label catalogue's words where it has some
    ('senate_chair' -> 'The chair of the Senate'), else the code's own ('appeals_noncompliant_pct' -> 'Appeals
    noncompliant, %')."""
    try:
        text = term(code)
    except i18n.MissingTranslation:
        text = label(code)
        text = text[:-4] + ", %" if text.endswith(" pct") else text
    return text[:1].upper() + text[1:]


def _codes() -> dict[str, str]:
    """{code: English words} from the label catalogue (kzreform/locales/strings.csv): a row whose note opens with
    'code: <code>' gives the words for that code in its key (the English side), its Russian and Kazakh beside."""
    import csv
    global _CODES
    if _CODES is None:
        with open(i18n.CATALOGUE, encoding="utf-8", newline="") as f:
            _CODES = {row["note"].split()[1]: row["key"] for row in csv.DictReader(f)
                      if (row.get("note") or "").startswith("code: ")}
    return _CODES


_CODES = None


def term(code: str) -> str:
    """A code as the words a reader sees, from the one label catalogue, in the current language: 'senate_chair'
    -> 'the chair of the Senate' (a row whose note is 'code: senate_chair'); 'criminal_procedure' -> 'criminal
    procedure' (a key of the catalogue). A code the catalogue does not word is refused, never shown as it is."""
    words = _codes().get(code)
    if words is None and label(code) in i18n.catalogue():  # a code whose words are themselves a catalogue key
        words = label(code)
    if words is None:
        raise i18n.MissingTranslation(f"no words for the code {code!r} in kzreform/locales/strings.csv (add a row "
                                      f"whose note is 'code: {code}')")
    return i18n.tr(words)


def terms(codes) -> list[str]:
    """Codes as words in the order given, two that the catalogue words together ('a+b') merged into one item."""
    codes, out = list(codes), []
    while codes:
        pair = "+".join(codes[:2])
        if len(codes) > 1 and pair in _codes():
            out.append(term(pair))
            codes = codes[2:]
        else:
            out.append(term(codes.pop(0)))
    return out


def semicolon_list(text: str) -> str:
    """A cell that lists items with ';' as prose: 'women; persons under 29; persons with disabilities' ->
    'women, persons under 29 and persons with disabilities'."""
    return listing([x.strip() for x in str(text).split(";") if x.strip()])


def bound_day(ts) -> str:
    """A date the project set as an upper bound (the last day of a month a source names, for example), said as a
    bound: 'by the end of August 2023 at the latest', 'by 20 June 2023 at the latest'."""
    ts = pd.Timestamp(ts)
    if ts.is_month_end:
        return i18n.tr("by the end of {month} at the latest", month=month_year(ts, full=True))
    return i18n.tr("by {day} at the latest", day=day(ts))


# --- tables for readers ----------------------------------------------------------------------------

def cell(value, decimals: int | None = None) -> str:
    """One table cell for a reader: '–' for missing, separators for numbers, dates in words."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return "–"
    if isinstance(value, pd.Timestamp):
        return day(value)
    if isinstance(value, (bool, np.bool_)):  # numpy's booleans too: never "1"
        return "yes" if value else "no"
    if isinstance(value, (int,)) or (hasattr(value, "is_integer") and decimals is None and float(value).is_integer()
                                      and abs(value) >= 1):
        return f"{int(value):,}"
    if isinstance(value, float) or hasattr(value, "dtype"):
        return number(float(value), decimals)
    return str(value)


def table(df: pd.DataFrame, labels: dict | None = None, index: str | None = None,
          decimals: dict | None = None) -> pd.DataFrame:
    """A table for readers: human column labels (labels: column -> label; other columns dropped when given),
    every cell as text ('–' where missing), numbers at their precision with separators, a meaningful index."""
    labels = labels or {c: words(c) for c in df.columns}
    decimals = decimals or {}
    out = pd.DataFrame({lab: [cell(v, decimals.get(col)) for v in df[col]] for col, lab in labels.items()})
    if index:
        out = out.set_index(labels.get(index, index))
    else:  # no row numbers: a number that says nothing is not shown
        out.index = pd.Index([""] * len(out))
    return out
