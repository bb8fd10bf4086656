"""Domain rules of the project's tables: what the numbers must satisfy beyond their schema.

Each rule is registered for the table (or tables) it reads and returns a list of Problem(file, row,
column, message); the schema engine (kzreform.validate) runs them once a file has parsed cleanly.
"""

from __future__ import annotations

from typing import Callable

import pandas as pd

from .validate import Problem

PackageCheck = Callable[[dict], list[Problem]]
PACKAGE_CHECKS: list[tuple[tuple[str, ...], PackageCheck]] = []


def package_check(*resources: str):
    """Register a check f(tables) -> problems across several resources (tables: name -> DataFrame)."""
    def register(f):
        PACKAGE_CHECKS.append((resources, f))
        return f
    return register


DomainCheck = Callable[[str, "object"], list[Problem]]
DOMAIN_CHECKS: dict[str, list[DomainCheck]] = {}


def domain_check(resource: str):
    """Register a check f(file, df) -> problems for a resource; df.attrs['rows'] holds row numbers."""
    def register(f):
        DOMAIN_CHECKS.setdefault(resource, []).append(f)
        return f
    return register


def rows_of(df):
    return df.attrs.get("rows", list(range(2, len(df) + 2)))


def _day(ts) -> str:
    return "" if ts is None or ts != ts else ts.strftime("%Y-%m-%d")  # NaT != NaT


@domain_check("court_caseload")
def _periods(file, df):
    """Periods run forwards."""
    out = []
    for i, number in enumerate(rows_of(df)):
        start, end = _day(df["period_start"].iloc[i]), _day(df["period_end"].iloc[i])
        if end and start > end:
            out.append(Problem(file, number, "period_end", f"ends before it starts (expected a date on or after "
                                                           f"period_start {start}, found {end})"))
    return out


@package_check("court_caseload", "constitutional_bodies")
def _within_lifetime(tables):
    """Every period lies within the life of its body (data/constitutional_bodies.csv)."""
    df, bodies = tables["court_caseload"], tables["constitutional_bodies"].set_index("body")
    out = []
    for i, number in enumerate(rows_of(df)):
        body = df["body"].iloc[i]
        first, last = _day(bodies.at[body, "established"]), _day(bodies.at[body, "ended"])
        start, end = _day(df["period_start"].iloc[i]), _day(df["period_end"].iloc[i])
        if start < first:
            out.append(Problem("data/court_caseload.csv", number, "period_start", f"is before the {body} existed "
                               f"(expected {first} or later, found {start})"))
        if last and end > last:
            out.append(Problem("data/court_caseload.csv", number, "period_end", f"is after the {body} ceased "
                               f"(expected {last} or earlier, found {end})"))
    return out


@domain_check("court_caseload")
def _units(file, df):
    """Shares are percentages between 0 and 100; counts are whole numbers."""
    out = []
    for i, number in enumerate(rows_of(df)):
        measure, unit, value = df["measure"].iloc[i], df["unit"].iloc[i], df["value"].iloc[i]
        expected = "percent" if measure.endswith("_pct") else "count"
        if unit != expected:
            out.append(Problem(file, number, "unit", f"expected {expected} for measure {measure}, found {unit}"))
        elif unit == "percent" and not 0 <= value <= 100:
            out.append(Problem(file, number, "value", f"a share must lie between 0 and 100 (found {value:g})"))
        elif unit == "count" and value != int(value):
            out.append(Problem(file, number, "value", f"a count must be a whole number (found {value:g})"))
    return out


def consistent(total: float, qualifier: str, parts: float) -> bool:
    """Whether parts that add to `parts` fit a total published as `qualifier total` (about: within 5%)."""
    return {"exact": parts == total, "more than": parts > total, "at least": parts >= total,
            "less than": parts < total, "almost": parts <= total, "up to": parts <= total,
            "about": abs(parts - total) <= 0.05 * total}[qualifier]


