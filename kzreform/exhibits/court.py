"""Notebook 01: the Constitutional Court's caseload against the Constitutional Council's."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from .. import axes, charts, court, i18n, layout, wording
from ..charts import Canvas, colour
from ..axes import date_axis, horizontal_bars, value_axis
from ..hedges import Hedged
from ..i18n import tr
from ..tables import Tables
from .registry import Spec, exhibit, reader_tables

NB = "01_court_caseload"
reader_tables(NB, reads=("court_access",))


WEAK_MARKER = "D"
GAP_DAYS = 180  # a longer stretch without a published figure is drawn as a gap (dashed), not as a trend


def _marker_handles(c: Canvas, qualifiers, tint: str, weak: bool) -> list:
    handles = [Line2D([], [], marker=charts.QUALIFIER_MARKERS[q][0], fillstyle=charts.QUALIFIER_MARKERS[q][1],
                      color=tint, linestyle="none", markersize=5,
                      label=tr("exact count") if q == "exact" else tr("published as '{q}'", q=tr(q)))
               for q in qualifiers]
    if weak:
        handles.append(Line2D([], [], marker=WEAK_MARKER, fillstyle="none", color=tint, linestyle="none", markersize=5,
                              label=tr("weak source (interview)")))
    return handles


def _cumulative_line(ax, c: Canvas, pts: pd.DataFrame) -> list:
    """The Court's published figures joined in date order (dashed across a long gap or to a weak figure), each
    gap labelled; the gap labels are returned."""
    ordered = pts.sort_values("period_end")
    gap_labels = []
    for (_, a), (_, b) in zip(ordered.iloc[:-1].iterrows(), ordered.iloc[1:].iterrows()):
        gap = (b["period_end"] - a["period_end"]).days > GAP_DAYS
        ax.plot([a["period_end"], b["period_end"]], [a["value"], b["value"]], color=colour("context"),
                linewidth=1.0, linestyle=(0, (2, 2)) if gap or b["weak"] else "-", zorder=1)
        if gap:
            months = round((b["period_end"] - a["period_end"]).days / 30.44)
            gap_labels.append(ax.annotate(
                tr("no figure for {months} months", months=months), (a["period_end"] + (b["period_end"] - a["period_end"]) * 0.3,
                                                   a["value"] + (b["value"] - a["value"]) * 0.3),
                xytext=(0, -4), textcoords="offset points", ha="left", va="top", fontsize=c.pt("small"),
                color=charts.MUTED))
    for (q, weak), group in pts.groupby(["qualifier", "weak"]):
        marker, fill = (WEAK_MARKER, "none") if weak else charts.QUALIFIER_MARKERS[q]
        ax.plot(group["period_end"], group["value"], linestyle="none", marker=marker, fillstyle=fill,
                markersize=5.5 * c.scale, color=colour("court"), zorder=3)
    return gap_labels


def _cumulative_labels(ax, c: Canvas, s: Spec) -> None:
    """The latest figure (and the latest solid one, where the latest is an interview's) and the Council's line."""
    pts, solid, council = s.parts["pts"], s.parts["solid"], s.parts["council"]
    for row, dy in ((solid.iloc[-1], -1), (pts.iloc[-1], 1)) if pts.iloc[-1]["weak"] else ((pts.iloc[-1], 1),):
        label = f"{wording.published(row['value'], row['qualifier'])}\n{wording.day(row['period_end'])}"
        if row["weak"]:
            label += tr(" (interview)")
        # the latest solid figure sits well below its point, on a leader, clear of the dashed line that climbs to it
        ax.annotate(label, (row["period_end"], row["value"]), xytext=(-8, 4) if dy > 0 else (6, -26 * c.scale),
                    textcoords="offset points", ha="right", va="bottom" if dy > 0 else "top",
                    fontsize=c.pt("small"), color=charts.TEXT,
                    arrowprops=None if dy > 0 else {"arrowstyle": "-", "color": charts.MUTED, "linewidth": 0.6,
                                                    "shrinkA": 0, "shrinkB": 4})
    ax.axhline(council["value"], color=colour("council"), linestyle="--", linewidth=1.2)
    ax.annotate(tr("Council: {value}", value=s.parts["council_text"]) if c.narrow else
                tr("Council, 1996 to an undated day: {value} appeals", value=s.parts["council_text"]),
                (pts["period_end"].iloc[-1], council["value"]), xytext=(0, 3), textcoords="offset points",
                ha="right", va="bottom", fontsize=c.pt("small"), color=charts.TEXT)


def draw_appeals_cumulative(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    pts, solid = s.parts["pts"], s.parts["solid"]
    gap_labels = _cumulative_line(ax, c, pts)
    c.legend(ax, handles=_marker_handles(c, [q for q in charts.QUALIFIER_MARKERS if q in set(solid["qualifier"])],
                                         colour("court"), bool(pts["weak"].any())), loc="upper left")
    _cumulative_labels(ax, c, s)
    date_axis(ax)
    ax.set_xlim(s.parts["start"] - pd.Timedelta(days=31), pts["period_end"].max() + pd.Timedelta(days=20))
    ax.set_ylim(0, pts["value"].max() * 1.15)
    value_axis(ax)
    ax.set_ylabel(tr("Appeals received (cumulative)"))
    fig.draw_without_rendering()  # a gap's label gives way to the value labels where they would meet
    layout.thin_overlapping([t_ for t_ in ax.texts if t_ not in gap_labels] + gap_labels)
    return fig


def _cumulative_data(pts: pd.DataFrame, council) -> pd.DataFrame:
    """The Court's cumulative figures and the Council's undated total, as plotted."""
    data = pd.concat([
        pts.assign(series="court_appeals_received_cumulative")[
            ["series", "period_end", "value", "qualifier", "weak", "source_id"]],
        pd.DataFrame([{"series": "council_appeals_received_lifetime", "period_end": council["period_end"],
                       "value": council["value"], "qualifier": council["qualifier"], "weak": council["weak"],
                       "source_id": council["source_id"]}])], ignore_index=True)
    data["period_end"] = data["period_end"].map(wording.iso)
    return data


@exhibit(NB, reads=("court_caseload", "constitutional_bodies", "court_access"), drawing=draw_appeals_cumulative)
def court_appeals_cumulative(t: Tables) -> Spec:
    caseload, bodies = t.court_caseload, t.constitutional_bodies
    pts = court.points(court.cumulative(caseload, bodies, court.COURT, "appeals_received"))
    council = court.main_figure(caseload, bodies, court.COUNCIL, "appeals_received")
    start = bodies.set_index("body").at[court.COURT, "first_sat"]
    solid = pts[~pts["weak"]]
    over = solid[solid["value"] > council["value"]].iloc[0]
    days = (over["period_end"] - start).days + 1
    # The line names the source each point is drawn from; the sources agreeing with it are in the CSV.
    sources = [ids.split(";")[0] for ids in pts["source_id"]] + [council["source_id"]]
    council_text = wording.published(council["value"], council["qualifier"])
    # The Council's total is undated (its page is not dated), so the headline compares with that total as
    # published, never with the Council's whole life.
    # Why the line climbs so fast: citizens may apply to the Court and could not apply to the Council.
    opened = citizens_could_apply(t.court_access, court.COURT) and not citizens_could_apply(t.court_access, court.COUNCIL)
    title = tr("Open to citizens, the Court received more appeals in {days} days than the Council's published total "
               "since 1996" if opened else "The Court received more appeals in {days} days than the Council's "
               "published total since 1996", days=days)
    subtitle = tr("Appeals received by the Court since {day}, cumulative, as published (mostly by the Court; a diamond: an "
                  "interview only). Dashed line: the Council's undated total since 1996.",
                  day=wording.day(start))
    first, last = solid.iloc[0], solid.iloc[-1]
    alt = tr("Line chart: the Constitutional Court's appeals rose from {a} in {month} to {b} by {day}, against the "
             "Council's undated total since 1996 of {c}.", a=wording.published(first["value"], first["qualifier"]),
             month=wording.month_year(first["period_end"], full=True),
             b=wording.published(last["value"], last["qualifier"]), day=wording.day(last["period_end"]),
             c=council_text)
    return Spec(title, subtitle, sources, alt, _cumulative_data(pts, council),
                {"pts": pts, "solid": solid, "council": council, "council_text": council_text, "start": start})


def _rate_row(r, side: str, ratio_as_shown: str, main: bool) -> dict:
    """One body's side of a comparison, as plotted (a row of the chart's CSV)."""
    return {"comparison": r["comparison"], "body": f"constitutional_{side}", "measure": r[f"{side}_measure"],
            "total": r[f"{side}_value"], "qualifier": r[f"{side}_qualifier"], "weak": r[f"{side}_weak"],
            "period_start": wording.iso(r[f"{side}_period_start"]), "period_end": wording.iso(r[f"{side}_period_end"]),
            "rate_from": wording.iso(r[f"{side}_rate_from"]), "rate_to": wording.iso(r[f"{side}_rate_to"]),
            "years": round(r[f"{side}_years"], 3), "rate_basis": r[f"{side}_rate_basis"],
            "per_year": round(r[f"{side}_per_year"], 3),
            "per_year_as_shown": wording.hedged(court.hedged(r, "per_year", f"{side}_")),
            "ratio_as_shown": ratio_as_shown, "main": main, "source_id": r[f"{side}_source_id"]}


def citizens_share(caseload: pd.DataFrame) -> pd.Series:
    """The Court's latest published share of appeals from citizens (percent, with its qualifier)."""
    s = court.shares(caseload)
    return s[s["measure"] == "appeals_from_citizens_pct"].iloc[-1]


