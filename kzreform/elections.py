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


# --- charts ---------------------------------------------------------------------------------------

from . import charts  # noqa: E402  (charts import matplotlib; the computations above do not need it)

SHORT = {"amanat": "Amanat / Nur Otan", "ak_zhol": "Ak Zhol", "peoples_party": "People's Party", "auyl": "Auyl",
         "adal": "Adal", "respublica": "Respublica", "osdp": "OSDP", "baytaq": "Baytaq"}


def _sources(*frames) -> list[str]:
    ids = []
    for f in frames:
        ids += list(f["source_id"])
    return list(dict.fromkeys(ids))


def year(date) -> int:
    return pd.Timestamp(date).year


def seats_chart(results, totals, rules, actual_date, other_date):
    """List seats per party at two elections, as allocated and under the other election's threshold."""
    a_rule, o_rule = rules_for(rules, actual_date), rules_for(rules, other_date)
    panels = [(actual_date, o_rule["threshold_pct"]), (other_date, a_rule["threshold_pct"])]
    tables = {d: counterfactual(results, totals, rules, d, t) for d, t in panels}
    shut = tables[actual_date]
    shut_out = [SHORT[p] for p in shut.index[(shut["actual_seats"] > 0) & (shut["counterfactual_seats"] == 0)]]
    let_in = tables[other_date]
    let_in = [SHORT[p] for p in let_in.index[(let_in["actual_seats"] == 0) & (let_in["counterfactual_seats"] > 0)]]
    n_actual = int((shut["actual_seats"] > 0).sum())
    used = results[results["election_date"].isin([pd.Timestamp(actual_date), pd.Timestamp(other_date)])]
    fig, axes = charts.figure(
        f"Under the old {o_rule['threshold_pct']:g}% rule, {len(shut_out)} of the {n_actual} list parties of "
        f"{year(actual_date)} would have won no seats; under {a_rule['threshold_pct']:g}%, "
        f"{' and '.join(let_in) or 'no other party'} would have entered in {year(other_date)}",
        f"Party-list seats as allocated, and as the same votes give under the other election's threshold "
        f"(same number of list seats; largest-remainder rule of the election law). Single-member district "
        f"seats ({year(actual_date)}) are not included.",
        _sources(used, rules), ncols=2, width=6.5, height=4.2)
    rows = []
    for ax, (date, threshold) in zip(axes, panels):
        t = tables[date].iloc[::-1]
        y = range(len(t))
        rule = rules_for(rules, date)
        ax.barh([i + 0.2 for i in y], t["actual_seats"], height=0.38, color=charts.ACCENT,
                label=f"as allocated ({rule['threshold_pct']:g}%)")
        ax.barh([i - 0.2 for i in y], t["counterfactual_seats"], height=0.38, color=charts.SECOND,
                label=f"under {threshold:g}%")
        for i, (a, c) in enumerate(zip(t["actual_seats"], t["counterfactual_seats"])):
            ax.text(a + 0.8, i + 0.2, f"{a}", va="center", fontsize=7, color=charts.TEXT)
            ax.text(c + 0.8, i - 0.2, f"{c}", va="center", fontsize=7, color=charts.TEXT)
        ax.set_yticks(list(y), [SHORT[p] for p in t.index], fontsize=7.5)
        ax.set_title(f"{year(date)} votes, {int(rule['list_seats'])} list seats", loc="left", fontsize=8.5,
                     color=charts.TEXT)
        ax.grid(axis="y", visible=False)
        ax.grid(axis="x", visible=True)
        ax.set_xlim(0, t[["actual_seats", "counterfactual_seats"]].to_numpy().max() * 1.15)
        ax.set_xlabel("List seats")
        ax.legend(loc="lower right", fontsize=7, handlelength=1)
        for p, r in tables[date].iterrows():
            rows.append({"election_date": f"{pd.Timestamp(date):%Y-%m-%d}", "contestant_id": p,
                         "share_pct": round(r["share_pct"], 3), "threshold_actual_pct": rule["threshold_pct"],
                         "seats_actual": int(r["actual_seats"]), "threshold_counterfactual_pct": threshold,
                         "seats_counterfactual": int(r["counterfactual_seats"])})
    return fig, pd.DataFrame(rows)