@domain_check("court_caseload")
def _parts_add_up(file, df):
    """Appeals by applicant (appeals_from_<who>, counts) add up to the appeals received from the same source."""
    out = []
    parts = df[df["measure"].str.startswith("appeals_from_") & (df["unit"] == "count")]
    for (body, start, source), group in parts.groupby(["body", "period_start", "source_id"]):
        total = df[(df["body"] == body) & (df["period_start"] == start) & (df["source_id"] == source)
                   & (df["measure"] == "appeals_received")]
        for j in total.index:
            value, qualifier = df.at[j, "value"], df.at[j, "qualifier"]
            if not consistent(value, qualifier, group["value"].sum()):
                number = rows_of(df)[j]
                out.append(Problem(file, number, "value", f"appeals by applicant from {source} add up to "
                                                          f"{group['value'].sum():g}, which does not fit "
                                                          f"{qualifier} {value:g} (expected parts to match the total)"))
    return out


# --- Mazhilis elections --------------------------------------------------------------------------

def _tolerance(published: float) -> float:
    """Half a unit of the last decimal a share was published with (53.9 -> 0.05, 10.95 -> 0.005)."""
    return 0.05 + 1e-9 if round(published, 1) == published else 0.005 + 1e-9


def known_discrepancy(note) -> bool:
    return isinstance(note, str) and "known discrepancy" in note.lower()


@package_check("mazhilis_results", "mazhilis_totals", "mazhilis_rules")
def _mazhilis(tables):
    results, totals, rules = tables["mazhilis_results"], tables["mazhilis_totals"], tables["mazhilis_rules"]
    rf, tf = "data/mazhilis_results.csv", "data/mazhilis_totals.csv"
    out = []
    r_rows, t_rows = rows_of(results), rows_of(totals)
    for _, rule in rules.iterrows():
        date = rule["election_date"]
        day = f"{date:%Y-%m-%d}"
        sel = (results["election_date"] == date) & (results["stage"] == "final")
        idx = list(results.index[sel])
        if not idx:
            continue
        for i in idx:
            r = results.loc[i]
            parts = (0 if pd.isna(r["list_seats"]) else r["list_seats"]) + \
                (0 if pd.isna(r["district_seats"]) else r["district_seats"])
            if r["contestant_type"] != "assembly" and parts != r["total_seats"]:
                out.append(Problem(rf, r_rows[i], "total_seats", f"list seats plus district seats make {parts}, "
                                                                 f"not {r['total_seats']} (expected them to add up)"))
        for column, expected in (("list_seats", rule["list_seats"]), ("district_seats", rule["district_seats"]),
                                 ("total_seats", rule["total_seats"])):
            got = results.loc[idx, column].fillna(0).sum()
            if got != expected:
                out.append(Problem(rf, r_rows[idx[-1]], column, f"{column} of the {day} election add up to {got}, "
                                   f"not the {expected} in data/mazhilis_rules.csv (expected them to match)"))
        votes = results.loc[idx, "list_votes"].dropna()
        t = totals[(totals["election_date"] == date) & (totals["stage"] == "final")]
        against = t.loc[t["measure"] == "against_all_votes", "value"]
        base = votes.sum() + (against.iloc[0] if len(against) else 0)
        for i in votes.index:
            published = results.at[i, "list_share_pct"]
            computed = 100 * votes[i] / base
            if pd.notna(published) and abs(computed - published) > _tolerance(published) \
                    and not known_discrepancy(results.at[i, "note"]):
                out.append(Problem(rf, r_rows[i], "list_share_pct", f"published {published:g}% but "
                                   f"{int(votes[i])} of {int(base)} list votes is {computed:.3f}% (expected a match "
                                   "to the published rounding; check for a typo)"))
        for j in t.index:
            measure, value = t.at[j, "measure"], t.at[j, "value"]
            expected = {"list_votes_total": votes.sum(), "list_votes_incl_against_all": base}.get(measure)
            if expected is not None and value != expected and not known_discrepancy(t.at[j, "note"]):
                out.append(Problem(tf, t_rows[j], "value", f"{measure} is {value:g} but the list votes in "
                                   f"data/mazhilis_results.csv add up to {expected:g} (expected a match)"))
    for (date, stage, source), g in totals.groupby(["election_date", "stage", "source_id"]):
        m = g.set_index("measure")
        if {"registered_voters", "ballots_received", "turnout_pct"} <= set(m.index):
            computed = 100 * m.at["ballots_received", "value"] / m.at["registered_voters", "value"]
            published = m.at["turnout_pct", "value"]
            j = g.index[g["measure"] == "turnout_pct"][0]
            notes = " ".join(str(n) for n in g["note"])
            if abs(computed - published) > _tolerance(published) and not known_discrepancy(notes):
                out.append(Problem(tf, t_rows[j], "value", f"turnout {published:g}% does not match ballots received / "
                                   f"registered voters = {computed:.3f}% from the same source (expected a match)"))
    return out


