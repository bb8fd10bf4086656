"""Domain rules of the project's tables: what the numbers must satisfy beyond their schema.

Each rule is registered for the table (or tables) it reads and returns a list of Problem(file, row,
column, message); the schema engine (kzreform.validate) runs them once a file has parsed cleanly.

A row may be exempted from a rule only through its `exempt_from` field, which names the rules (by the ids in
EXEMPTABLE) whose check its value is known to fail, as published; its note says why. Such a row is kept as
published and left out of the analysis. Nothing in a note exempts anything.
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


def readable(value) -> str:
    """A number for a message: whole numbers as integers with thousands separators (7,241,560), others in full."""
    value = float(value)
    if value.is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else f"{value:g}"


def rows_of(df):
    return df.attrs.get("rows", list(range(2, len(df) + 2)))


# The rules a row may be exempted from, by table (the ids its exempt_from field may name).
EXEMPTABLE = {
    "referendum_results": ("sources_agree", "share_matches_counts"),
    "referendum_turnout_hourly": ("turnout_rises", "sources_agree"),
    "mazhilis_totals": ("turnout_matches_counts", "totals_match_list_votes"),
    "court_rulings": ("dates_rise_with_numbers",),
}


def exemptions(value) -> set[str]:
    """The rule ids an exempt_from cell names (empty set for an empty cell)."""
    return {part.strip() for part in value.split(";") if part.strip()} if isinstance(value, str) else set()


def exempt(df, i, rule: str) -> bool:
    """Whether row i (an index label of df) is exempted from rule by its exempt_from field."""
    return "exempt_from" in df.columns and rule in exemptions(df.at[i, "exempt_from"])


def without_exempt_rows(df):
    """The rows that no rule exempts: the values the analysis uses."""
    return df if "exempt_from" not in df.columns else df[df["exempt_from"].fillna("").str.strip() == ""]


def _exemptions_named_and_explained(resource: str):
    def check(file, df):
        out = []
        if "exempt_from" not in df.columns:
            return out
        allowed = EXEMPTABLE.get(resource, ())
        for i, number in zip(df.index, rows_of(df)):
            named = exemptions(df.at[i, "exempt_from"])
            unknown = sorted(named - set(allowed))
            if unknown:
                out.append(Problem(file, number, "exempt_from", f"names {', '.join(unknown)}, which is not a rule of "
                                   f"this table (expected some of {', '.join(allowed)}, separated by ';')"))
            if named and not (isinstance(df.at[i, "note"], str) and df.at[i, "note"].strip()):
                out.append(Problem(file, number, "note", "is empty, but the row is exempted from a rule (expected a "
                                   "note saying what is known about the discrepancy)"))
        return out
    return check


for _name in EXEMPTABLE:
    DOMAIN_CHECKS.setdefault(_name, []).append(_exemptions_named_and_explained(_name))


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
            out.append(Problem(file, number, "value", f"a share must lie between 0 and 100 (found {readable(value)})"))
        elif unit == "count" and value != int(value):
            out.append(Problem(file, number, "value", f"a count must be a whole number (found {readable(value)})"))
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
                                                          f"{readable(group['value'].sum())}, which does not fit "
                                                          f"{qualifier} {readable(value)} (expected parts to match the total)"))
    return out


# --- Mazhilis elections --------------------------------------------------------------------------

def _tolerance(published: float) -> float:
    """Half a unit of the last decimal a share was published with (53.9 -> 0.05, 10.95 -> 0.005)."""
    return 0.05 + 1e-9 if round(published, 1) == published else 0.005 + 1e-9


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
            if pd.notna(published) and abs(computed - published) > _tolerance(published):
                out.append(Problem(rf, r_rows[i], "list_share_pct", f"published {readable(published)}% but "
                                   f"{int(votes[i])} of {int(base)} list votes is {computed:.3f}% (expected a match "
                                   "to the published rounding; check for a typo)"))
        for j in t.index:
            measure, value = t.at[j, "measure"], t.at[j, "value"]
            expected = {"list_votes_total": votes.sum(), "list_votes_incl_against_all": base}.get(measure)
            if expected is not None and value != expected and not exempt(t, j, "totals_match_list_votes"):
                out.append(Problem(tf, t_rows[j], "value", f"{measure} is {readable(value)} but the list votes in "
                                   f"data/mazhilis_results.csv add up to {readable(expected)} (expected a match)"))
    for (date, stage, source), g in totals.groupby(["election_date", "stage", "source_id"]):
        m = g.set_index("measure")
        if {"registered_voters", "ballots_received", "turnout_pct"} <= set(m.index):
            computed = 100 * m.at["ballots_received", "value"] / m.at["registered_voters", "value"]
            published = m.at["turnout_pct", "value"]
            j = g.index[g["measure"] == "turnout_pct"][0]
            excused = any(exempt(totals, k, "turnout_matches_counts") for k in g.index)
            if abs(computed - published) > _tolerance(published) and not excused:
                out.append(Problem(tf, t_rows[j], "value", f"turnout {readable(published)}% does not match ballots received / "
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
        documented = pd.Series([bool(exemptions(df.at[i, "exempt_from"])) if "exempt_from" in df.columns else False
                                for i in g.index], index=g.index)
        for (m, base), same in g.groupby(["measure", g["share_base"].fillna("")]):
            same = same[[not exempt(df, i, "sources_agree") for i in same.index]]
            if len(same) < 2:
                continue
            values = same["value"]
            spread = values.max() - values.min()
            agree = spread == 0 or (base != "" and spread <= max(_tolerance(v) for v in values))  # 90.6 ~ 90.58
            if not agree:
                i = same.index[1]
                out.append(Problem(file, rows[i], "value", f"{stage} {m} of {day} is {readable(same['value'].iloc[1])} here but "
                                   f"{readable(same['value'].iloc[0])} on row {rows[same.index[0]]} (expected sources to agree, "
                                   "or exempt_from naming sources_agree on the row known to be wrong)"))
        counts = _counts(g[~documented])
        present = [p for p in PARTS if p in counts]
        if "ballots_cast" in counts and {"yes_votes", "no_votes", "invalid_ballots"} <= set(present):
            total = sum(counts[p] for p in present)
            if total != counts["ballots_cast"] and not (day < "2022" and "both_options_ballots" not in present
                                                        and total == counts["ballots_cast"]):
                i = g.index[g["measure"] == "ballots_cast"][0]
                out.append(Problem(file, rows[i], "value", f"{stage} categories of {day} ({' + '.join(present)}) add up "
                                   f"to {readable(total)}, not to the {readable(counts['ballots_cast'])} ballots cast (expected equal)"))
        for i in g.index[g["share_base"].fillna("") != ""]:
            m, base, value = df.at[i, "measure"], df.at[i, "share_base"], df.at[i, "value"]
            num = counts.get(NUMERATOR.get(m, ""))
            den = counts.get(base)
            if num is None or den is None or df.at[i, "qualifier"] != "exact" or exempt(df, i, "share_matches_counts"):
                continue
            if den == 0:
                out.append(Problem(file, rows[i], "value", f"{m} is a share of {base}, but the {stage} count of "
                                   f"{base} is 0 (expected a positive count)"))
                continue
            computed = 100 * num / den
            if abs(computed - value) > _tolerance(value):
                out.append(Problem(file, rows[i], "value", f"{m} published as {readable(value)}% of {base}, but the {stage} "
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
            if exempt(df, i, "turnout_rises"):
                continue
            if best is not None and value < best[0] - 1e-9:
                out.append(Problem(file, rows[i], "turnout_pct", f"{region} turnout falls to {readable(value)}% at "
                                   f"{df.at[i, 'time']} from {readable(best[0])}% earlier (row {rows[best[1]]}); expected it to "
                                   "rise through the day, or exempt_from naming turnout_rises on the row known to be "
                                   "wrong"))
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
            if last is not None and date < last[0] and not exempt(df, df.index[i], "dates_rise_with_numbers"):
                out.append(Problem(file, rows[i], "date", f"No. {df['number'].iloc[i]} is dated {date:%Y-%m-%d}, before "
                                   f"No. {last[1]} ({last[0]:%Y-%m-%d}); expected dates to rise with numbers, or "
                                   "exempt_from naming dates_rise_with_numbers"))
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


@domain_check("referendum_turnout_hourly")
def _sources_agree_on_a_bulletin(file, df):
    """Two sources giving a unit's turnout at the same hour agree to their rounding."""
    out = []
    rows = rows_of(df)
    kept = df.dropna(subset=["turnout_pct"])
    kept = kept[[not exempt(df, i, "sources_agree") for i in kept.index]]
    for (date, region, time), g in kept.groupby(["vote_date", "region_code", "time"]):
        first = g.index[0]
        for i in g.index[1:]:
            a, b = df.at[first, "turnout_pct"], df.at[i, "turnout_pct"]
            if abs(a - b) > max(_tolerance(a), _tolerance(b)):
                out.append(Problem(file, rows[i], "turnout_pct", f"{region} turnout at {time} is {readable(b)}% here but "
                                   f"{readable(a)}% on row {rows[first]} (expected sources to agree, or exempt_from naming "
                                   "sources_agree on the row known to be wrong)"))
    return out


