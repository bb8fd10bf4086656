"""The Constitutional Court's normative resolutions, one by one: coverage, tallies, and the Court's own totals.

The resolutions run in one numbered series, so the highest number seen by a date is a lower bound on
how many the Court had issued by then, and every number below it exists even where we found nothing.
"""

from __future__ import annotations

import pandas as pd


PROCEDURAL = ("rules_of_procedure", "annual_message", "proceedings_ended", "procedural_other")
MERITS = ("unconstitutional", "unconstitutional_in_part", "constitutional", "constitutional_in_interpretation",
          "official_interpretation")
FIELDS = {"date": "date", "subject_en": "subject", "act_reviewed": "act reviewed", "area_of_law": "area of law",
          "applicant": "applicant", "outcome": "outcome"}


def outcome_kind(outcome) -> str:
    """'merits', 'procedural' or 'unknown' for an outcome code."""
    if outcome in MERITS:
        return "merits"
    if outcome in PROCEDURAL:
        return "procedural"
    return "unknown"


def field_coverage(rulings: pd.DataFrame) -> pd.DataFrame:
    """For each field, how many numbers of the series have it, and the share in percent."""
    n = len(rulings)
    rows = [(label, int(rulings[col].notna().sum())) for col, label in FIELDS.items()]
    kinds = rulings["outcome"].map(outcome_kind)
    rows += [("outcome on the merits", int((kinds == "merits").sum())),
             ("procedural outcome", int((kinds == "procedural").sum()))]
    return pd.DataFrame({"field": [r[0] for r in rows], "numbers": [r[1] for r in rows],
                         "share_pct": [100 * r[1] / n for r in rows]})


def identified(rulings: pd.DataFrame) -> pd.Series:
    """True for resolutions of which anything beyond the number was found (a title, subject or date)."""
    return rulings["title_original"].notna() | rulings["subject_en"].notna() | rulings["date"].notna()


def coverage(rulings: pd.DataFrame) -> dict:
    """How much of the numbered series the dataset covers (counts and percentages)."""
    n = len(rulings)
    ident = int(identified(rulings).sum())
    outcomes = int(rulings["outcome"].notna().sum())
    merits = int((rulings["outcome"].map(outcome_kind) == "merits").sum())
    return {"numbers": n, "highest_number": int(rulings["number"].max()), "identified": ident,
            "identified_pct": 100 * ident / n, "with_outcome": outcomes, "with_outcome_pct": 100 * outcomes / n,
            "with_merits": merits, "with_merits_pct": 100 * merits / n,
            "with_date": int(rulings["date"].notna().sum()), "with_area": int(rulings["area_of_law"].notna().sum()),
            "last_date": rulings["date"].max()}


def by_year(rulings: pd.DataFrame) -> pd.DataFrame:
    """Per year: numbers in the series (known year), of them placed only by the series, how many identified, how many
    with an outcome on the merits. attrs['numbers_of_unknown_year'] counts the numbers no year could be given."""
    df = rulings.assign(identified=identified(rulings),
                        with_merits=rulings["outcome"].map(outcome_kind) == "merits",
                        series_placed=rulings["year_basis"].eq("series"))
    out = df.groupby(df["year"].astype("Int64")).agg(numbers=("number", "size"), first=("number", "min"),
                                                   last=("number", "max"), series_placed=("series_placed", "sum"),
                                                   identified=("identified", "sum"),
                                                   with_merits=("with_merits", "sum"))
    unknown = int(df["year"].isna().sum())
    out.attrs["numbers_of_unknown_year"] = unknown
    return out


def series_years(rulings: pd.DataFrame) -> pd.Series:
    """For each number, the year the series fixes: the year shared by the nearest numbers below and above whose year
    is known from a date or a database code (NA where they differ or one is missing)."""
    own = rulings["year"].where(rulings["year_basis"].isin(["date", "database_code"])).astype("Float64")
    below, above = own.ffill(), own.bfill()
    return below.where(below == above).astype("Int64").set_axis(rulings["number"])


def plausible_years(rulings: pd.DataFrame) -> pd.Series:
    """For each number, the years it may belong to: its own known year, else those of its nearest known neighbours."""
    own = rulings["year"].where(rulings["year_basis"].isin(["date", "database_code"])).astype("Float64")
    below, above = own.ffill(), own.bfill()
    return pd.Series([sorted({int(y) for y in (b, a) if pd.notna(y)}) if pd.isna(o) else [int(o)]
                      for o, b, a in zip(own, below, above)], index=rulings["number"])


def by_month(rulings: pd.DataFrame) -> pd.Series:
    """Dated resolutions per month (identified ones only)."""
    dated = rulings.dropna(subset=["date"])
    return dated.groupby(dated["date"].dt.to_period("M")).size().rename("resolutions")


def tally(rulings: pd.DataFrame, column: str) -> pd.Series:
    """Counts of a column's values among the resolutions where it is known, largest first."""
    return rulings[column].dropna().value_counts().rename(f"resolutions by {column}")


