"""Notebook 04: Mazhilis elections before and after the reform."""

from __future__ import annotations

import math
import textwrap

import pandas as pd

from .. import axes, charts, elections as el, i18n, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from ..names import PARTY_SHORT, party
from .registry import Spec, exhibit

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


def threshold_years(t: Tables) -> dict:
    """'old' and 'new': the threshold of the last election before the reform and of the first after it."""
    before, after = before_after(t)
    return {"old": el.rules_for(t.mazhilis_rules, before)["threshold_pct"],
            "new": el.rules_for(t.mazhilis_rules, after)["threshold_pct"]}


def _counterfactual_key(fig, c: Canvas, tints: list[str]) -> None:
    """The key under the panels: filled in each election's colour, as allocated; a dark-grey outline, the other
    election's threshold (the layout makes room for it)."""
    from matplotlib.legend_handler import HandlerTuple
    from matplotlib.patches import Patch
    handles = [tuple(Patch(facecolor=t) for t in tints), Patch(facecolor="white", edgecolor=charts.OUTLINE)]
    labels = [tr("as allocated"), tr("under the other election's threshold")]
    engine = fig.get_layout_engine()
    x0, y0, w, h = engine.get()["rect"]
    room = c.pt("legend") * 2.0 / (c.height * 72)  # one row of key at the foot of the chart's space
    engine.set(rect=(x0, y0 + room, w, h - room))
    fig.legend(handles, labels, loc="lower center", bbox_to_anchor=(0.5, y0), ncols=2, fontsize=c.pt("legend"),
               frameon=False, handler_map={tuple: HandlerTuple(ndivide=None, pad=0)}, handlelength=2.4,
               handletextpad=0.4, columnspacing=1.2, borderaxespad=0.0, borderpad=0.1)


def _counterfactual_panel(ax, fig, c: Canvas, tb: pd.DataFrame, date, rule, threshold, top: float) -> None:
    """One election's list seats as allocated (filled, in the election's colour) and as the same votes give under
    the other threshold (a dark-grey outline: a counterfactual is no election); both panels on one scale."""
    tb = tb.iloc[::-1]
    y = range(len(tb))
    labels = [party(p, c.narrow, wrap=True) for p in tb.index]
    # each label has one slot of the axis, so the slots are as tall as the label with the most lines
    size = c.category_size(fig, len(labels) * max(lab.count("\n") + 1 for lab in labels), 24)
    ax.barh([i + 0.215 for i in y], tb["actual_seats"], height=0.43, color=colour(election_role(date)))
    ax.barh([i - 0.215 for i in y], tb["counterfactual_seats"], height=0.43, facecolor="white",
                    edgecolor=charts.OUTLINE, linewidth=1.0)
    for i, (a, cf) in enumerate(zip(tb["actual_seats"], tb["counterfactual_seats"])):
        ax.annotate(f"{a} → {cf}", (max(a, cf), i), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=size, color=charts.TEXT)
    ax.set_yticks(list(y), labels, fontsize=size)
    ax.tick_params(axis="y", length=0)
    ax.set_title(tr("{year} votes, {seats} list seats, {pct} threshold", year=date.year, seats=int(rule["list_seats"]),
                    pct=wording.pct_g(rule["threshold_pct"])),
                 loc="left", fontsize=c.pt("small"), color=charts.TEXT)
    axes.horizontal_bars(ax)
    c.room_for_labels(fig, ax, "00 → 00", top, size)
    ax.set_xlabel(tr("List seats"))


def draw_seats_counterfactual(s: Spec, c: Canvas):
    fig, axes = c.figure(s.title, s.subtitle, s.sources, panels=2, panel_min=(2.0, 1.4))
    top = max(int(tb[["actual_seats", "counterfactual_seats"]].to_numpy().max()) for tb in s.parts["tables"].values())
    for ax, (date, threshold) in zip(axes, s.parts["panels"]):
        rule = el.rules_for(s.parts["rules"], date)
        _counterfactual_panel(ax, fig, c, s.parts["tables"][date], date, rule, threshold, top)
    _counterfactual_key(fig, c, [colour(election_role(d)) for d, _ in s.parts["panels"]])
    end = max(ax.get_xlim()[1] for ax in axes)
    for ax in axes:  # one scale for both elections
        ax.set_xlim(0, end)
    c.wrap_titles(fig, axes)
    return fig