def hedged_pct(value: float, qualifier: str) -> str:
    """A published percentage with its hedge, the sign inside the hedge's words ('more than 95%'; in Kazakh the
    ending follows the sign)."""
    q = Hedged.published(value, qualifier).qualifier
    figure = wording.number(value) + i18n.percent_sign()
    return figure if q == "exact" else tr(f"{q} {{value}}", value=figure)


def citizens_could_apply(access: pd.DataFrame, body: str) -> bool:
    rows = access[(access["body"] == body) & (access["applicant"] == "citizens")]
    return bool(rows["may_apply"].any())


def draw_council_rates(s: Spec, c: Canvas):
    """Two horizontal bars, the Council above the Court, each labelled with its rate in words."""
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    bars = s.parts["bars"]  # (label, per year, the rate in words, colour role), top to bottom
    size = c.category_size(fig, 2 * len(bars) + 1, 24)
    y = list(range(len(bars)))[::-1]
    for yi, (_, value, text, role) in zip(y, bars):
        ax.barh(yi, value, height=0.6, color=colour(role))
        ax.annotate(text, (value, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=size,
                    color=charts.TEXT)
    ax.set_yticks(y, [b[0] for b in bars], fontsize=size)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(bars) - 0.4)
    axes.horizontal_bars(ax)
    c.room_for_labels(fig, ax, max((b[2] for b in bars), key=len), max(b[1] for b in bars), size)
    label = tr("Final decisions a year (the Council: its normative resolutions)")
    ax.set_xlabel("\n".join(layout.wrap(label, (c.width - 0.4) * 72, c.pt("label"))))
    return fig