# --- invariants across tables: shares, parts and totals, series, neighbours ---------------------------------

SHARE_TABLES = ("court_caseload", "court_comparisons", "mazhilis_results", "mazhilis_rules", "mazhilis_totals",
                "referendum_results", "referendum_regions", "referendum_turnout_hourly", "op_ed_claims")


def _shares_are_percentages(file, df):
    """Every share (a column or a measure ending _pct, a unit 'percent') lies between 0 and 100."""
    out = []
    rows = rows_of(df)
    for column in [c for c in df.columns if c.endswith("_pct")]:
        for i, value in zip(df.index, df[column]):
            if not pd.isna(value) and isinstance(value, (int, float)) and not 0 <= value <= 100:
                out.append(Problem(file, rows[list(df.index).index(i)], column,
                                   f"a share must lie between 0 and 100 (found {readable(value)})"))
    if "value" in df.columns and ("measure" in df.columns or "unit" in df.columns):
        share = pd.Series(False, index=df.index)
        if "measure" in df.columns:
            share |= df["measure"].astype(str).str.endswith("_pct")
        if "unit" in df.columns:
            share |= df["unit"].astype(str).isin(["percent", "pct", "%"])
        for n, i in enumerate(df.index):
            value = df.at[i, "value"]
            if share[i] and not pd.isna(value) and isinstance(value, (int, float)) and not 0 <= value <= 100:
                out.append(Problem(file, rows[n], "value", f"a share must lie between 0 and 100 (found {readable(value)})"))
    return out


