"""Notebook 04: Mazhilis elections before and after the reform."""

from __future__ import annotations

import textwrap

import pandas as pd

from .. import charts, elections as el, i18n, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from ..names import PARTY_SHORT, party
from .registry import Chart, exhibit

NB = "04_mazhilis_elections"
MAZHILIS = ("mazhilis_results", "mazhilis_totals", "mazhilis_rules")


def election_dates(t: Tables) -> list[pd.Timestamp]:
    """Every election in data/mazhilis_rules.csv, oldest first."""
    return el.election_dates(t.mazhilis_rules)


def before_after(t: Tables) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The last election before the reform and the first after it: the two latest in the rules table."""
    dates = election_dates(t)
    return dates[-2], dates[-1]


def election_role(date) -> str:
    role = f"election_{pd.Timestamp(date).year}"
    return role if role in charts.ROLES else "context"


def _sources(*frames) -> list[str]:
    ids = []
    for f in frames:
        ids += list(f["source_id"])
    return list(dict.fromkeys(ids))


def threshold_role(t: Tables, threshold: float) -> str:
    """The colour role of a threshold: that of the latest election held under it."""
    rules = t.mazhilis_rules.sort_values("election_date")
    date = rules[rules["threshold_pct"] == threshold]["election_date"].iloc[-1]
    return election_role(date)


@exhibit(NB, reads=MAZHILIS, default=(6.5, 4.2))
def mazhilis_seats_counterfactual(t: Tables, c: Canvas) -> Chart:
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    before, after = before_after(t)
    b_rule, a_rule = el.rules_for(rules, before), el.rules_for(rules, after)
    panels = [(after, b_rule["threshold_pct"]), (before, a_rule["threshold_pct"])]
    tables = {d: el.counterfactual(results, totals, rules, d, th) for d, th in panels}
    shut = tables[after]
    shut_out = [party(p) for p in shut.index[(shut["actual_seats"] > 0) & (shut["counterfactual_seats"] == 0)]]
    let_in = tables[before]
    let_in = [party(p) for p in let_in.index[(let_in["actual_seats"] == 0) & (let_in["counterfactual_seats"] > 0)]]
    n_actual = int((shut["actual_seats"] > 0).sum())
    used = results[results["election_date"].isin([before, after])]
    fields = {"old": wording.pct_g(b_rule["threshold_pct"]), "new": wording.pct_g(a_rule["threshold_pct"]),
              "n": len(shut_out), "of": n_actual, "after": after.year, "before": before.year}
    title = (tr("Under the old {old} rule, {n} of the {of} list parties of {after} would have won no seats; under "
                "{new}, {entered} would have entered in {before}", entered=wording.listing(let_in), **fields)
             if let_in else
             tr("Under the old {old} rule, {n} of the {of} list parties of {after} would have won no seats; under "
                "{new}, no other party would have entered in {before}", **fields))
    fig, axes = c.figure(
        title,
        tr("Party-list seats as allocated, and as the same votes give under the other election's threshold (same "
           "number of list seats; largest-remainder rule of the election law). Single-member district seats "
           "({after}) are not included. Filled bars: as allocated; outlined bars: under the other threshold "
           "(colour: the threshold applied, as in the panel titles).", after=after.year),
        _sources(used, rules), panels=2, panel_min=(2.0, 1.4))
    rows = []
    for ax, (date, threshold) in zip(axes, panels):
        tb = tables[date].iloc[::-1]
        y = range(len(tb))
        rule = el.rules_for(rules, date)
        labels = [party(p, c.narrow, wrap=True) for p in tb.index]
        # each label has one slot of the axis, so the slots are as tall as the label with the most lines
        size = c.category_size(fig, len(labels) * max(lab.count("\n") + 1 for lab in labels), 24)
        actual_role, other_role = threshold_role(t, rule["threshold_pct"]), threshold_role(t, threshold)
        ax.barh([i + 0.19 for i in y], tb["actual_seats"], height=0.38, color=colour(actual_role))
        ax.barh([i - 0.19 for i in y], tb["counterfactual_seats"], height=0.38, facecolor="white",
                edgecolor=colour(other_role), linewidth=1.2)
        for i, (a, cf) in enumerate(zip(tb["actual_seats"], tb["counterfactual_seats"])):
            ax.annotate(f"{a} → {cf}", (max(a, cf), i), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize=size, color=charts.TEXT)
        ax.set_yticks(list(y), labels, fontsize=size)
        ax.tick_params(axis="y", length=0)
        ax.set_title(tr("{year} votes, {seats} list seats: {a} → {b}", year=date.year, seats=int(rule["list_seats"]),
                        a=wording.pct_g(rule["threshold_pct"]), b=wording.pct_g(threshold)),
                     loc="left", fontsize=c.pt("small"), color=charts.TEXT)
        charts.horizontal_bars(ax)
        top = tb[["actual_seats", "counterfactual_seats"]].to_numpy().max()
        c.room_for_labels(fig, ax, "00 → 00", top, size)
        ax.set_xlabel(tr("List seats"))
        for p, r in tables[date].iterrows():
            rows.append({"election_date": wording.iso(date), "contestant_id": p,
                         "share_pct": round(r["share_pct"], 3), "threshold_actual_pct": rule["threshold_pct"],
                         "seats_actual": int(r["actual_seats"]), "threshold_counterfactual_pct": threshold,
                         "seats_counterfactual": int(r["counterfactual_seats"])})
    c.wrap_titles(fig, axes)
    cf_after = tables[after]
    alt = tr("Bar charts: under {old}, the {after} votes would have seated {a} list parties instead of {of}; under "
             "{new}, the {before} votes would have seated {b} instead of {c}.",
             a=int((cf_after["counterfactual_seats"] > 0).sum()), b=int((tables[before]["counterfactual_seats"] > 0).sum()),
             c=int((tables[before]["actual_seats"] > 0).sum()), **fields)
    return Chart(fig, pd.DataFrame(rows), alt)


@exhibit(NB, reads=MAZHILIS)
def mazhilis_thresholds(t: Tables, c: Canvas) -> Chart:
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    dates = election_dates(t)
    thresholds = sorted(set(rules["threshold_pct"]))
    low, high = thresholds[0], thresholds[-1]
    rows = []
    for d in dates:
        votes = el.list_votes(results, d)
        s = el.shares(votes, votes.sum() + el.against_all(totals, d))
        rows += [{"election_date": wording.iso(d), "contestant_id": p, "share_pct": round(v, 3)} for p, v in s.items()]
    data = pd.DataFrame(rows)
    between = data[(data["share_pct"] >= low) & (data["share_pct"] < high)]
    used = results[results["election_date"].isin(dates)]
    lines = wording.listing(f"{party(r.contestant_id)} ({r.election_date[:4]})" for r in between.itertuples())
    fields = {"low": wording.pct_g(low), "high": wording.pct_g(high), "n": len(between)}
    fig, ax = c.figure(
        tr("{n} list results fell between the two thresholds: {lines}", lines=lines, **fields)
        if len(between) != 1 else tr("1 list result fell between the two thresholds: {lines}", lines=lines),
        tr("Share of the party-list vote (percent; in {year} the base includes 'against all'), by election. "
           "Dashed lines: the {low} and {high} thresholds.", year=dates[-1].year, **fields), _sources(used, rules))
    order = list(dict.fromkeys(data.sort_values("share_pct", ascending=False)["contestant_id"]))
    labels = [party(p, wrap=True) for p in order]
    size = c.category_size(fig, sum(lab.count("\n") + 1 for lab in labels) + 1, 34)
    markers = {d: m for d, m in zip(dates, ["D", "s", "o", "^", "v"])}
    for d in dates:
        g = data[data["election_date"] == wording.iso(d)]
        ax.plot(g["share_pct"], [order.index(p) for p in g["contestant_id"]], linestyle="none", marker=markers[d],
                markersize=5 * c.scale, color=colour(election_role(d)), label=str(d.year), zorder=3)
    marks = []
    for th in thresholds:
        ax.axvline(th, color=charts.MUTED, linestyle="--", linewidth=0.9)
        marks.append(ax.annotate(wording.pct_g(th, compact=True), (th, -0.7), ha="center", va="bottom", fontsize=size,
                                 color=charts.MUTED))
    ax.set_xscale("log")
    ticks = [t_ for t_ in (0.5, 1, 2, 5, 7, 10, 20, 50, 80) if t_ not in thresholds or True]
    ax.set_xticks(ticks, [i18n.localise_number(f"{t_:g}") for t_ in ticks])
    ax.minorticks_off()
    ax.set_xlabel(tr("Share of the list vote, % (log scale)"))
    ax.set_yticks(range(len(order)), labels, fontsize=size)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(order) - 0.5, -1.3)
    charts.horizontal_bars(ax)
    c.legend(ax, loc="lower right", title=tr("Election"), title_fontsize=c.pt("legend"))
    if len(marks) == 2:  # the two thresholds' labels grow away from each other where they would touch
        layout.part_if_touching(fig, *marks, gap=0.0)
    alt = tr("Dot chart of list vote shares at {elections} elections on a log scale; {n} results lie between the "
             "{low} and {high} thresholds.", elections=len(dates), **fields)
    return Chart(fig, data, alt)


INDEX_LABELS = {"parties_with_seats": "Parties winning seats",
                "enp_votes": "Effective number of parties, by list votes",
                "enp_party_seats": "Effective number of parties, by seats won",
                "gallagher_list": "Disproportionality (Gallagher, list tier)"}


@exhibit(NB, reads=MAZHILIS)
def mazhilis_indices(t: Tables, c: Canvas) -> Chart:
    results, totals = t.mazhilis_results, t.mazhilis_totals
    dates = election_dates(t)
    table = el.indices_table(results, totals, dates)
    first, last = table.iloc[0], table.iloc[-1]
    used = results[results["election_date"].isin(dates)]
    fields = {"a": wording.number(first["enp_party_seats"], 1), "b": wording.number(last["enp_party_seats"], 1),
              "y1": first["election_date"].year, "y2": last["election_date"].year}
    a, b = round(first["enp_party_seats"], 1), round(last["enp_party_seats"], 1)
    title = (tr("The effective number of parties holding seats rose from {a} in {y1} to {b} in {y2}", **fields)
             if b > a else
             tr("The effective number of parties holding seats fell from {a} in {y1} to {b} in {y2}", **fields)
             if b < a else
             tr("The effective number of parties holding seats was {a} in both {y1} and {y2}", **fields))
    fig, axes = c.figure(
        title,
        tr("Laakso-Taagepera effective number of parties (1 / sum of squared shares); Gallagher least-squares index "
           "in percentage points (0 = seats exactly proportional to votes). Seats by party exclude the Assembly's "
           "appointees and self-nominated deputies."), _sources(used), panels=4, panel_min=(1.15, 1.0))
    rows = []
    for ax, key in zip(axes, INDEX_LABELS):
        values = table[key]
        ax.bar(range(len(values)), values, color=[colour(election_role(d)) for d in table["election_date"]],
               width=0.65)
        for i, v in enumerate(values):
            ax.annotate(wording.number(v, 0 if key == "parties_with_seats" else 1), (i, v), xytext=(0, 1.5),
                        textcoords="offset points", ha="center", va="bottom", fontsize=c.pt("small"),
                        color=charts.TEXT)
        ax.set_xticks(range(len(values)), [str(d.year) for d in table["election_date"]])
        ax.tick_params(axis="x", labelsize=c.pt("small"), length=0)
        ax.tick_params(axis="y", labelsize=c.pt("small"))
        ax.set_title(tr(INDEX_LABELS[key]), loc="left", fontsize=c.pt("small"), color=charts.TEXT)
        ax.set_ylim(0, values.max() * 1.25)
        rows += [{"election_date": wording.iso(d), "measure": key, "value": round(v, 4)}
                 for d, v in zip(table["election_date"], values)]
    c.wrap_titles(fig, axes)
    alt = tr("Small bar charts for {years}: parties winning seats {parties}; effective number of parties by seats "
             "{enp}.", years=", ".join(str(d.year) for d in table["election_date"]),
             parties=", ".join(map(str, table["parties_with_seats"])),
             enp=wording.series(wording.number(v, 1) for v in table["enp_party_seats"]))
    return Chart(fig, pd.DataFrame(rows), alt)


@exhibit(NB, reads=("mazhilis_totals",))
def mazhilis_women_share(t: Tables, c: Canvas) -> Chart:
    totals = t.mazhilis_totals
    w = el.women_share(totals)
    end = totals[totals["measure"] == "women_deputies_end_of_term"]
    first, last = w.iloc[0], w.iloc[-1]
    fields = {"a": wording.pct(first["share_pct"]), "b": wording.pct(last["share_pct"]),
              "y1": first["election_date"].year, "y2": last["election_date"].year}
    title = (tr("Women's share of Mazhilis seats fell from {a} after the {y1} election to {b} after the {y2} election",
                **fields) if last["share_pct"] < first["share_pct"] else
             tr("Women's share of Mazhilis seats rose from {a} after the {y1} election to {b} after the {y2} election",
                **fields))
    fig, ax = c.figure(
        title,
        tr("Women deputies as a percentage of all seats in the chamber, just after each election; the figures for "
           "the two elections come from different sources. Lighter bar: the same chamber at the end of its term."),
        list(w["source_id"]) + list(end["source_id"]))
    labels, values, colours, fills = [], [], [], []
    for _, r in w.iterrows():
        labels.append(tr("After the {year} election", year=r["election_date"].year))
        values.append(r["share_pct"])
        colours.append(colour(election_role(r["election_date"])))
        fills.append(True)
        for _, e in end[end["election_date"] == r["election_date"]].iterrows():
            labels.append(tr("End of that term"))
            values.append(100 * e["value"] / r["seats"])
            colours.append(colour(election_role(r["election_date"])))
            fills.append(False)
    x = range(len(values))
    for xi, v, tint, fill in zip(x, values, colours, fills):
        ax.bar(xi, v, width=0.6, color=tint, alpha=1.0 if fill else 0.45, linewidth=0)
        ax.annotate(wording.pct(v), (xi, v), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=c.pt("small"), color=charts.TEXT)
    counts, counts_en = [], []
    for _, r in w.iterrows():
        pairs = [(r["women_deputies"], r["seats"])] + \
            [(int(e["value"]), r["seats"]) for _, e in end[end["election_date"] == r["election_date"]].iterrows()]
        for n, seats in pairs:
            counts.append(tr("{n} of {seats}", n=n, seats=seats))
            counts_en.append(f"{n} of {seats}")
    if c.narrow and i18n.current() != "en":  # Russian and Kazakh labels run longer: on more lines
        labels = [textwrap.fill(lab, 14) for lab in labels]
    ax.set_xticks(list(x), [f"{lab}\n({n})" for lab, n in zip(labels, counts)])
    ax.tick_params(axis="x", labelsize=c.pt("small"), length=0)
    ax.set_ylim(0, max(values) * 1.3)
    ax.set_ylabel(tr("Women, % of seats"))
    data = pd.DataFrame({"label": labels, "share_pct": [round(v, 3) for v in values], "women_and_seats": counts_en})
    alt = tr("Bar chart: women held {a} of Mazhilis seats after the {y1} election and {b} after the {y2} election.",
             **fields)
    return Chart(fig, data, alt)


# --- tables and sentences for reading (notebook 04) -----------------------------------------------------

def rules_table(t: Tables) -> pd.DataFrame:
    return wording.table(t.mazhilis_rules, {"election_date": "Election", "threshold_pct": "Threshold, %",
                                            "list_seats": "List seats", "district_seats": "District seats",
                                            "assembly_seats": "Assembly seats", "total_seats": "Total seats",
                                            "source_id": "Source"}, index="election_date")


def allocation_summary(t: Tables) -> str:
    checks = {d.year: el.reproduce_allocation(t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules, d)
              for d in election_dates(t)}
    every = all(c["matches"].all() for c in checks.values())
    return (f"**The rule reproduces the official list seats of {'every' if every else 'not every'} election "
            f"exactly** ({', '.join(map(str, checks))}).")


def allocation_table(t: Tables, which: int = -1) -> pd.DataFrame:
    """The official list seats beside the seats the rule gives, for one election (-1: the latest)."""
    d = election_dates(t)[which]
    a = el.reproduce_allocation(t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules, d)
    return wording.table(a.reset_index(names="contestant_id"),
                         {"name": f"Party ({d.year})", "votes": "List votes", "share_pct": "Share, % (computed)",
                          "published_share_pct": "Share, % (published)", "official_list_seats": "Official list seats",
                          "computed_list_seats": "Computed list seats", "matches": "Match"},
                         index="name", decimals={"share_pct": 2, "published_share_pct": 2})


def counterfactual_table(t: Tables, which: str) -> pd.DataFrame:
    """'after': the latest election under the earlier threshold; 'before': the earlier one under the later."""
    before, after = before_after(t)
    date, other = (after, before) if which == "after" else (before, after)
    th = el.rules_for(t.mazhilis_rules, other)["threshold_pct"]
    cf = el.counterfactual(t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules, date, th)
    cf.index = [PARTY_SHORT[p] for p in cf.index]
    return wording.table(cf.reset_index(names="party"),
                         {"party": f"Party ({date.year} votes)", "share_pct": "Share, %",
                          "actual_seats": "Seats as allocated", "counterfactual_seats": f"Seats under {th:g}%",
                          "change": "Change"}, index="party", decimals={"share_pct": 2})


def counterfactual_summary(t: Tables) -> str:
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    before, after = before_after(t)
    b_th, a_th = el.rules_for(rules, before)["threshold_pct"], el.rules_for(rules, after)["threshold_pct"]
    cf_after = el.counterfactual(results, totals, rules, after, b_th)
    cf_before = el.counterfactual(results, totals, rules, before, a_th)
    out = cf_after.index[(cf_after["actual_seats"] > 0) & (cf_after["counterfactual_seats"] == 0)]
    into = cf_before.index[(cf_before["actual_seats"] == 0) & (cf_before["counterfactual_seats"] > 0)]
    top = cf_after["change"].idxmax()
    return (f"- Under {b_th:g}%, the {after.year} votes would have left out "
            f"**{wording.listing(PARTY_SHORT[p] for p in out)}**; their {-cf_after['change'][out].sum()} list seats would "
            f"have gone to the other parties, {cf_after['change'][top]} of them to {PARTY_SHORT[top]}.\n"
            f"- Under {a_th:g}%, the {before.year} votes would have seated "
            f"**{wording.listing(PARTY_SHORT[p] for p in into)}** with {cf_before['change'][into].sum()} seats, taken "
            f"from the {int((cf_before['actual_seats'] > 0).sum())} parties that entered.")


def threshold_base_table(t: Tables) -> pd.DataFrame:
    """The party the counterfactual lets in, its share on the two bases the law and the commission use."""
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    before, after = before_after(t)
    cf = el.counterfactual(results, totals, rules, before, el.rules_for(rules, after)["threshold_pct"])
    party = cf.index[(cf["actual_seats"] == 0) & (cf["counterfactual_seats"] > 0)][0]
    votes = el.list_votes(results, before)
    ballots = el.total(totals, before, "ballots_received")["value"]
    rows = [("list votes (published base)", votes.sum()), ("ballots received", ballots)]
    return pd.DataFrame({"Base": [r[0] for r in rows], "Denominator": [wording.count(r[1]) for r in rows],
                         f"{PARTY_SHORT[party]}, % ({before.year})": [f"{100 * votes[party] / r[1]:.2f}" for r in rows]}
                        ).set_index("Base")


def indices_readable(t: Tables) -> pd.DataFrame:
    table = el.indices_table(t.mazhilis_results, t.mazhilis_totals, election_dates(t))
    return wording.table(table, {"election_date": "Election", "parties_with_seats": "Parties winning seats",
                                 "enp_votes": "ENP, list votes", "enp_list_seats": "ENP, list seats",
                                 "enp_party_seats": "ENP, seats won", "gallagher_list": "Gallagher, list tier"},
                         index="election_date", decimals={k: 2 for k in ("enp_votes", "enp_list_seats",
                                                                         "enp_party_seats", "gallagher_list")})


def turnout_table(t: Tables) -> pd.DataFrame:
    return wording.table(el.turnout(t.mazhilis_totals), {"election_date": "Election", "stage": "Stage",
                                                         "turnout_pct": "Turnout, %", "source_id": "Source",
                                                         "note": "Note"}, decimals={"turnout_pct": 2})


def women_summary(t: Tables) -> str:
    w = el.women_share(t.mazhilis_totals)
    a, b = w.iloc[0], w.iloc[1]
    return (f"Women held **{a['share_pct']:.1f}%** of the seats after the {a['election_date'].year} election and "
            f"**{b['share_pct']:.1f}%** after the {b['election_date'].year} election ({b['women_deputies']} of "
            f"{b['seats']}).")


def women_table(t: Tables) -> pd.DataFrame:
    return wording.table(el.women_share(t.mazhilis_totals), {"election_date": "After the election of",
                                                             "women_deputies": "Women deputies", "seats": "Seats",
                                                             "share_pct": "Share, %", "source_id": "Source"},
                         decimals={"share_pct": 1})
