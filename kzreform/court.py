"""The Constitutional Court's caseload against the Constitutional Council's: rates per year, like for like.

Values keep the qualifier they were published with; a rate or ratio built from a hedged value says so.
"""

from __future__ import annotations

import pandas as pd

from .hedges import Hedged

DAYS_PER_YEAR = 365.25
COURT, COUNCIL = "constitutional_court", "constitutional_council"


def years(start, end) -> float:
    """Length of the period from start to end, both days included, in years of 365.25 days."""
    return ((pd.Timestamp(end) - pd.Timestamp(start)).days + 1) / DAYS_PER_YEAR


def annual_rate(value: float, start, end) -> float:
    """A count over a period, per year."""
    return value / years(start, end)


def with_rates(caseload: pd.DataFrame) -> pd.DataFrame:
    """Caseload rows with the period's length in years and the count per year (counts only)."""
    out = caseload.copy()
    out["years"] = [years(s, e) for s, e in zip(out["period_start"], out["period_end"])]
    out["per_year"] = (out["value"] / out["years"]).where(out["unit"] == "count")
    return out


def series(caseload: pd.DataFrame, body: str, measure: str) -> pd.DataFrame:
    """One body's values of one measure, by cut-off date, with rates per year."""
    rows = caseload[(caseload["body"] == body) & (caseload["measure"] == measure)]
    return with_rates(rows).sort_values(["period_end", "source_id"]).reset_index(drop=True)


def at_or_before(caseload: pd.DataFrame, body: str, measure: str, date) -> pd.Series:
    """The value with the latest cut-off on or before a date."""
    s = series(caseload, body, measure)
    s = s[s["period_end"] <= pd.Timestamp(date)]
    if s.empty:
        raise LookupError(f"no {measure} for {body} on or before {date}")
    return s.iloc[-1]


def compare(label: str, basis: str, court: pd.Series, council: pd.Series) -> dict:
    """One comparison: both sides with their periods and rates, and the ratios of totals and of rates."""
    return {
        "comparison": label, "basis": basis,
        "court_measure": court["measure"], "court_value": court["value"],
        "court_qualifier": court["qualifier"], "court_period_start": court["period_start"],
        "court_period_end": court["period_end"], "court_years": court["years"],
        "court_per_year": court["per_year"], "court_source_id": court["source_id"],
        "council_measure": council["measure"], "council_value": council["value"],
        "council_qualifier": council["qualifier"], "council_period_start": council["period_start"],
        "council_period_end": council["period_end"], "council_years": council["years"],
        "council_per_year": council["per_year"], "council_source_id": council["source_id"],
        "ratio_of_totals": court["value"] / council["value"],
        "ratio_of_rates": court["per_year"] / council["per_year"],
        "ratio_qualifier": rate_ratio(court, council).qualifier,
    }


def hedged(row: pd.Series, column: str = "value", prefix: str = "") -> Hedged:
    """A row's published value (or a value derived from it, such as per_year) with its hedge."""
    return Hedged.published(row[prefix + column], row[prefix + "qualifier"]) if column == "value" else \
        Hedged.published(row[prefix + "value"], row[prefix + "qualifier"]) / row[prefix + "years"]


def rate_ratio(court: pd.Series, council: pd.Series, court_prefix: str = "", council_prefix: str = "") -> Hedged:
    """Court per year / Council per year, with the hedge and precision the published values allow."""
    return hedged(court, "per_year", court_prefix) / hedged(council, "per_year", council_prefix)


# A lifetime figure counts from the body's start; the Council's sources count from its creation
# (30 August 1995) or from its first working month (January 1996).
LIFETIME_START_BY = {COURT: "2023-01-01", COUNCIL: "1996-01-01"}
LABELS = {COURT: "Constitutional Court", COUNCIL: "Constitutional Council"}


def cumulative(caseload: pd.DataFrame, body: str = COURT, measure: str = "appeals_received") -> pd.DataFrame:
    """Dated running totals since the body started, one row per cut-off and source, with rates per year."""
    s = series(caseload, body, measure)
    lifetime = s["period_start"] <= pd.Timestamp(LIFETIME_START_BY[body])
    return s[lifetime & s["period_end"].notna()].reset_index(drop=True)


def points(cum: pd.DataFrame) -> pd.DataFrame:
    """One point per cut-off date and published value; the sources that agree on it joined with ';'."""
    keys = ["period_end", "value", "qualifier"]
    grouped = cum.groupby(keys, sort=True, as_index=False).agg(source_id=("source_id", ";".join),
                                                                  years=("years", "first"),
                                                                  per_year=("per_year", "first"))
    return grouped[["period_end", "value", "qualifier", "years", "per_year", "source_id"]]


