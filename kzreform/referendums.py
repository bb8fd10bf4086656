"""Nationwide referendums: shares on three denominators, turnout, and the adoption rules.

A share depends on what it is a share of. The commission reports yes as a share of ballots cast;
other sources use valid ballots (ballots cast less invalid ones); the strictest base is the whole
registered electorate. Each is computed here from the published counts.
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

import pandas as pd

from .rules import without_exempt_rows


LABELS = {"1995-04-29": "1995: President's term extended to 2000", "1995-08-30": "1995: new Constitution",
          "2022-06-05": "2022: constitutional amendments", "2024-10-06": "2024: nuclear power plant",
          "2026-03-15": "2026: new Constitution"}
# The rules as data/referendum_rules.csv states them: a vote is valid if more than half of the
# registered voters take part; a constitutional change also needs a majority of those voting in "no less
# than two-thirds" of the regions and cities of republican significance (the share is read from the
# table's regional_majority_share row, in the law's words, and evaluated by units_needed).
QUORUM_PCT = 50.0
SHARES = {"two-thirds": Fraction(2, 3), "2/3": Fraction(2, 3), "half": Fraction(1, 2), "one half": Fraction(1, 2)}
AT_LEAST = ("no less than", "not less than", "at least", "")
STAGES = ("final", "preliminary")


def best(results: pd.DataFrame) -> pd.DataFrame:
    """One row per vote, measure and base: final where published, else preliminary; the first source if
    several agree; rows exempted from a rule (a known discrepancy, in exempt_from) left out."""
    ok = without_exempt_rows(results)
    ok = ok.assign(share_base=ok["share_base"].fillna(""),
                   _rank=ok["stage"].map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES)))
    ok = ok[ok["stage"].isin(STAGES)].sort_values("_rank", kind="stable")
    return ok.drop_duplicates(["vote_date", "measure", "share_base"]).set_index(["vote_date", "measure", "share_base"])


def published(results: pd.DataFrame, date, measure: str, share_base: str = "") -> pd.Series:
    """The row for a count (or share), final where published, else preliminary; first source if several agree."""
    key = (pd.Timestamp(date), measure, share_base)
    table = best(results)
    if key not in table.index:
        raise LookupError(f"no {measure} published for the vote of {date}")
    return table.loc[key]


COUNTS = ("registered_voters", "ballots_cast", "yes_votes", "no_votes", "invalid_ballots", "both_options_ballots")


def counts(results: pd.DataFrame) -> pd.DataFrame:
    """One row per vote: the published counts, each with the stage it comes from."""
    table = best(results)
    rows = []
    for date in sorted(results["vote_date"].unique()):
        row = {"vote_date": date, "label": LABELS[f"{date:%Y-%m-%d}"]}
        for m in COUNTS:
            key = (date, m, "")
            found = key in table.index
            row[m] = table.loc[key, "value"] if found else math.nan
            row[f"{m}_stage"] = table.loc[key, "stage"] if found else "not found"
        rows.append(row)
    out = pd.DataFrame(rows)
    for m in COUNTS:
        out[m] = out[m].astype("Int64")
    return out


def denominators(results: pd.DataFrame) -> pd.DataFrame:
    """Turnout and the yes share of ballots cast, of valid ballots and of the registered electorate (percent)."""
    c = counts(results)
    for m in ("registered_voters", "ballots_cast", "yes_votes", "invalid_ballots"):
        c[m] = c[m].astype(float)
    valid = c["ballots_cast"] - c["invalid_ballots"]
    return pd.DataFrame({
        "vote_date": c["vote_date"], "label": c["label"],
        "turnout_pct": 100 * c["ballots_cast"] / c["registered_voters"],
        "yes_of_ballots_pct": 100 * c["yes_votes"] / c["ballots_cast"],
        "yes_of_valid_pct": 100 * c["yes_votes"] / valid,
        "yes_of_registered_pct": 100 * c["yes_votes"] / c["registered_voters"],
        "stages": [", ".join(sorted({s for k, s in r.items() if k.endswith("_stage") and s != "not found"}))
                   for _, r in c.iterrows()],
    })


def _value_or_nan(results, date, measure) -> float:
    try:
        return published(results, date, measure)["value"]
    except LookupError:
        return math.nan


def share_rule(words: str) -> tuple[str, Fraction]:
    """A share as a law words it, read: 'no less than two-thirds' -> ('no less than', 2/3)."""
    m = re.fullmatch(r"\s*(no less than|not less than|at least|more than)?\s*(two-thirds|2/3|one half|half)\s*",
                     str(words).lower())
    if not m:
        raise ValueError(f"cannot read the share {words!r} (expected e.g. 'no less than two-thirds')")
    return m[1] or "", SHARES[m[2]]


def units_needed(words: str, units: int) -> int:
    """The fewest units that satisfy a share as the law words it: 'no less than two-thirds' of 17 is 12
    (two-thirds of 17 is 11.33, and 11 is less than that); 'more than half' of 17 is 9."""
    op, share = share_rule(words)
    exact = share * int(units)
    if op in AT_LEAST:
        return math.ceil(exact)
    return math.floor(exact) + 1


def regional_rule(rules: pd.DataFrame, date) -> pd.Series | None:
    """The regional_majority_share row of a vote (the law's words for the share of units), or None."""
    r = rules[(rules["vote_date"] == pd.Timestamp(date)) & (rules["rule"] == "regional_majority_share")]
    return None if r.empty else r.iloc[0]


def official_count(rules: pd.DataFrame, date) -> pd.Series | None:
    """An official's own count of the units needed (regional_units_stated_by_official), kept beside the rule."""
    r = rules[(rules["vote_date"] == pd.Timestamp(date)) & (rules["rule"] == "regional_units_stated_by_official")]
    return None if r.empty else r.iloc[0]


def adoption(results: pd.DataFrame, rules: pd.DataFrame) -> pd.DataFrame:
    """The rules (data/referendum_rules.csv) evaluated from the results: quorum, national majority, and regional
    majorities where published (the units needed computed from the regional rule as the law words it)."""
    d = denominators(results)
    rows = []
    for _, r in d.iterrows():
        date = r["vote_date"]
        units = _value_or_nan(results, date, "regional_units")
        won = _value_or_nan(results, date, "regions_with_yes_majority")
        rule = regional_rule(rules, date)
        needed = units_needed(rule["value"], units) if rule is not None and units == units else math.nan
        rows.append({"vote_date": date, "label": r["label"], "turnout_pct": r["turnout_pct"],
                     "quorum_met": r["turnout_pct"] > QUORUM_PCT,
                     "yes_of_ballots_pct": r["yes_of_ballots_pct"], "majority_met": r["yes_of_ballots_pct"] > 50,
                     "regional_units": units, "regional_rule": rule["value"] if rule is not None else "",
                     "units_needed": needed, "units_with_yes_majority": won,
                     "regional_rule_met": (won >= needed) if won == won and needed == needed else None})
    return pd.DataFrame(rows)


def regions_latest_turnout(hourly: pd.DataFrame, regions: pd.DataFrame, date, time: str) -> pd.DataFrame:
    """Each unit's turnout at a bulletin hour (first source where several printed the same hour), with names."""
    rows = hourly[(hourly["vote_date"] == pd.Timestamp(date)) & (hourly["time"] == time)
                  & (hourly["exempt_from"].fillna("").str.strip() == "")]
    rows = rows.drop_duplicates("region_code")
    names = regions.set_index("region_code")["name_en"]
    out = rows[["region_code", "turnout_pct", "source_id"]].copy()
    out["name_en"] = out["region_code"].map(names).fillna("Kazakhstan")
    return out.reset_index(drop=True)


def regional_results(reg: pd.DataFrame, regions: pd.DataFrame, measure: str) -> pd.DataFrame:
    """A 2022 regional measure where a source gives it, with names and stage."""
    rows = reg[(reg["measure"] == measure) & reg["value"].notna()].drop_duplicates("region_code")
    names = regions.set_index("region_code")["name_en"]
    out = rows[["region_code", "value", "stage", "source_id"]].copy()
    out["name_en"] = out["region_code"].map(names).fillna("Abroad")
    return out.reset_index(drop=True)


def regional_matrix(reg: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Units by measure: each 2022 regional value found, marked with its stage; empty where not found."""
    found = reg[reg["value"].notna()].drop_duplicates(["region_code", "measure"])
    cell = found["value"].map(lambda v: f"{v:,.2f}".rstrip("0").rstrip(".")) + " (" + found["stage"] + ")"
    table = found.assign(cell=cell).pivot(index="region_code", columns="measure", values="cell")
    units = [c for c in reg["region_code"].unique()]
    names = regions.set_index("region_code")["name_en"].to_dict() | {"abroad": "Abroad"}
    table = table.reindex(sorted(units)).fillna("")
    table.index = [names.get(c, c) for c in table.index]
    return table