def _bar(r, side: str) -> tuple:
    span = wording.span(r[f"{side}_rate_from"], r[f"{side}_rate_to"])
    return (f"{tr(side.capitalize())}\n{span}", r[f"{side}_per_year"],
            wording.hedged(court.hedged(r, "per_year", f"{side}_")), side)


@exhibit(NB, reads=("court_caseload", "constitutional_bodies", "court_access"), drawing=draw_council_rates)
def court_council_rates(t: Tables) -> Spec:
    caseload, bodies = t.court_caseload, t.constitutional_bodies
    by = {r["comparison"]: r for _, r in court.comparisons(caseload, bodies).iterrows()}
    dec, app = by["decisions against decisions"], by["appeals against appeals"]
    if citizens_could_apply(t.court_access, court.COUNCIL):  # the subtitle says they could not
        raise LookupError("data/court_access.csv: citizens may apply to the Council; the rates chart says they could not")
    times = wording.times(court.rate_ratio(dec, dec, "court_", "council_"))
    share = citizens_share(caseload)
    rate = {f"{k}_{side}": wording.hedged(court.hedged(r, "per_year", f"{side}_"))
            for k, r in (("dec", dec), ("app", app)) for side in ("court", "council")}
    spans = {side: wording.span(dec[f"{side}_rate_from"], dec[f"{side}_rate_to"]) for side in ("court", "council")}
    rows = [_rate_row(dec, side, times, main=True) for side in ("council", "court")] + \
        [_rate_row(app, side, "", main=True) for side in ("council", "court")]
    data = pd.DataFrame(rows).assign(shown_in=["bar", "bar", "subtitle", "subtitle"])
    return Spec(
        tr("The Court issues {times} as many final decisions a year as the Council did", times=times),
        tr("Final decisions a year. Appeals: the Court receives {court} a year, {share} of them from citizens; the "
           "Council received {council} a year, from officials and courts only.", court=rate["app_court"],
           council=rate["app_council"], share=hedged_pct(share["value"], share["qualifier"])),
        list(dict.fromkeys([dec["council_source_id"], dec["court_source_id"], app["court_source_id"],
                            app["council_source_id"], share["source_id"]])),
        tr("Two bars of final decisions a year: the Court {court} in {court_span}, the Council {council} in "
           "{council_span}, so the Court issues {times} as many. The Court also receives {app_court} appeals a year, "
           "the Council received {app_council}.", court=rate["dec_court"], council=rate["dec_council"],
           court_span=spans["court"], council_span=spans["council"], times=times, app_court=rate["app_court"],
           app_council=rate["app_council"]),
        data, {"bars": [_bar(dec, "council"), _bar(dec, "court")]})