def threshold_chart(results, totals, rules, dates):
    """Each party's list share at each election against the 5% and 7% thresholds."""
    rows = []
    for d in dates:
        votes = list_votes(results, d)
        s = shares(votes, votes.sum() + against_all(totals, d))
        for p, v in s.items():
            rows.append({"election_date": f"{pd.Timestamp(d):%Y-%m-%d}", "contestant_id": p, "share_pct": round(v, 3)})
    data = pd.DataFrame(rows)
    between = data[(data["share_pct"] >= 5) & (data["share_pct"] < 7)]
    used = results[results["election_date"].isin([pd.Timestamp(d) for d in dates])]
    lines = ", ".join(f"{SHORT[r.contestant_id]} ({year(r.election_date)})" for r in between.itertuples())
    fig, ax = charts.figure(
        f"{len(between)} list results fell between the two thresholds: {lines}",
        "Share of the party-list vote (percent; in 2023 the base includes 'against all'), by election. Dashed "
        "lines: the 5% threshold (2023) and the 7% threshold (2016, 2021).",
        _sources(used))
    order = list(dict.fromkeys(data.sort_values("share_pct", ascending=False)["contestant_id"]))
    colours = dict(zip([f"{pd.Timestamp(d):%Y-%m-%d}" for d in dates], [charts.CONTEXT, charts.SECOND, charts.ACCENT]))
    for d, g in data.groupby("election_date"):
        ax.scatter(g["share_pct"], [order.index(p) for p in g["contestant_id"]], s=28, color=colours[d],
                   label=d[:4], zorder=3)
    for t in (5, 7):
        ax.axvline(t, color=charts.MUTED, linestyle="--", linewidth=0.9)
        ax.text(t, -0.9, f"{t}%", ha="center", va="bottom", fontsize=7.5, color=charts.MUTED)
    ax.set_xscale("log")
    ax.set_xticks([0.5, 1, 2, 5, 7, 10, 20, 50, 80], ["0.5", "1", "2", "5", "7", "10", "20", "50", "80"])
    ax.set_xlabel("Share of the list vote, % (log scale)")
    ax.set_yticks(range(len(order)), [SHORT[p] for p in order], fontsize=7.5)
    ax.set_ylim(len(order) - 0.5, -1.2)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="lower right", title="Election", fontsize=7, title_fontsize=7)
    return fig, data


def indices_table(results, totals, dates) -> pd.DataFrame:
    return pd.DataFrame([indices(results, totals, d) for d in dates])


INDEX_LABELS = {"parties_with_seats": "Parties winning seats", "enp_votes": "Effective number of parties,\nby list votes",
                "enp_party_seats": "Effective number of parties,\nby seats won", "gallagher_list": "Disproportionality\n(Gallagher, list tier)"}


def indices_chart(results, totals, dates):
    """Parties in parliament, effective number of parties and disproportionality, election by election."""
    table = indices_table(results, totals, dates)
    first, last = table.iloc[0], table.iloc[-1]
    used = results[results["election_date"].isin([pd.Timestamp(d) for d in dates])]
    fig, axes = charts.figure(
        f"The effective number of parties holding seats rose from {first['enp_party_seats']:.1f} in "
        f"{year(first['election_date'])} to {last['enp_party_seats']:.1f} in {year(last['election_date'])}",
        "Laakso-Taagepera effective number of parties (1 / sum of squared shares); Gallagher least-squares index "
        "in percentage points (0 = seats exactly proportional to votes). Seats by party exclude the Assembly's "
        "appointees and self-nominated deputies.", _sources(used), ncols=4, width=6.5, height=3.8)
    rows = []
    for ax, key in zip(axes, INDEX_LABELS):
        values = table[key]
        colours = [charts.CONTEXT] * (len(values) - 1) + [charts.ACCENT]
        ax.bar(range(len(values)), values, color=colours, width=0.65)
        for i, v in enumerate(values):
            ax.text(i, v, f"{v:.0f}" if key == "parties_with_seats" else f"{v:.1f}", ha="center", va="bottom",
                    fontsize=7, color=charts.TEXT)
        ax.set_xticks(range(len(values)), [str(year(d)) for d in table["election_date"]], fontsize=7)
        ax.set_title(INDEX_LABELS[key], loc="left", fontsize=7.5, color=charts.TEXT)
        ax.set_ylim(0, values.max() * 1.2)
        ax.tick_params(axis="y", labelsize=7)
        rows += [{"election_date": f"{d:%Y-%m-%d}", "measure": key, "value": round(v, 4)}
                 for d, v in zip(table["election_date"], values)]
    return fig, pd.DataFrame(rows)