for _name in SHARE_TABLES:
    if _name != "court_caseload":  # its _units rule says the same
        DOMAIN_CHECKS.setdefault(_name, []).append(_shares_are_percentages)


def _first_values(g) -> dict:
    """measure -> value of the first row giving a count (no share base) in a group of one vote and stage."""
    base = g["share_base"].fillna("") if "share_base" in g.columns else pd.Series("", index=g.index)
    counts = g[(base == "") & g["value"].notna()]
    return {m: (sub["value"].iloc[0], sub.index[0]) for m, sub in counts.groupby("measure")}


def _ballots_within_registered(file, df, keys, cast=("ballots_cast",), registered="registered_voters"):
    out = []
    rows = dict(zip(df.index, rows_of(df)))
    for key, g in without_exempt_rows(df).groupby(keys):
        values = _first_values(g)
        if registered not in values:
            continue
        for measure in cast:
            if measure in values and values[measure][0] > values[registered][0]:
                label = " ".join(f"{k:%Y-%m-%d}" if hasattr(k, "strftime") else str(k) for k in key)
                out.append(Problem(file, rows[values[measure][1]], "value", f"{measure} {readable(values[measure][0])} exceeds "
                                   f"the {readable(values[registered][0])} registered voters of {label} (expected at most the "
                                   "registered voters)"))
    return out


@domain_check("referendum_results")
def _referendum_ballots(file, df):
    return _ballots_within_registered(file, df, ["vote_date", "stage"])


@domain_check("referendum_regions")
def _regional_ballots(file, df):
    return _ballots_within_registered(file, df, ["vote_date", "region_code", "stage"])