@exhibit(NB, reads=MAZHILIS, default=(6.5, 4.2), drawing=draw_seats_counterfactual)
def mazhilis_seats_counterfactual(t: Tables) -> Spec:
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    before, after = before_after(t)
    th = threshold_years(t)
    panels = [(before, th["new"]), (after, th["old"])]  # oldest first
    tables = {d: el.counterfactual(results, totals, rules, d, x) for d, x in panels}
    shut, opened = tables[after], tables[before]
    shut_out = shut.index[(shut["actual_seats"] > 0) & (shut["counterfactual_seats"] == 0)]
    fields = {"old": wording.pct_g(th["old"]), "new": wording.pct_g(th["new"]), "n": len(shut_out),
              "of": int((shut["actual_seats"] > 0).sum()), "after": after.year, "before": before.year}
    title = tr("Under the old {old} threshold, {n} of the {of} parties seated in {after} would have won no list seats",
               **fields)
    data = pd.DataFrame([{"election_date": wording.iso(d), "contestant_id": p, "share_pct": round(r["share_pct"], 3),
                          "threshold_actual_pct": el.rules_for(rules, d)["threshold_pct"],
                          "seats_actual": int(r["actual_seats"]), "threshold_counterfactual_pct": x,
                          "seats_counterfactual": int(r["counterfactual_seats"])}
                         for d, x in panels for p, r in tables[d].iterrows()])
    alt = tr("Bar charts: under {old}, the {after} votes would have seated {a} list parties instead of {of}; under "
             "{new}, the {before} votes would have seated {b} instead of {c}.",
             a=int((shut["counterfactual_seats"] > 0).sum()), b=int((opened["counterfactual_seats"] > 0).sum()),
             c=int((opened["actual_seats"] > 0).sum()), **fields)
    return Spec(title,
                tr("Party-list seats as allocated and as the same votes would give under the other election's "
                   "threshold, with the same number of seats and the law's largest-remainder rule; district seats "
                   "are not shown."),
                _sources(results[results["election_date"].isin([before, after])], rules), alt, data,
                {"panels": panels, "tables": tables, "rules": rules})


def _axis_end(shares: pd.Series, threshold: float) -> float:
    """The right end of the thresholds chart's linear axis: past every share under a half and past the higher
    threshold, on a multiple of 5 (the dominant list's shares are written at the edge instead)."""
    small = shares[shares < 50]
    return 5 * math.ceil((max(small.max() if len(small) else 0, threshold) + 1) / 5)


def _threshold_marks(fig, ax, c: Canvas, thresholds, size: float) -> None:
    marks = []
    for th in thresholds:
        ax.axvline(th, color=charts.MUTED, linestyle="--", linewidth=0.9)
        marks.append(ax.annotate(wording.pct_g(th, compact=True), (th, -0.75), ha="center", va="bottom",
                                 fontsize=size, color=charts.MUTED))
    if len(marks) == 2:  # the two thresholds' labels grow away from each other where they would touch
        layout.part_if_touching(fig, *marks, gap=0.0)


