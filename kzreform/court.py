"""The Constitutional Court's caseload against the Constitutional Council's: rates per year, like for like.

Values keep the qualifier they were published with; a rate or ratio built from a hedged value says so.
"""

from __future__ import annotations

import pandas as pd

from .hedges import Hedged, per_year

DAYS_PER_YEAR = 365.25
COURT, COUNCIL = "constitutional_court", "constitutional_council"


def years(start, end) -> float:
    """Length of the period from start to end, both days included, in years of 365.25 days."""
    return ((pd.Timestamp(end) - pd.Timestamp(start)).days + 1) / DAYS_PER_YEAR


def annual_rate(value: float, start, end) -> float:
    """A count over a period, per year."""
    return value / years(start, end)


MIN_RATE_DAYS = 180  # no rate per year from a shorter period: a few weeks say little about a year
LIFE_BOUND = "at least, over the most it can cover"


def is_lifetime(row: pd.Series, bodies: pd.DataFrame) -> bool:
    """A total counts from the body's start if its period starts on the day the body first sat, or (where that
    day is not known) within its first year (the Council's sources count from its law of 29 December 1995 or from
    January 1996)."""
    body = bodies.set_index("body").loc[row["body"]]
    if pd.notna(body["first_sat"]):
        return pd.Timestamp(row["period_start"]) <= body["first_sat"]
    return (pd.Timestamp(row["period_start"]) - body["established"]).days <= 366