@domain_check("mazhilis_totals")
def _mazhilis_ballots(file, df):
    return _ballots_within_registered(file, df.assign(share_base=""), ["election_date", "stage"],
                                      cast=("ballots_received",))


@domain_check("referendum_regions")
def _regional_parts_add_up(file, df):
    """In a region, yes, no, invalid (and both-options) ballots add up to the ballots cast; a published share
    matches its counts to the published rounding."""
    out = []
    rows = dict(zip(df.index, rows_of(df)))
    for (date, region, stage), g in df.groupby(["vote_date", "region_code", "stage"]):
        values = _first_values(g)
        present = [p for p in PARTS if p in values]
        if "ballots_cast" in values and {"yes_votes", "no_votes", "invalid_ballots"} <= set(present):
            total = sum(values[p][0] for p in present)
            if total != values["ballots_cast"][0]:
                out.append(Problem(file, rows[values["ballots_cast"][1]], "value", f"{stage} categories of {region} "
                                   f"({' + '.join(present)}) add up to {readable(total)}, not to the "
                                   f"{readable(values['ballots_cast'][0])} ballots cast (expected equal)"))
        for i in g.index[g["share_base"].fillna("") != ""]:
            m, base, value = df.at[i, "measure"], df.at[i, "share_base"], df.at[i, "value"]
            num, den = values.get(NUMERATOR.get(m, "")), values.get(base)
            if pd.isna(value) or num is None or den is None or not den[0]:
                continue
            computed = 100 * num[0] / den[0]
            if abs(computed - value) > _tolerance(value):
                out.append(Problem(file, rows[i], "value", f"{region} {m} published as {readable(value)}% of {base}, but the "
                                   f"{stage} counts give {computed:.3f}% (expected a match to the published rounding)"))
    return out


@domain_check("court_caseload")
def _cumulative_never_falls(file, df):
    """A count kept since a fixed start (same body, measure, start and qualifier) never falls as its end date
    moves on: a fall is a swapped date or a dropped digit."""
    out = []
    rows = dict(zip(df.index, rows_of(df)))
    counts = df[(df["unit"] == "count") & df["period_end"].notna()]
    for (body, measure, start, qualifier), g in counts.groupby(["body", "measure", "period_start", "qualifier"]):
        best = None
        for i in g.sort_values("period_end", kind="stable").index:
            value, end = df.at[i, "value"], df.at[i, "period_end"]
            if best is not None and value < best[0] and end > best[2]:
                out.append(Problem(file, rows[i], "value", f"{measure} of the {body} since {_day(start)} ({qualifier}) "
                                   f"falls to {readable(value)} by {_day(end)} from {readable(best[0])} by {_day(best[2])} (row "
                                   f"{rows[best[1]]}); expected a running total never to fall (check the dates and "
                                   "the digits)"))
            if best is None or value >= best[0]:
                best = (value, i, end)
    return out


POPULATION_CHANGE_PER_YEAR = 0.05  # a census revision moves a country by a few percent, never by a factor


@domain_check("population")
def _population_near_its_neighbours(file, df):
    """A country's population lies within 5% a year of its neighbouring dates (catches a dropped or added digit)."""
    out = []
    rows = dict(zip(df.index, rows_of(df)))
    for country, g in df.groupby("country"):
        ordered = g.sort_values("reference_date", kind="stable").index
        for a, b in zip(ordered, ordered[1:]):
            va, vb = df.at[a, "value"], df.at[b, "value"]
            years = max(1.0, (df.at[b, "reference_date"] - df.at[a, "reference_date"]).days / 365.25)
            if va and vb and abs(vb / va - 1) > POPULATION_CHANGE_PER_YEAR * years:
                out.append(Problem(file, rows[b], "value", f"{country} population {vb:,.0f} on "
                                   f"{_day(df.at[b, 'reference_date'])} is {100 * (vb / va - 1):+.0f}% from "
                                   f"{va:,.0f} on {_day(df.at[a, 'reference_date'])} (row {rows[a]}); expected within "
                                   f"{100 * POPULATION_CHANGE_PER_YEAR * years:.0f}% (check for a dropped or added digit)"))
    return out