# --- referendums ---------------------------------------------------------------------------------

PARTS = ("yes_votes", "no_votes", "invalid_ballots", "both_options_ballots")
NUMERATOR = {"yes_pct": "yes_votes", "no_pct": "no_votes", "invalid_pct": "invalid_ballots",
             "both_options_pct": "both_options_ballots", "valid_pct": "valid_votes", "turnout_pct": "ballots_cast"}


def _counts(group) -> dict:
    """measure -> the value agreed by the rows of one vote and stage (first row where sources disagree)."""
    counts = {}
    for m, g in group[group["share_base"].fillna("") == ""].groupby("measure"):
        counts[m] = g["value"].iloc[0]
    if "valid_votes" not in counts and {"ballots_cast", "invalid_ballots"} <= set(counts):
        counts["valid_votes"] = counts["ballots_cast"] - counts["invalid_ballots"]
    return counts


@domain_check("referendum_results")
def _referendum_national(file, df):
    out = []
    rows = rows_of(df)
    for (date, stage), g in df.groupby(["vote_date", "stage"]):
        day = f"{date:%Y-%m-%d}"
        documented = g["note"].map(known_discrepancy)
        for (m, base), same in g.groupby(["measure", g["share_base"].fillna("")]):
            values = same["value"]
            spread = values.max() - values.min()
            agree = spread == 0 or (base != "" and spread <= max(_tolerance(v) for v in values))  # 90.6 ~ 90.58
            if not agree and not documented[same.index].any():
                i = same.index[1]
                out.append(Problem(file, rows[i], "value", f"{stage} {m} of {day} is {same['value'].iloc[1]:g} here but "
                                   f"{same['value'].iloc[0]:g} on row {rows[same.index[0]]} (expected sources to agree, "
                                   "or a note starting 'Known discrepancy')"))
        counts = _counts(g[~documented])
        present = [p for p in PARTS if p in counts]
        if "ballots_cast" in counts and {"yes_votes", "no_votes", "invalid_ballots"} <= set(present):
            total = sum(counts[p] for p in present)
            if total != counts["ballots_cast"] and not (day < "2022" and "both_options_ballots" not in present
                                                        and total == counts["ballots_cast"]):
                i = g.index[g["measure"] == "ballots_cast"][0]
                out.append(Problem(file, rows[i], "value", f"{stage} categories of {day} ({' + '.join(present)}) add up "
                                   f"to {total:g}, not to the {counts['ballots_cast']:g} ballots cast (expected equal)"))
        for i in g.index[g["share_base"].fillna("") != ""]:
            m, base, value = df.at[i, "measure"], df.at[i, "share_base"], df.at[i, "value"]
            num = counts.get(NUMERATOR.get(m, ""))
            den = counts.get(base)
            if num is None or den is None or df.at[i, "qualifier"] != "exact" or known_discrepancy(df.at[i, "note"]):
                continue
            if den == 0:
                out.append(Problem(file, rows[i], "value", f"{m} is a share of {base}, but the {stage} count of "
                                   f"{base} is 0 (expected a positive count)"))
                continue
            computed = 100 * num / den
            if abs(computed - value) > _tolerance(value):
                out.append(Problem(file, rows[i], "value", f"{m} published as {value:g}% of {base}, but the {stage} "
                                   f"counts give {computed:.3f}% (expected a match to the published rounding)"))
    return out