def life(bodies: pd.DataFrame, body: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """A body's whole life: from the law that set it up to its last day (the Council: 29 December 1995 to
    31 December 2022, 27.0 years). The one period every undated lifetime total of the body is spread over."""
    b = bodies.set_index("body").loc[body]
    return b["established"], b["ended"]


def with_rates(caseload: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    """Caseload rows with the period a rate spreads over and the count per year, where a rate can honestly be
    given. The rule, one period per figure: a dated figure is spread over the period its source covers (its
    period_start to its cut-off); an undated lifetime total of a body that has ended over the body's whole life
    (life(): one length for every such total, the most it can cover, which makes the rate a floor). rate_basis
    says which, or why there is no rate; rate_from and rate_to are the period, years its length."""
    out = caseload.copy()
    ended = bodies.set_index("body")["ended"]
    yrs, basis, start, end = [], [], [], []
    for _, r in out.iterrows():
        a = b = pd.NaT
        if r["unit"] != "count":
            yrs.append(float("nan"))
            basis.append("no rate: a share, not a count")
        elif pd.notna(r["period_end"]):
            days = (r["period_end"] - r["period_start"]).days + 1
            yrs.append(days / DAYS_PER_YEAR)
            ok = days >= MIN_RATE_DAYS
            basis.append("period" if ok else f"no rate: {days} days, fewer than {MIN_RATE_DAYS}")
            if ok:
                a, b = r["period_start"], r["period_end"]
        elif pd.notna(ended.get(r["body"])) and is_lifetime(r, bodies):
            a, b = life(bodies, r["body"])
            yrs.append(years(a, b))
            basis.append(LIFE_BOUND)
        else:
            yrs.append(float("nan"))
            basis.append("no rate: undated")
        start.append(a)
        end.append(b)
    out["years"] = yrs
    out["rate_basis"] = basis
    out["end_is_bound"] = [end_is_bound(r) for _, r in out.iterrows()]
    out["rate_from"] = pd.to_datetime(pd.Series(start, index=out.index, dtype="object"))
    out["rate_to"] = pd.to_datetime(pd.Series(end, index=out.index, dtype="object"))
    rated = out["rate_basis"].isin(["period", LIFE_BOUND])
    out["per_year"] = (out["value"] / out["years"]).where(rated)
    return out


def series(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str) -> pd.DataFrame:
    """One body's values of one measure, by cut-off date, with rates per year."""
    rows = caseload[(caseload["body"] == body) & (caseload["measure"] == measure)]
    return with_rates(rows, bodies).sort_values(["period_end", "source_id"]).reset_index(drop=True)


def at_or_before(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str, date) -> pd.Series:
    """The lifetime value with the latest cut-off on or before a date (a weak source only if no other)."""
    s = cumulative(caseload, bodies, body, measure)
    s = s[s["period_end"] <= pd.Timestamp(date)]
    if s.empty:
        raise LookupError(f"no {measure} for {body} on or before {date}")
    return s.sort_values(["weak", "period_end"], ascending=[False, True], kind="stable").iloc[-1]


def end_is_bound(row: pd.Series) -> bool:
    """Whether a cut-off is a date the project set as an upper bound (its note says so: a source that names only
    the month, for example), not a date a source gives; it is then said as a bound ('by the end of August 2023 at
    the latest')."""
    return "upper bound" in str(row.get("note", ""))


def hedged(row: pd.Series, column: str = "value", prefix: str = "") -> Hedged:
    """A row's published value, or its rate per year (column 'per_year'), with the hedge the arithmetic gives."""
    value = Hedged.published(row[prefix + "value"], row[prefix + "qualifier"])
    if column == "value":
        return value
    rate = per_year(value, row[prefix + "years"])
    return rate.at_least() if row[prefix + "rate_basis"] == LIFE_BOUND else rate


def rate_ratio(court: pd.Series, council: pd.Series, court_prefix: str = "", council_prefix: str = "") -> Hedged:
    """Court per year / Council per year, with the hedge and precision the published values allow."""
    return hedged(court, "per_year", court_prefix) / hedged(council, "per_year", council_prefix)


LABELS = {COURT: "Constitutional Court", COUNCIL: "Constitutional Council"}


def cumulative(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str = COURT,
               measure: str = "appeals_received") -> pd.DataFrame:
    """Dated running totals since the body started, one row per cut-off and source, with rates per year."""
    s = series(caseload, bodies, body, measure)
    lifetime = pd.Series([is_lifetime(r, bodies) for _, r in s.iterrows()], index=s.index, dtype=bool)
    return s[lifetime & s["period_end"].notna()].reset_index(drop=True)


def points(cum: pd.DataFrame) -> pd.DataFrame:
    """One point per cut-off date and published value; the sources that agree on it joined with ';' (the point
    is weak only if every source of it is)."""
    keys = ["period_end", "value", "qualifier"]
    grouped = cum.groupby(keys, sort=True, as_index=False).agg(source_id=("source_id", ";".join),
                                                                  weak=("weak", "all"), years=("years", "first"),
                                                                  per_year=("per_year", "first"),
                                                                  rate_basis=("rate_basis", "first"),
                                                                  rate_from=("rate_from", "first"),
                                                                  rate_to=("rate_to", "first"),
                                                                  end_is_bound=("end_is_bound", "any"))
    return grouped[["period_end", "value", "qualifier", "weak", "years", "per_year", "rate_basis", "rate_from",
                    "rate_to", "end_is_bound", "source_id"]]


def candidates(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str) -> pd.DataFrame:
    """Every lifetime figure of a measure that gives a rate, the main one first: not weak before weak, a dated
    period before a floor, the latest cut-off, the largest value."""
    s = series(caseload, bodies, body, measure)
    lifetime = pd.Series([is_lifetime(r, bodies) for _, r in s.iterrows()], index=s.index, dtype=bool)
    s = s[lifetime & s["per_year"].notna()]
    order = s.assign(_dated=s["rate_basis"] == "period", _end=s["period_end"].fillna(pd.Timestamp("1900-01-01")))
    order = order.sort_values(["weak", "_dated", "_end", "value", "source_id"],
                              ascending=[True, False, False, False, True], kind="stable")
    return order.drop(columns=["_dated", "_end"]).reset_index(drop=True)


def main_figure(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str) -> pd.Series:
    c = candidates(caseload, bodies, body, measure)
    if c.empty:
        raise LookupError(f"no {measure} for {body} that gives a rate")
    return c.iloc[0]


def lifetime_total(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str) -> pd.Series:
    """The main lifetime figure of a measure (the reference level charts draw)."""
    return main_figure(caseload, bodies, body, measure)


def compare(label: str, basis: str, court: pd.Series, council: pd.Series) -> dict:
    """One comparison: both sides with their periods and rates, and the ratio of rates (with its hedge)."""
    row = {"comparison": label, "basis": basis}
    for side, r in (("court", court), ("council", council)):
        for k in ("measure", "value", "qualifier", "period_start", "period_end", "years", "per_year", "rate_basis",
                  "rate_from", "rate_to", "end_is_bound", "weak", "source_id"):
            row[f"{side}_{k}"] = r[k]
    ratio = rate_ratio(court, council)
    row.update({"ratio_of_rates": court["per_year"] / council["per_year"], "ratio_qualifier": ratio.qualifier})
    return row


OP_ED_CUTOFF = "2023-08-31"  # the op-ed (28 August 2023) counts the Court's first eight months
COMPARISONS = {  # label: (basis, court measure, council measure)
    "op-ed framing": ("Court appeals in its first eight months against the Council's lifetime decisions "
                      "(unlike measures)", "appeals_received", "normative_resolutions"),
    "appeals against appeals": ("appeals received per year by each body", "appeals_received", "appeals_received"),
    "decisions against decisions": ("final decisions on the merits per year (Court: final decisions; Council: "
                                    "normative resolutions)", "final_decisions", "normative_resolutions"),
}


def comparisons(caseload: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    """The op-ed's comparison and the like-for-like ones on the main figures, with rates per year and ratios."""
    rows = []
    for label, (basis, court_measure, council_measure) in COMPARISONS.items():
        court = at_or_before(caseload, bodies, COURT, court_measure, OP_ED_CUTOFF) if label == "op-ed framing" \
            else main_figure(caseload, bodies, COURT, court_measure)
        rows.append(compare(label, basis, court, main_figure(caseload, bodies, COUNCIL, council_measure)))
    return pd.DataFrame(rows)


def alternatives(caseload: pd.DataFrame, bodies: pd.DataFrame) -> pd.DataFrame:
    """Every pairing of the figures that give a rate, for the like-for-like comparisons: the range the sources
    support, the main pairing first."""
    rows = []
    for label, (basis, court_measure, council_measure) in COMPARISONS.items():
        if label == "op-ed framing":
            continue
        for _, court in figures_to_compare(caseload, bodies, COURT, court_measure).iterrows():
            for _, council in figures_to_compare(caseload, bodies, COUNCIL, council_measure).iterrows():
                rows.append(compare(label, basis, court, council))
    return pd.DataFrame(rows)


def figures_to_compare(caseload: pd.DataFrame, bodies: pd.DataFrame, body: str, measure: str) -> pd.DataFrame:
    """The main figure and the other figures a comparison should show beside it: for a running total, the latest
    weak one (if it is later than the main); for a lifetime total, each other distinct published figure."""
    c = candidates(caseload, bodies, body, measure).drop_duplicates(["value", "qualifier"])
    main = c.iloc[:1]
    others = c.iloc[1:]
    if bodies.set_index("body").at[body, "ended"] is pd.NaT or pd.isna(bodies.set_index("body").at[body, "ended"]):
        later = others[others["weak"] & (others["period_end"] > main["period_end"].iloc[0])]
        others = later.sort_values("period_end").iloc[-1:]
    return pd.concat([main, others], ignore_index=True)


def proceedings_share(caseload: pd.DataFrame) -> pd.DataFrame:
    """Appeals accepted for proceedings as a percentage of appeals received, same source and cut-off."""
    acc = caseload[(caseload["body"] == COURT) & (caseload["measure"] == "appeals_accepted")]
    rec = caseload[(caseload["body"] == COURT) & (caseload["measure"] == "appeals_received")]
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
    kz = caseload[(caseload["body"] == COURT) & (caseload["measure"] == "appeals_received") & ~caseload["weak"]]
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


