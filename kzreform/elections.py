"""Mazhilis elections: the list-seat allocation, thresholds, fragmentation and disproportionality.

The allocation follows article 97-1 of the Constitutional Law "On Elections in the Republic of
Kazakhstan" as the sources describe it (see data/mazhilis_rules.csv): lists at or above the threshold
are admitted; the votes of admitted lists divided by the number of list seats give the quota; each
list gets the whole part of its votes divided by the quota; seats left over go to the largest
remainders; equal remainders go to the list registered earlier (the order of the input).
"""

from __future__ import annotations

import math

import pandas as pd


def shares(votes: pd.Series, denominator: float | None = None) -> pd.Series:
    """Each count as a percentage of the denominator (default: their sum)."""
    total = votes.sum() if denominator is None else denominator
    return 100 * votes / total


def parties_passing(votes: pd.Series, threshold_pct: float, denominator: float | None = None) -> pd.Series:
    """Boolean Series: the lists whose share is at or above the threshold ('not less than')."""
    return shares(votes, denominator) >= threshold_pct - 1e-12


def allocate_seats(votes: pd.Series, seats: int, threshold_pct: float = 0.0, denominator: float | None = None,
                   admit_runner_up: bool = True) -> pd.Series:
    """List seats per list by threshold and largest remainder (Hare quota); index order breaks ties.

    votes: list votes indexed by party, in the order the lists were registered.
    denominator: the total the threshold is measured against (default: the sum of `votes`).
    admit_runner_up: if fewer than two lists pass, the next-best list is admitted too, as the law provides.
    """
    if seats < 0 or (votes < 0).any():
        raise ValueError("seats and votes must not be negative")
    votes = votes.astype(float)
    admitted = parties_passing(votes, threshold_pct, denominator) if len(votes) else votes.astype(bool)
    if admit_runner_up and admitted.sum() < 2 and len(votes) >= 2:
        ranked = votes[~admitted].sort_values(ascending=False, kind="stable")
        for party in ranked.index[: 2 - int(admitted.sum())]:
            admitted[party] = True
    result = pd.Series(0, index=votes.index, dtype=int)
    pool = votes[admitted]
    if seats == 0 or pool.sum() == 0:
        return result
    quota = pool.sum() / seats
    exact = pool / quota
    whole = exact.apply(math.floor).astype(int)
    left = seats - int(whole.sum())
    remainders = (exact - whole).reset_index(drop=True)
    order = sorted(range(len(pool)), key=lambda i: (-round(remainders[i], 12), i))  # ties: registered earlier
    for i in order[:left]:
        whole.iloc[i] += 1
    result[whole.index] = whole
    return result


def effective_number(values: pd.Series) -> float:
    """Laakso-Taagepera effective number of parties: 1 / sum of squared fractional shares."""
    p = values / values.sum()
    return float(1 / (p ** 2).sum())


def gallagher(vote_pct: pd.Series, seat_pct: pd.Series) -> float:
    """Gallagher's least-squares index of disproportionality, in percentage points (0 = proportional)."""
    diff = vote_pct.sub(seat_pct, fill_value=0)
    return float(math.sqrt((diff ** 2).sum() / 2))


# --- the published data -------------------------------------------------------------------------------

def list_votes(results: pd.DataFrame, date) -> pd.Series:
    """Party-list votes of one election, indexed by contestant_id, in the order of the data."""
    rows = results[(results["election_date"] == pd.Timestamp(date)) & results["list_votes"].notna()
                   & (results["stage"] == "final")]
    return rows.set_index("contestant_id")["list_votes"].astype(int)


def against_all(totals: pd.DataFrame, date) -> int:
    """'Against all' votes on the list ballot (0 where the ballot had no such option or none is published)."""
    rows = totals[(totals["election_date"] == pd.Timestamp(date)) & (totals["measure"] == "against_all_votes")
                  & (totals["stage"] == "final")]
    return int(rows["value"].iloc[0]) if len(rows) else 0


def total(totals: pd.DataFrame, date, measure: str, stage: str = "final") -> pd.Series:
    """The first published row of a measure at an election and stage."""
    rows = totals[(totals["election_date"] == pd.Timestamp(date)) & (totals["measure"] == measure)
                  & (totals["stage"] == stage)]
    if rows.empty:
        raise LookupError(f"no {stage} {measure} for the election of {date}")
    return rows.iloc[0]