@package_check("mazhilis_rules", "mazhilis_results")
def _threshold_fits_the_election(tables):
    """The threshold of an election is consistent with its final results: every party list that won seats
    reached it, every party list that reached it won seats; and the rule's seats add up."""
    rules, results = tables["mazhilis_rules"], tables["mazhilis_results"]
    out = []
    rule_rows, result_rows = dict(zip(rules.index, rows_of(rules))), dict(zip(results.index, rows_of(results)))
    for i in rules.index:
        r = rules.loc[i]
        parts = sum(0 if pd.isna(r[c]) else r[c] for c in ("list_seats", "district_seats", "assembly_seats"))
        if parts != r["total_seats"]:
            out.append(Problem("data/mazhilis_rules.csv", rule_rows[i], "total_seats", f"list, district and Assembly "
                               f"seats make {readable(parts)}, not {readable(r['total_seats'])} (expected them to add up)"))
        threshold, day = r["threshold_pct"], f"{r['election_date']:%Y-%m-%d}"
        final = results[(results["election_date"] == r["election_date"]) & (results["stage"] == "final")
                         & (results["contestant_type"] == "party")]
        for j in final.index:
            share, seats = final.at[j, "list_share_pct"], final.at[j, "list_seats"]
            if pd.isna(share) or pd.isna(seats):
                continue
            if seats > 0 and share < threshold:
                out.append(Problem("data/mazhilis_rules.csv", rule_rows[i], "threshold_pct", f"{readable(threshold)}% for "
                                   f"{day}, but {final.at[j, 'contestant_id']} won {readable(seats)} list seats with "
                                   f"{readable(share)}% (data/mazhilis_results.csv row {result_rows[j]}; expected every list "
                                   "with seats to reach the threshold)"))
            if seats == 0 and share >= threshold:
                out.append(Problem("data/mazhilis_rules.csv", rule_rows[i], "threshold_pct", f"{readable(threshold)}% for "
                                   f"{day}, but {final.at[j, 'contestant_id']} reached it with {readable(share)}% and won no "
                                   f"list seat (data/mazhilis_results.csv row {result_rows[j]}; expected every list "
                                   "at or above the threshold to win seats)"))
    return out


@domain_check("regions")
def _one_region_per_tile(file, df):
    """Each tile of the tile map holds one region (a second one would hide the first)."""
    out, seen = [], {}
    for i, number in zip(df.index, rows_of(df)):
        tile = (df.at[i, "tile_x"], df.at[i, "tile_y"])
        if tile in seen:
            out.append(Problem(file, number, "tile_y", f"tile ({tile[0]}, {tile[1]}) already holds "
                               f"{seen[tile][0]} (row {seen[tile][1]}); expected one region per tile"))
        seen.setdefault(tile, (df.at[i, "region_code"], number))
    return out


LOCATOR_WORDS = 30  # a locator quotes a few words around a value, never a passage


@domain_check("source_locators")
def _locator_unless_page_not_found(file, df):
    """A locator row says where the value sits, or that the stored page was not found (then no locator, and its
    note says what was searched)."""
    out = []
    for i, number in zip(df.index, rows_of(df)):
        located, missing = pd.notna(df.at[i, "locator"]), df.at[i, "status"] == "page not in store"
        if missing and located:
            out.append(Problem(file, number, "locator", "is filled, but the status is 'page not in store' (expected an "
                               "empty locator where the page was not found)"))
        elif missing and not (isinstance(df.at[i, "note"], str) and df.at[i, "note"].strip()):
            out.append(Problem(file, number, "note", "is empty (expected what was searched for the page not in store)"))
        elif not missing and not located:
            out.append(Problem(file, number, "locator", f"is empty, but the status is {df.at[i, 'status']!r} "
                               "(expected a few words saying where the value sits)"))
        elif located and len(str(df.at[i, "locator"]).split()) > LOCATOR_WORDS:
            out.append(Problem(file, number, "locator", f"has {len(str(df.at[i, 'locator']).split())} words (expected "
                               f"at most {LOCATOR_WORDS}: a few words of the page, never a long quotation)"))
    return out