COUNTS_LABEL = {"individual_complaints": "individual complaints", "all_appeals": "all appeals, admissible or not",
                "claims_and_referrals": "claims and court referrals"}
COUNTS_GROUP = {"all_appeals": "Courts that count every appeal, admissible or not",
                "individual_complaints": "Courts that count individual complaints",
                "claims_and_referrals": "Courts that count claims and referrals from courts"}
COUNTS_SHORT = {"individual_complaints": "complaints", "all_appeals": "all appeals",
                "claims_and_referrals": "claims, referrals"}


def _grouped_rows(groups: dict, narrow: bool) -> tuple[list, list, list]:
    """The chart's rows top to bottom: a header row (None) per group of what courts count, then its courts; with
    their labels and the header rows' positions."""
    rows, labels, headers = [], [], []
    for k, group in groups.items():  # a header row, then the courts of the group
        headers.append(len(labels))
        labels.append(tr(COUNTS_GROUP[k]) if not narrow else tr(COUNTS_LABEL[k]).capitalize())
        rows.append(None)
        for _, r in group.iterrows():
            labels.append(f"{tr(r['country'])} {r['year']}")
            rows.append(r)
    return rows, labels, headers


def _per_100k_bars(ax, rows: list, y: list, size: float) -> str:
    """A bar per court (Kazakhstan's in the Court's colour) with its hedged rate; the longest label is returned."""
    longest = ""
    for yi, r in zip(y, rows):
        if r is None:
            continue
        ax.barh(yi, r["per_100k"], color=colour("court") if r["country"] == "Kazakhstan" else colour("context"),
                height=0.66)
        text = rate_words(_per_100k(r))
        longest = max(longest, text, key=len)
        ax.annotate(text, (r["per_100k"], yi), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=size, color=charts.TEXT)
    return longest