def highest_by(rulings: pd.DataFrame, date) -> pd.Series:
    """The resolution with the highest number dated on or before a date: a lower bound on the series then."""
    dated = rulings[rulings["date"] <= pd.Timestamp(date)]
    return dated.sort_values("number").iloc[-1]


def first_after(rulings: pd.DataFrame, date) -> pd.Series:
    """The lowest-numbered resolution dated after a date: an upper bound on the series then."""
    dated = rulings[rulings["date"] > pd.Timestamp(date)]
    return dated.sort_values("number").iloc[0]


def against_aggregates(rulings: pd.DataFrame, caseload: pd.DataFrame) -> pd.DataFrame:
    """The Court's published totals of resolutions and decisions beside the series as the dataset sees it."""
    measures = ["normative_resolutions", "final_decisions", "decisions_total",
                "normative_resolutions_with_unconstitutional_norms", "norms_unconstitutional"]
    rows = caseload[(caseload["body"] == "constitutional_court") & caseload["measure"].isin(measures)
                    & caseload["period_end"].notna()].sort_values("period_end")
    out = []
    for _, r in rows.iterrows():
        low = highest_by(rulings, r["period_end"])
        try:
            high = first_after(rulings, r["period_end"])
            upper = int(high["number"]) - 1
        except IndexError:
            upper = None
        in_data = rulings[(rulings["date"] <= r["period_end"])]
        out.append({"period_end": r["period_end"], "measure": r["measure"], "published": r["value"],
                    "qualifier": r["qualifier"], "source_id": r["source_id"],
                    "series_at_least": int(low["number"]), "series_at_most": upper,
                    "dated_in_dataset": len(in_data),
                    "unconstitutional_in_dataset": int(in_data["outcome"].isin(
                        ["unconstitutional", "unconstitutional_in_part"]).sum())})
    return pd.DataFrame(out)


UNCONSTITUTIONAL = ("unconstitutional", "unconstitutional_in_part")
INTERPRETATION = ("constitutional_in_interpretation", "official_interpretation")
# each of the Court's totals, and what the per-decision table can set against it
RECONCILED = {
    "normative_resolutions": "identified",
    "final_decisions": "with_merits",
    "normative_resolutions_with_unconstitutional_norms": "unconstitutional",
    "norms_unconstitutional": "norms_unconstitutional",
    "normative_resolutions_with_interpretation": "interpretation",
    "norms_interpreted": "interpretation",
}


def reconcile(rulings: pd.DataFrame, caseload: pd.DataFrame) -> pd.DataFrame:
    """The Court's own totals at each published cut-off beside what the per-decision table holds by then.

    in_table counts resolutions dated on or before the cut-off: identified ones (for resolutions numbered), those
    with a known decision on the merits (final decisions), with an outcome of unconstitutional in whole or in part,
    or with an interpretation (in interpretation, or official interpretation); for norms found unconstitutional it
    sums norms_unconstitutional, and unknown_norms counts the unconstitutional outcomes whose number of norms is not
    known. Undated numbers cannot be set against a cut-off and are left out (a floor, not an estimate)."""
    rows = caseload[(caseload["body"] == "constitutional_court") & caseload["measure"].isin(RECONCILED)
                    & caseload["period_end"].notna()].sort_values(["period_end", "measure"])
    kind = rulings["outcome"].map(outcome_kind)
    out = []
    for _, r in rows.iterrows():
        by = rulings["date"] <= r["period_end"]
        unc = by & rulings["outcome"].isin(UNCONSTITUTIONAL)
        held = {"identified": int((by & identified(rulings)).sum()),
                "with_merits": int((by & (kind == "merits")).sum()),
                "unconstitutional": int(unc.sum()),
                "norms_unconstitutional": int(rulings.loc[unc, "norms_unconstitutional"].fillna(0).sum()),
                "interpretation": int((by & rulings["outcome"].isin(INTERPRETATION)).sum())}
        what = RECONCILED[r["measure"]]
        out.append({"period_end": r["period_end"], "measure": r["measure"], "published": r["value"],
                    "qualifier": r["qualifier"], "source_id": r["source_id"], "in_table": held[what],
                    "in_table_counts": what,
                    "unknown_norms": int((unc & rulings["norms_unconstitutional"].isna()).sum()),
                    "series_at_least": int(highest_by(rulings, r["period_end"])["number"])})
    return pd.DataFrame(out)


OUTCOME_KINDS = ("merits", "procedural", "unknown")


def outcomes_by_year(rulings: pd.DataFrame) -> pd.DataFrame:
    """Resolutions per year of the series by kind of outcome found (merits, procedural, unknown); the numbers of no
    known year in a last row whose year is NA."""
    df = pd.DataFrame({"year": rulings["year"].astype("Int64"), "kind": rulings["outcome"].map(outcome_kind)})
    out = df.groupby(["year", "kind"], dropna=False).size().unstack(fill_value=0)
    return out.reindex(columns=list(OUTCOME_KINDS), fill_value=0).rename_axis(index="year", columns=None)