@domain_check("referendum_turnout_hourly")
def _turnout_rises_through_the_day(file, df):
    out = []
    rows = rows_of(df)
    for (date, region), g in df.dropna(subset=["turnout_pct"]).groupby(["vote_date", "region_code"]):
        best = None
        for i in g.sort_values("time", kind="stable").index:
            value = df.at[i, "turnout_pct"]
            if known_discrepancy(df.at[i, "note"]):
                continue
            if best is not None and value < best[0] - 1e-9:
                out.append(Problem(file, rows[i], "turnout_pct", f"{region} turnout falls to {value:g}% at "
                                   f"{df.at[i, 'time']} from {best[0]:g}% earlier (row {rows[best[1]]}); expected it to "
                                   "rise through the day, or a note starting 'Known discrepancy'"))
            if best is None or value > best[0]:
                best = (value, i)
    return out


# --- Constitutional Court rulings ----------------------------------------------------------------

@domain_check("court_rulings")
def _rulings_numbering(file, df):
    """Numbers run 1, 2, 3 ... without gaps; dates rise with numbers unless a note says otherwise; year fits date."""
    out = []
    rows = rows_of(df)
    for i, n in enumerate(df["number"]):
        if n != i + 1:
            out.append(Problem(file, rows[i], "number", f"expected {i + 1} (one row per number, in order), found {n}"))
            break
    last = None
    for i in range(len(df)):
        date, year = df["date"].iloc[i], df["year"].iloc[i]
        if date == date and date is not None and not pd.isna(date):
            if not pd.isna(year) and int(year) != date.year:
                out.append(Problem(file, rows[i], "year", f"expected {date.year}, the year of the date, found {year}"))
            if last is not None and date < last[0] and not known_discrepancy(df["note"].iloc[i]):
                out.append(Problem(file, rows[i], "date", f"No. {df['number'].iloc[i]} is dated {date:%Y-%m-%d}, before "
                                   f"No. {last[1]} ({last[0]:%Y-%m-%d}); expected dates to rise with numbers, or a "
                                   "note starting 'Known discrepancy'"))
            if last is None or date >= last[0]:
                last = (date, df["number"].iloc[i])
        if df["outcome"].iloc[i] and pd.isna(df["outcome"].iloc[i]) is False and not df["outcome_basis"].iloc[i]:
            out.append(Problem(file, rows[i], "outcome_basis", "an outcome needs its basis (expected operative_part, legal_database_note, "
                               "official_title, court_press_release or news_report)"))
    return out


@domain_check("referendum_turnout_hourly")
def _one_value_per_bulletin_and_source(file, df):
    """Each source gives a unit's turnout once per bulletin; a unit's missing value is listed once per bulletin.
    (The table has no primary key: a row whose value was not found names no source.)"""
    out, seen = [], {}
    for i, number in enumerate(rows_of(df)):
        key = (df["vote_date"].iloc[i], df["region_code"].iloc[i], df["time"].iloc[i],
               df["source_id"].iloc[i] if pd.notna(df["source_id"].iloc[i]) else "")
        if key in seen:
            out.append(Problem(file, number, "source_id", f"repeats row {seen[key]} (expected one row per vote, unit, "
                                                          "bulletin and source)"))
        seen.setdefault(key, number)
    return out