def draw_appeals_per_100k(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    rows, labels, headers = _grouped_rows(s.parts["groups"], c.narrow)
    size = c.category_size(fig, len(labels), 26, "small")
    y = list(range(len(labels)))[::-1]
    longest = _per_100k_bars(ax, rows, y, size)
    ax.set_yticks(y, ["" if i in headers else label for i, label in enumerate(labels)], fontsize=size)
    for i in headers:  # group headings inside the plot, from the axis line, over their courts (never in the margin)
        ax.text(0.01, y[i], labels[i], transform=ax.get_yaxis_transform(), ha="left", va="center", fontsize=size,
                fontweight="bold", color=charts.TEXT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    horizontal_bars(ax)
    c.room_for_labels(fig, ax, longest, s.parts["top"], size)
    ax.set_xlabel(tr("Per 100,000 inhabitants per year"))
    return fig


def _per_100k_data(latest: pd.DataFrame) -> pd.DataFrame:
    """The latest year of each court, as plotted, grouped by what it counts."""
    data = latest[["country", "court", "year", "counts", "value", "qualifier", "population", "population_date",
                   "per_100k", "source_id", "population_source_id"]].copy()
    data["population_date"] = data["population_date"].map(wording.iso)
    data["per_100k"] = data["per_100k"].round(3)
    data["per_100k_as_shown"] = [rate_words(_per_100k(r)) for _, r in latest.iterrows()]
    return data.sort_values(["counts", "per_100k"], ascending=[True, False])


@exhibit(NB, reads=("court_caseload", "court_comparisons", "population"), default=(6.5, 4.4),
         drawing=draw_appeals_per_100k)
def court_appeals_per_100k(t: Tables) -> Spec:
    table = court.per_100k(t.court_comparisons, t.population, t.court_caseload)
    latest = table.sort_values("year").groupby("country").tail(1)
    order = [k for k in COUNTS_GROUP if k in set(latest["counts"])]
    groups = {k: latest[latest["counts"] == k].sort_values("per_100k", ascending=False) for k in order}
    kz = latest[latest["country"] == "Kazakhstan"].iloc[0]
    peers = groups[kz["counts"]][groups[kz["counts"]]["country"] != "Kazakhstan"]
    kz_rate = _per_100k(kz)
    every_year = table[table["country"].isin(peers["country"])]  # the headline holds for every year found
    top = every_year.loc[every_year["per_100k"].idxmax()]
    higher = kz_rate.rounded() > top["per_100k"]
    peer_names = wording.listing(tr(f"{p}'s court (compared with)") for p in peers["country"])
    title = (tr("Kazakhstan's Court received {ratio} as many appeals per head as {peers}",
                ratio=wording.times(kz_rate / _per_100k(top)), peers=peer_names) if higher else
             tr("Kazakhstan's Court received fewer appeals per head than {peers}", peers=peer_names))
    subtitle = tr("Appeals per 100,000 inhabitants in the latest year found for each court{ranges}. Courts count "
                  "different things: compare within a group.", ranges=_peer_ranges(every_year))
    peer_text = wording.listing(tr("{value} for {country} in {year}", value=rate_words(_per_100k(r)),
                                   country=tr(r["country"]), year=r["year"]) for _, r in peers.iterrows())
    alt = tr("Horizontal bars of appeals per 100,000 inhabitants for {n} constitutional courts, grouped by what they "
             "count; Kazakhstan's Court, which counts every appeal, has {kz} in {year}, against {peers}.",
             n=len(latest), kz=rate_words(kz_rate), year=kz["year"], peers=peer_text)
    shown = pd.concat(groups.values())  # each court's sources as drawn, top to bottom (Kazakhstan's group first)
    sources = list(dict.fromkeys(i for _, r in shown.iterrows() for i in (r["source_id"], r["population_source_id"])))
    return Spec(title, subtitle, sources, alt, _per_100k_data(latest), {"groups": groups, "top": latest["per_100k"].max()})


def _peer_ranges(rows: pd.DataFrame) -> str:
    """'; Russia: 7.6 to 9.1 in 2022, 2024 and 2025' for each peer with more than one year found ('' otherwise)."""
    parts = [tr("{country}: {low} to {high} in {years}", country=tr(country), low=wording.number(g["per_100k"].min(), 1),
                high=wording.number(g["per_100k"].max(), 1), years=wording.listing(str(y) for y in sorted(g["year"])))
             for country, g in rows.groupby("country") if len(g) > 1]
    return "".join("; " + p for p in parts)


def rate_words(h) -> str:
    """A rate per 100,000 as a reader compares it: exact ones at one decimal, hedged ones in words."""
    return wording.hedged(h, 1) if h.is_exact else wording.hedged(h)


def _per_100k(r):
    from ..hedges import Hedged
    return Hedged.published(r["value"], r["qualifier"]) * (100_000 / float(r["population"]))


# --- tables for reading (notebook 01) --------------------------------------------------------------

def access_table(t: Tables) -> pd.DataFrame:
    """Who may apply: one row per applicant, a column per body ('yes', 'yes: condition', 'no')."""
    access = t.court_access
    cell = access["may_apply"].map({True: "yes", False: "no"}) + \
        access["condition"].fillna("").map(lambda x: f": {x}" if x else "")
    table = access.assign(cell=cell).pivot(index="applicant", columns="body", values="cell")
    # the Council and the Court as they worked; the Court under the 2026 Constitution is in notebook 02
    table = table.reindex(access["applicant"].drop_duplicates())[[court.COUNCIL, court.COURT]].dropna(how="all")
    table.index = [wording.words(a) for a in table.index]
    return table.rename(columns=court.LABELS).rename_axis(index="Applicant", columns=None)


def source_label(ids: str) -> str:
    """'Publisher (id)' for each source id, for tables a reader follows back to data/sources.csv."""
    from ..datasets import load
    publishers = load("sources").set_index("source_id")["publisher"]
    return "; ".join(f"{publishers.get(i, '?')} ({i})" for i in str(ids).split(";") if i)


def spread_words(r, prefix: str = "") -> str:
    """The period a rate spreads over, in words: '1 January 2023 to 9 September 2025, 2.7 years'; an end the
    project set as a bound is said as one ('to the end of August 2023 at the latest; 0.7 years to that day')."""
    end = r[prefix + "rate_to"]
    if r.get(prefix + "end_is_bound", False):
        return (f"{wording.day(r[prefix + 'rate_from'])} to the end of {wording.month_year(end, full=True)} at the "
                f"latest; {r[prefix + 'years']:.1f} years to that day")
    return f"{wording.day(r[prefix + 'rate_from'])} to {wording.day(end)}, {r[prefix + 'years']:.1f} years"


def _rate_cell(r, prefix: str = "") -> str:
    """A row's rate per year in words, or '–' with the reason where the rule gives none."""
    basis = r[prefix + "rate_basis"]
    if basis.startswith("no rate"):
        return "– (" + basis.removeprefix("no rate: ") + ")"
    text = wording.rate(court.hedged(r, "per_year", prefix))
    period = spread_words(r, prefix)
    return text + (f" (a floor: undated, spread over the whole life, {period})" if basis == court.LIFE_BOUND
                   else f" ({period})")


def appeals_table(t: Tables) -> pd.DataFrame:
    """The Court's cumulative appeals as published, with the implied rate per year where the rule allows one."""
    pts = court.points(court.cumulative(t.court_caseload, t.constitutional_bodies, court.COURT, "appeals_received"))
    return pd.DataFrame({
        "Cut-off": [wording.bound_day(d) if bound else wording.day(d)  # a date we set as a bound, said as one
                    for d, bound in zip(pts["period_end"], pts["end_is_bound"])],
        "Appeals received": [wording.published(v, q) for v, q in zip(pts["value"], pts["qualifier"])],
        "Per year": [_rate_cell(r) for _, r in pts.iterrows()],
        "Weak source": pts["weak"].map({True: "yes (interview)", False: ""}),
        "Sources": pts["source_id"].map(source_label),
    }).set_index("Cut-off")


def council_table(t: Tables) -> pd.DataFrame:
    """Every Council figure as published, with its period (undated where the source gives no date)."""
    rows = court.with_rates(t.court_caseload[t.court_caseload["body"] == court.COUNCIL], t.constitutional_bodies)
    rows = rows.sort_values(["measure", "period_end"], na_position="first")
    return pd.DataFrame({
        "Measure": rows["measure"].map(wording.words), "From": rows["period_start"].map(wording.day),
        "To": rows["period_end"].map(wording.day),
        "Value": [wording.published(v, q) for v, q in zip(rows["value"], rows["qualifier"])],
        "Per year": [_rate_cell(r) for _, r in rows.iterrows()],
        "Weak source": rows["weak"].map({True: "yes", False: ""}),
        "Source": rows["source_id"].map(source_label),
    }).set_index("Measure")


def comparison_table(t: Tables) -> pd.DataFrame:
    """Every pairing of published figures for each comparison: each side's total, period and rate per year, and
    the ratio of rates with the hedge it carries; the main (official) pairing first."""
    comp = court.comparisons(t.court_caseload, t.constitutional_bodies)
    alts = court.alternatives(t.court_caseload, t.constitutional_bodies)
    rows = pd.concat([comp.assign(main=True), alts.assign(main=False)], ignore_index=True)
    rows = rows.drop_duplicates(["comparison", "court_source_id", "council_source_id", "court_value", "council_value"])

    def side(r, s):
        period = wording.span(r[f"{s}_period_start"], r[f"{s}_period_end"]) if pd.notna(r[f"{s}_period_end"]) \
            else "undated"
        weak = ", weak" if r[f"{s}_weak"] else ""
        return (f"{wording.published(r[f'{s}_value'], r[f'{s}_qualifier'])} {wording.label(r[f'{s}_measure'])} "
                f"({period}{weak})")
    return pd.DataFrame({
        "Comparison": [r["comparison"] + (" (main)" if r["main"] else "") for _, r in rows.iterrows()],
        "Court": [side(r, "court") for _, r in rows.iterrows()],
        "Court per year": [_rate_cell(r, "court_") for _, r in rows.iterrows()],
        "Council": [side(r, "council") for _, r in rows.iterrows()],
        "Council per year": [_rate_cell(r, "council_") for _, r in rows.iterrows()],
        "Court per year, against the Council": [wording.times(court.rate_ratio(r, r, "court_", "council_"))
                                                for _, r in rows.iterrows()],
    }).set_index("Comparison")


def bodies_table(t: Tables) -> pd.DataFrame:
    b = t.constitutional_bodies.assign(first_sat=t.constitutional_bodies["first_sat"].map(
        lambda d: wording.day(d) if pd.notna(d) else "– (not found)"))
    return wording.table(b, {"name_en": "Body", "established": "Set up by law", "first_sat": "First sat",
                             "ended": "Ended", "legal_basis": "Legal basis", "source_id": "Source"},
                         index="name_en")


def rates_summary(t: Tables) -> str:
    """The three comparisons in words (Markdown), every number computed with its hedge."""
    caseload, bodies = t.court_caseload, t.constitutional_bodies
    comp = court.comparisons(caseload, bodies).set_index("comparison")
    op, app, dec = (comp.loc[k] for k in ("op-ed framing", "appeals against appeals", "decisions against decisions"))
    ratio = {k: court.rate_ratio(r, r, "court_", "council_") for k, r in comp.iterrows()}
    alts = court.alternatives(caseload, bodies)
    alts = alts[alts["comparison"] == "appeals against appeals"]
    bounded = [court.rate_ratio(r, r, "court_", "council_") for _, r in alts.iterrows()]
    bounded = [b for b in bounded if b.bound != "none"]
    life = court.years(*court.life(bodies, court.COUNCIL))

    def spread(r, side):
        return spread_words(r, side + "_")
    lines = [
        f"- **The op-ed's comparison** sets appeals against decisions: "
        f"{wording.published(op['court_value'], op['court_qualifier'])} appeals in the Court's first eight months "
        f"({spread(op, 'court')}) against {wording.published(op['council_value'], op['council_qualifier'])} Council "
        f"resolutions counted up to {wording.day(op['council_period_end'])} ({spread(op, 'council')}). Per year that "
        f"is {wording.times(ratio['op-ed framing'])}.",
        f"- **Appeals against appeals**, on the official figures, the Court receives "
        f"{wording.hedged(court.hedged(app, 'per_year', 'court_'))} a year ({spread(app, 'court')}). The Council's "
        f"own total "
        f"({wording.published(app['council_value'], app['council_qualifier'])}) is undated, so it is spread over the "
        f"Council's whole life ({life:.1f} years), which gives a floor: "
        f"{wording.a_year(court.hedged(app, 'per_year', 'council_'))}. Both are minimums: "
        f"{wording.times(ratio['appeals against appeals'])} as many, and the true ratio could be larger or smaller.",
    ]
    if bounded:
        lines.append(f"  Only pairings with a figure published as *about* give a bound: "
                     f"{wording.listing(sorted({wording.times(b) for b in bounded}))} (the table above names them; "
                     "they rest on the op-ed's own figure or on weak sources).")
    lines.append(f"- **Decisions against decisions**, the gap is far smaller: "
                 f"{wording.hedged(court.hedged(dec, 'per_year', 'court_'))} final decisions a year "
                 f"({spread(dec, 'court')}) against {wording.hedged(court.hedged(dec, 'per_year', 'council_'))} "
                 f"({spread(dec, 'council')}), "
                 f"{wording.times(ratio['decisions against decisions'])} as many.")
    return "\n".join(lines)


def shares_table(t: Tables) -> pd.DataFrame:
    s = court.shares(t.court_caseload)
    return pd.DataFrame({"Cut-off": s["period_end"].map(wording.day), "Measure": s["measure"].map(wording.words),
                         "Share": [wording.published(v, q) + "%" for v, q in zip(s["value"], s["qualifier"])],
                         "Source": s["source_id"]}).set_index("Cut-off")


def proceedings_table(t: Tables) -> pd.DataFrame:
    from ..hedges import Hedged
    p = court.proceedings_share(t.court_caseload)
    share = [Hedged.published(a, qa) / Hedged.published(r, qr) * 100 for a, qa, r, qr in
             zip(p["value_accepted"], p["qualifier_accepted"], p["value_received"], p["qualifier_received"])]
    return pd.DataFrame({"Cut-off": p["period_end"].map(wording.day),
                         "Accepted for proceedings": [wording.published(v, q) for v, q in
                                                      zip(p["value_accepted"], p["qualifier_accepted"])],
                         "Received": [wording.published(v, q) for v, q in zip(p["value_received"],
                                                                               p["qualifier_received"])],
                         "Share accepted": [wording.hedged(h) + "%" for h in share],
                         "Source": p["source_id"]}).set_index("Cut-off")


def scale_table(t: Tables) -> pd.DataFrame:
    table = court.per_100k(t.court_comparisons, t.population, t.court_caseload)
    return pd.DataFrame({"Country": table["country"], "Year": table["year"].astype(str),
                         "Counts": table["counts"].map(COUNTS_LABEL),
                         "Received": [wording.published(v, q) for v, q in zip(table["value"], table["qualifier"])],
                         "Population": table["population"].map(wording.count),
                         "Population on": table["population_date"].map(wording.day),
                         "Per 100,000": [rate_words(_per_100k(r)) for _, r in table.iterrows()]}
                        ).set_index(["Country", "Year"])