def lifetime_total(caseload: pd.DataFrame, body: str, measure: str) -> pd.Series:
    """The largest published lifetime figure of a measure, dated or not (a reference level)."""
    rows = caseload[(caseload["body"] == body) & (caseload["measure"] == measure)]
    if rows.empty:
        raise LookupError(f"no {measure} for {body}")
    return rows.sort_values("value", kind="stable").iloc[-1]


def dated_latest(caseload: pd.DataFrame, body: str, measure: str) -> pd.Series:
    """The dated lifetime figure with the latest cut-off (undated rows cannot be annualised)."""
    s = cumulative(caseload, body, measure)
    if s.empty:
        raise LookupError(f"no dated {measure} for {body}")
    return s.sort_values(["period_end", "years"], kind="stable").iloc[-1]


def comparisons(caseload: pd.DataFrame, op_ed_cutoff="2023-08-31") -> pd.DataFrame:
    """The op-ed's comparison and the like-for-like ones, with totals, rates per year and ratios."""
    court_8m = at_or_before(caseload, COURT, "appeals_received", op_ed_cutoff)
    council_res = dated_latest(caseload, COUNCIL, "normative_resolutions")
    rows = [
        compare("op-ed framing", "Court appeals in its first eight months against the Council's lifetime "
                "decisions (unlike measures)", court_8m, council_res),
        compare("appeals against appeals", "appeals received per year by each body",
                dated_latest(caseload, COURT, "appeals_received"),
                dated_latest(caseload, COUNCIL, "appeals_received")),
        compare("decisions against decisions", "final decisions on the merits per year (Court: final "
                "decisions; Council: normative resolutions)",
                dated_latest(caseload, COURT, "final_decisions"), council_res),
    ]
    return pd.DataFrame(rows)


def proceedings_share(caseload: pd.DataFrame) -> pd.DataFrame:
    """Appeals accepted for proceedings as a percentage of appeals received, same source and cut-off."""
    acc = series(caseload, COURT, "appeals_accepted")
    rec = series(caseload, COURT, "appeals_received")
    merged = acc.merge(rec, on=["period_start", "period_end", "source_id"], suffixes=("_accepted", "_received"))
    merged["share_pct"] = 100 * merged["value_accepted"] / merged["value_received"]
    merged["share_qualifier"] = [(Hedged.published(1, a) / Hedged.published(1, r)).qualifier for a, r in
                                 zip(merged["qualifier_accepted"], merged["qualifier_received"])]
    return merged[["period_end", "value_accepted", "qualifier_accepted", "value_received", "qualifier_received",
                   "share_pct", "share_qualifier", "source_id"]]


def shares(caseload: pd.DataFrame) -> pd.DataFrame:
    """The Court's published shares of appeals (percent), by cut-off date."""
    rows = caseload[(caseload["body"] == COURT) & (caseload["unit"] == "percent")]
    return rows.sort_values(["period_end", "measure"])[["period_end", "measure", "value", "qualifier",
                                                        "source_id"]].reset_index(drop=True)


# --- scale: other constitutional courts ----------------------------------------------------------

def population_for(population: pd.DataFrame, country: str, year: int) -> pd.Series:
    """The population figure whose reference date is nearest the middle of the year."""
    rows = population[population["country"] == country]
    if rows.empty:
        raise LookupError(f"no population for {country}")
    mid = pd.Timestamp(year=int(year), month=7, day=1)
    return rows.loc[(rows["reference_date"] - mid).abs().idxmin()]


def per_100k(comparisons: pd.DataFrame, population: pd.DataFrame, caseload: pd.DataFrame) -> pd.DataFrame:
    """Appeals per 100,000 inhabitants per year: the other courts, and Kazakhstan's Court for full calendar years."""
    rows = comparisons[["country", "court", "year", "counts", "value", "qualifier", "source_id"]].to_dict("records")
    kz = series(caseload, COURT, "appeals_received")
    full_years = kz[(kz["period_start"].dt.strftime("%m-%d") == "01-01") & (kz["period_end"].dt.strftime("%m-%d") == "12-31")
                    & (kz["period_start"].dt.year == kz["period_end"].dt.year)]
    for _, r in full_years.drop_duplicates("period_end").iterrows():
        rows.append({"country": "Kazakhstan", "court": "Constitutional Court", "year": r["period_end"].year,
                     "counts": "all_appeals", "value": r["value"], "qualifier": r["qualifier"],
                     "source_id": r["source_id"]})
    out = pd.DataFrame(rows)
    pops = [population_for(population, c, y) for c, y in zip(out["country"], out["year"])]
    out["population"] = [p["value"] for p in pops]
    out["population_date"] = [p["reference_date"] for p in pops]
    out["population_source_id"] = [p["source_id"] for p in pops]
    out["per_100k"] = 100_000 * out["value"].astype(float) / out["population"].astype(float)
    return out.sort_values(["country", "year"]).reset_index(drop=True)