def rules_for(rules: pd.DataFrame, date) -> pd.Series:
    return rules.set_index("election_date").loc[pd.Timestamp(date)]


def reproduce_allocation(results: pd.DataFrame, totals: pd.DataFrame, rules: pd.DataFrame, date) -> pd.DataFrame:
    """The official list seats next to the seats the rule gives from the published votes."""
    votes = list_votes(results, date)
    rule = rules_for(rules, date)
    denominator = votes.sum() + against_all(totals, date)
    computed = allocate_seats(votes, int(rule["list_seats"]), rule["threshold_pct"], denominator)
    official = results[(results["election_date"] == pd.Timestamp(date)) & results["list_votes"].notna()] \
        .set_index("contestant_id")
    return pd.DataFrame({"name": official["name_en"], "votes": votes,
                         "share_pct": shares(votes, denominator).round(2),
                         "published_share_pct": official["list_share_pct"],
                         "official_list_seats": official["list_seats"].astype(int),
                         "computed_list_seats": computed,
                         "matches": official["list_seats"].astype(int) == computed})


def counterfactual(results: pd.DataFrame, totals: pd.DataFrame, rules: pd.DataFrame, date, threshold_pct: float,
                   seats: int | None = None) -> pd.DataFrame:
    """The list seats an election's votes give under another threshold (and, optionally, seat count)."""
    votes = list_votes(results, date)
    rule = rules_for(rules, date)
    seats = int(rule["list_seats"]) if seats is None else seats
    denominator = votes.sum() + against_all(totals, date)
    actual = allocate_seats(votes, int(rule["list_seats"]), rule["threshold_pct"], denominator)
    other = allocate_seats(votes, seats, threshold_pct, denominator)
    return pd.DataFrame({"share_pct": shares(votes, denominator), "actual_seats": actual, "counterfactual_seats": other,
                         "change": other - actual})


def indices(results: pd.DataFrame, totals: pd.DataFrame, date) -> dict:
    """Parties winning seats, effective number of parties and Gallagher index (list tier) for one election.

    enp_party_seats counts all seats won by parties (list and district); it leaves out the Assembly's
    nine appointees (2016, 2021) and self-nominated district winners (2023).
    """
    votes = list_votes(results, date)
    rows = results[(results["election_date"] == pd.Timestamp(date)) & (results["stage"] == "final")]
    elected = rows.set_index("contestant_id")["total_seats"]
    party_seats = elected[rows.set_index("contestant_id")["contestant_type"] == "party"]
    list_seats = rows.set_index("contestant_id")["list_seats"].reindex(votes.index).fillna(0)
    # Vote shares on the commission's published base (list votes plus 'against all' in 2023); 'against
    # all' is not a party, so it adds no term of its own to the index.
    vote_pct = shares(votes, votes.sum() + against_all(totals, date))
    return {"election_date": pd.Timestamp(date), "parties_with_seats": int((party_seats > 0).sum()),
            "enp_votes": effective_number(votes),
            "enp_list_seats": effective_number(list_seats[list_seats > 0]),
            "enp_party_seats": effective_number(party_seats[party_seats > 0]),
            "gallagher_list": gallagher(vote_pct, shares(list_seats))}


def women_share(totals: pd.DataFrame) -> pd.DataFrame:
    """Women deputies after each election, as published, and as a share of the chamber's seats."""
    seats = totals[totals["measure"] == "seats_total"].drop_duplicates("election_date") \
        .set_index("election_date")["value"]
    women = totals[totals["measure"] == "women_deputies"]
    return pd.DataFrame({"election_date": women["election_date"], "women_deputies": women["value"].astype(int),
                         "seats": women["election_date"].map(seats).astype(int),
                         "share_pct": 100 * women["value"] / women["election_date"].map(seats),
                         "source_id": women["source_id"]}).reset_index(drop=True)


def turnout(totals: pd.DataFrame) -> pd.DataFrame:
    """Published turnout by election and stage, with its source."""
    rows = totals[totals["measure"] == "turnout_pct"]
    return rows[["election_date", "stage", "value", "source_id", "note"]].rename(columns={"value": "turnout_pct"}) \
        .reset_index(drop=True)


def election_dates(rules: pd.DataFrame) -> list[pd.Timestamp]:
    """Every election in the rules table (data/mazhilis_rules.csv), oldest first."""
    return sorted(rules["election_date"])


def indices_table(results, totals, dates) -> pd.DataFrame:
    return pd.DataFrame([indices(results, totals, d) for d in dates])