def draw_thresholds(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    data, dates, end = s.data, s.parts["dates"], s.parts["end"]
    order = list(dict.fromkeys(data.sort_values("share_pct", ascending=False)["contestant_id"]))
    labels = [party(p, wrap=True) for p in order]
    size = c.category_size(fig, sum(lab.count("\n") + 1 for lab in labels) + 1, 34)
    markers = {d: m for d, m in zip(dates, ["D", "s", "o", "^", "v"])}
    for k, d in enumerate(dates):  # each election on its own line within a party's row: no marker hides another
        g = data[(data["election_date"] == wording.iso(d)) & (data["share_pct"] <= end)]
        ax.plot(g["share_pct"], [order.index(p) + 0.24 * (k - (len(dates) - 1) / 2) for p in g["contestant_id"]],
                linestyle="none", marker=markers[d], markersize=4.5 * c.scale, color=colour(election_role(d)),
                label=str(d.year), zorder=3)
    for p, g in data[data["share_pct"] > end].groupby("contestant_id"):
        lo, hi = g["share_pct"].min(), g["share_pct"].max()
        ax.annotate(f"{wording.number(lo, 0)}–{wording.pct(hi, 0)} →", (end, order.index(p)), ha="right",
                    va="center", fontsize=size, color=charts.TEXT)
    _threshold_marks(fig, ax, c, s.parts["thresholds"], size)
    ax.set_xlim(0, end)
    ax.set_xlabel(tr("Share of the list vote, %"))
    ax.set_yticks(range(len(order)), labels, fontsize=size)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(len(order) - 0.5, -1.3)
    axes.horizontal_bars(ax)
    c.legend(ax, loc="lower right", title=tr("Election"), title_fontsize=c.pt("legend"))
    return fig


def _between(data: pd.DataFrame, low: float, high: float) -> str:
    """'Auyl (2021), People's Party and OSDP (2023)': the lists with a share between the thresholds, by election."""
    between = data[(data["share_pct"] >= low) & (data["share_pct"] < high)]
    return ", ".join(tr("{parties} ({year})", parties=wording.listing(party(p) for p in g["contestant_id"]),
                        year=year[:4]) for year, g in between.groupby("election_date"))


@exhibit(NB, reads=MAZHILIS, drawing=draw_thresholds)
def mazhilis_thresholds(t: Tables) -> Spec:
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
    th = threshold_years(t)
    fields = {"old": wording.pct_g(th["old"]), "new": wording.pct_g(th["new"]), "low": wording.pct_g(low),
              "high": wording.pct_g(high)}
    lines = _between(data, low, high)
    n = int(((data["share_pct"] >= low) & (data["share_pct"] < high)).sum())
    title = (tr("{lines} polled between the new {new} and the old {old} thresholds", lines=lines, **fields) if lines
             else tr("No party polled between the new {new} and the old {old} thresholds", **fields))
    return Spec(title,
                tr("Share of the party-list vote by election, in percent (in {year} the base includes 'against all'). "
                   "Dashed lines: the {low} and {high} thresholds.", year=dates[-1].year, **fields),
                _sources(results[results["election_date"].isin(dates)], rules),
                tr("Dot chart of list vote shares at {elections} elections; {n} results lie between the {low} and "
                   "{high} thresholds.", elections=len(dates), n=n, **fields),
                data, {"dates": dates, "thresholds": thresholds, "end": _axis_end(data["share_pct"], high)})


INDEX_LABELS = {"parties_with_seats": "Parties winning seats",
                "enp_votes": "Effective parties, by votes",
                "enp_party_seats": "Effective parties, by seats",
                "gallagher_list": "Gap between votes and seats"}


def draw_indices(s: Spec, c: Canvas):
    fig, axes = c.figure(s.title, s.subtitle, s.sources, panels=4, panel_min=(1.15, 1.0))
    table = s.parts["table"]
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
        ax.set_yticks([])  # each bar carries its value
        ax.spines["left"].set_visible(False)
        ax.set_title(tr(INDEX_LABELS[key]), loc="left", fontsize=c.pt("small"), color=charts.TEXT)
        ax.set_ylim(0, values.max() * 1.25)
    c.wrap_titles(fig, axes)
    return fig


def _indices_title(table: pd.DataFrame) -> str:
    """The story of all four panels where they tell one (the latest election against the one before), else the
    effective number of parties by seats, first against last."""
    prev, last = table.iloc[-2], table.iloc[-1]
    if (last["parties_with_seats"] > prev["parties_with_seats"] and last["enp_votes"] > prev["enp_votes"]
            and last["enp_party_seats"] > prev["enp_party_seats"] and last["gallagher_list"] < prev["gallagher_list"]):
        return tr("In {y2} more parties won seats, and seats followed votes more closely than in {y1}",
                  y1=prev["election_date"].year, y2=last["election_date"].year)
    first = table.iloc[0]
    fields = {"a": wording.number(first["enp_party_seats"], 1), "b": wording.number(last["enp_party_seats"], 1),
              "y1": first["election_date"].year, "y2": last["election_date"].year}
    a, b = round(first["enp_party_seats"], 1), round(last["enp_party_seats"], 1)
    return (tr("The effective number of parties holding seats rose from {a} in {y1} to {b} in {y2}", **fields)
            if b > a else
            tr("The effective number of parties holding seats fell from {a} in {y1} to {b} in {y2}", **fields)
            if b < a else
            tr("The effective number of parties holding seats was {a} in both {y1} and {y2}", **fields))


@exhibit(NB, reads=MAZHILIS, drawing=draw_indices)
def mazhilis_indices(t: Tables) -> Spec:
    results, totals = t.mazhilis_results, t.mazhilis_totals
    dates = election_dates(t)
    table = el.indices_table(results, totals, dates)
    data = pd.DataFrame([{"election_date": wording.iso(d), "measure": key, "value": round(v, 4)}
                         for key in INDEX_LABELS for d, v in zip(table["election_date"], table[key])])
    alt = tr("Small bar charts for {years}: parties winning seats {parties}; effective number of parties by seats "
             "{enp}; gap between votes and seats {gap} points.",
             years=", ".join(str(d.year) for d in table["election_date"]),
             parties=", ".join(map(str, table["parties_with_seats"])),
             enp=wording.series(wording.number(v, 1) for v in table["enp_party_seats"]),
             gap=wording.series(wording.number(v, 1) for v in table["gallagher_list"]))
    return Spec(_indices_title(table),
                tr("Effective parties: 2 means votes or seats split as between two equal parties. Gap: 0 when every "
                   "party's share of seats equals its share of votes (Gallagher index)."),
                _sources(results[results["election_date"].isin(dates)]), alt, data, {"table": table})


def _women_bars(t: Tables) -> pd.DataFrame:
    """One row per bar: the chamber just after each election, then the same chamber at the end of its term (just
    before the next election)."""
    totals = t.mazhilis_totals
    end = totals[totals["measure"] == "women_deputies_end_of_term"]
    dates = election_dates(t)
    rows = []
    for _, r in el.women_share(totals).iterrows():
        rows.append({"label": tr("After the {year} election", year=r["election_date"].year),
                     "share_pct": r["share_pct"], "women": r["women_deputies"], "seats": r["seats"],
                     "election_date": r["election_date"], "after_election": True, "source_id": r["source_id"]})
        later = [d for d in dates if d > r["election_date"]]
        for _, e in end[end["election_date"] == r["election_date"]].iterrows():
            label = tr("Before the {year} election", year=later[0].year) if later else tr("End of that term")
            rows.append({"label": label, "share_pct": 100 * e["value"] / r["seats"],
                         "women": int(e["value"]), "seats": r["seats"], "election_date": r["election_date"],
                         "after_election": False, "source_id": e["source_id"]})
    return pd.DataFrame(rows)


def draw_women_share(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    bars = s.parts["bars"]
    for xi, r in enumerate(bars.itertuples()):
        tint = colour(election_role(r.election_date))
        if r.after_election:
            ax.bar(xi, r.share_pct, width=0.6, color=tint, linewidth=0)
        else:  # the same chamber at a later date: its election's colour, hatched on white
            ax.bar(xi, r.share_pct, width=0.6, facecolor="white", edgecolor=tint, hatch="////", hatchcolor=tint,
                   linewidth=1.0)
        ax.annotate(wording.pct(r.share_pct), (xi, r.share_pct), xytext=(0, 2), textcoords="offset points",
                    ha="center", va="bottom", fontsize=c.pt("small"), color=charts.TEXT)
    labels = list(bars["label"])
    if c.narrow and i18n.locale().long_words:  # Russian and Kazakh labels run longer: on more lines
        labels = [textwrap.fill(lab, 14) for lab in labels]
    counts = [tr("{n} of {seats}", n=r.women, seats=r.seats) for r in bars.itertuples()]
    ax.set_xticks(range(len(bars)), [f"{lab}\n({n})" for lab, n in zip(labels, counts)])
    ax.tick_params(axis="x", labelsize=c.pt("small"), length=0)
    ax.set_ylim(0, bars["share_pct"].max() * 1.3)
    ax.set_ylabel(tr("Women, % of seats"))
    return fig


@exhibit(NB, reads=("mazhilis_totals", "mazhilis_rules"), drawing=draw_women_share)
def mazhilis_women_share(t: Tables) -> Spec:
    bars = _women_bars(t)
    after = bars[bars["after_election"]]
    first, last = after.iloc[0], after.iloc[-1]
    fields = {"a": wording.pct(first["share_pct"]), "b": wording.pct(last["share_pct"]),
              "y1": first["election_date"].year, "y2": last["election_date"].year}
    title = (tr("Women's share of Mazhilis seats fell from {a} after the {y1} election to {b} after the {y2} election",
                **fields) if last["share_pct"] < first["share_pct"] else
             tr("Women's share of Mazhilis seats rose from {a} after the {y1} election to {b} after the {y2} election",
                **fields))
    data = pd.DataFrame({"label": bars["label"], "share_pct": [round(v, 3) for v in bars["share_pct"]],
                         "women_and_seats": [f"{r.women} of {r.seats}" for r in bars.itertuples()]})
    return Spec(title,
                tr("Women deputies, % of all seats, just after each election (the two elections' figures come from "
                   "different sources). Hatched: the same chamber before the next election."),
                list(after["source_id"]) + list(bars[~bars["after_election"]]["source_id"]),
                tr("Bar chart: women held {a} of Mazhilis seats after the {y1} election and {b} after the {y2} "
                   "election.", **fields),
                data, {"bars": bars})


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
    cf["change"] = [wording.signed(v) for v in cf["change"]]
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
