"""Notebook 01: the Constitutional Court's caseload against the Constitutional Council's."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from .. import charts, court, i18n, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from .registry import Chart, exhibit, reader_tables

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


@exhibit(NB, reads=("court_caseload", "constitutional_bodies"))
def court_appeals_cumulative(t: Tables, c: Canvas) -> Chart:
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
    fig, ax = c.figure(
        tr("Within {days} days the Court had received more appeals than the Council's own undated total since 1996 "
           "({council})", days=days, council=council_text),
        tr("Appeals received by the Constitutional Court since {day}, cumulative, as published at each date (most "
           "figures are the Court's own; a diamond marks a figure from an interview only). Dashed orange line: the "
           "Constitutional Council's total since 1996, as its own site gives it (undated).", day=wording.day(start)),
        sources)
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
    c.legend(ax, handles=_marker_handles(c, [q for q in charts.QUALIFIER_MARKERS if q in set(solid["qualifier"])],
                                         colour("court"), bool(pts["weak"].any())), loc="upper left")
    for row, dy in ((solid.iloc[-1], -1), (pts.iloc[-1], 1)) if pts.iloc[-1]["weak"] else ((pts.iloc[-1], 1),):
        label = f"{wording.published(row['value'], row['qualifier'])}\n{wording.day(row['period_end'])}"
        if row["weak"]:
            label += tr(" (interview)")
        ax.annotate(label, (row["period_end"], row["value"]), xytext=(-8, 4 if dy > 0 else -10),
                    textcoords="offset points", ha="right", va="bottom" if dy > 0 else "top",
                    fontsize=c.pt("small"), color=charts.TEXT)
    ax.axhline(council["value"], color=colour("council"), linestyle="--", linewidth=1.2)
    ax.annotate(tr("Council: {value}", value=council_text) if c.narrow else
                tr("Council, 1996 to an undated day: {value} appeals", value=council_text),
                (pts["period_end"].iloc[-1], council["value"]), xytext=(0, 3), textcoords="offset points",
                ha="right", va="bottom", fontsize=c.pt("small"), color=charts.TEXT)
    charts.date_axis(ax)
    ax.set_xlim(start - pd.Timedelta(days=31), pts["period_end"].max() + pd.Timedelta(days=20))
    ax.set_ylim(0, pts["value"].max() * 1.15)
    charts.value_axis(ax)
    ax.set_ylabel(tr("Appeals received (cumulative)"))
    fig.draw_without_rendering()  # a gap's label gives way to the value labels where they would meet
    layout.thin_overlapping([t_ for t_ in ax.texts if t_ not in gap_labels] + gap_labels)
    data = pd.concat([
        pts.assign(series="court_appeals_received_cumulative")[
            ["series", "period_end", "value", "qualifier", "weak", "source_id"]],
        pd.DataFrame([{"series": "council_appeals_received_lifetime", "period_end": council["period_end"],
                       "value": council["value"], "qualifier": council["qualifier"], "weak": council["weak"],
                       "source_id": council["source_id"]}])], ignore_index=True)
    data["period_end"] = data["period_end"].map(wording.iso)
    first, last = solid.iloc[0], solid.iloc[-1]
    alt = tr("Line chart: the Constitutional Court's appeals rose from {a} in {month} to {b} by {day}, against the "
             "Council's undated total since 1996 of {c}.", a=wording.published(first["value"], first["qualifier"]),
             month=wording.month_year(first["period_end"], full=True),
             b=wording.published(last["value"], last["qualifier"]), day=wording.day(last["period_end"]),
             c=council_text)
    return Chart(fig, data, alt)


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


RATE_PANELS = {"op-ed framing": ("The op-ed's framing", "Court appeals, Council decisions"),
               "appeals against appeals": ("Like for like", "appeals received"),
               "decisions against decisions": ("Like for like", "final decisions")}


def ratio_words(ratio) -> str:
    return wording.times_short(ratio)  # a ratio of two minimums: "on the published minimums, about N×"


@exhibit(NB, reads=("court_caseload", "constitutional_bodies"), min_size=(4.5, 3.2))
def court_council_rates(t: Tables, c: Canvas) -> Chart:
    caseload, bodies = t.court_caseload, t.constitutional_bodies
    comp = court.comparisons(caseload, bodies)
    alts = court.alternatives(caseload, bodies)
    by = comp.set_index("comparison")
    app, dec = by.loc["appeals against appeals"], by.loc["decisions against decisions"]
    ratios = {k: court.rate_ratio(r, r, "court_", "council_") for k, r in by.iterrows()}
    rate = {side: wording.hedged(court.hedged(app, "per_year", f"{side}_")) for side in ("court", "council")}
    fig, axes = c.figure(
        tr("The Court received {court} appeals a year in {court_span}, the Council {council} a year over its life; "
           "final decisions: {times} as many", court=rate["court"], council=rate["council"],
           court_span=wording.span(app["court_rate_from"], app["court_rate_to"]),
           times=wording.times(ratios["decisions against decisions"])),
        tr("Average number per year over each body's reported period, on the main (official) figures; a diamond marks "
           "another published figure for the same measure (interviews and copies are weak). An undated Council total "
           "is spread over the Council's whole life, which gives a floor. Bars share no scale across panels.")
        + (tr(" Labels: > more than, < less than, ~ about.") if c.width < 4 else ""),
        sorted(set(comp["court_source_id"]) | set(comp["council_source_id"]) | set(alts["court_source_id"])
               | set(alts["council_source_id"])), panels=len(comp), panel_min=(1.0, 1.1))
    rows = []
    panel_spans = []  # each panel's two periods, for its tick labels once laid out
    for ax, (_, r) in zip(axes, comp.iterrows()):
        heading, measure = (tr(w) for w in RATE_PANELS[r["comparison"]])
        values = [r["council_per_year"], r["court_per_year"]]
        ax.bar([0, 1], values, color=[colour("council"), colour("court")], width=0.62)
        others = alts[alts["comparison"] == r["comparison"]]
        extra = []
        for x, side in ((0, "council"), (1, "court")):
            alt_rows = others.drop_duplicates(f"{side}_source_id")
            alt_rows = alt_rows[alt_rows[f"{side}_source_id"] != r[f"{side}_source_id"]]
            for _, a in alt_rows.iterrows():
                ax.plot([x], [a[f"{side}_per_year"]], marker=WEAK_MARKER, fillstyle="none", color=charts.TEXT,
                        markersize=4.5 * c.scale, zorder=4)
                extra.append((x, a[f"{side}_per_year"]))
            h = court.hedged(r, "per_year", f"{side}_")
            text = wording.hedged(h)
            if c.width < 4:  # a column-width panel: the hedge as a sign (>5.2, ~6,000), explained in the caption
                text = wording.short(h)
            elif c.width < 8 and i18n.current() == "en":
                text = text.replace(" than ", " than\n").replace("about ", "about\n")
            elif c.width < 8:  # the hedge on one line, the number on the other
                text = text.replace(" ", "\n", 1)
            here = [v for xx, v in extra if xx == x]  # a diamond above the bar lifts the label clear of it
            lift = 4.5 * c.scale / 2 + 1 if here and max(here) >= values[x] else 0
            ax.annotate(text, (x, max([values[x]] + here)), xytext=(0, 2 + lift),
                        textcoords="offset points", ha="center", va="bottom", fontsize=c.pt("small"),
                        color=charts.TEXT, linespacing=1.1)
        # each bar names the period its rate spreads over (an undated total: the body's whole life)
        spans = [wording.span(r["council_rate_from"], r["council_rate_to"]) if pd.notna(r["council_period_end"])
                 else tr("{span}, undated", span=wording.span(r["council_rate_from"], r["council_rate_to"])),
                 wording.span(r["court_rate_from"], r["court_rate_to"])]
        panel_spans.append(spans)
        ax.set_xticks([0, 1], [f"{tr('Council')}\n{spans[0]}", f"{tr('Court')}\n{spans[1]}"])
        ax.set_title(tr("{heading}: {measure}\nCourt ÷ Council: {ratio}", heading=heading, measure=measure,
                        ratio=ratio_words(ratios[r["comparison"]])),
                     loc="left", fontsize=c.pt("small"), color=charts.TEXT, linespacing=1.3)
        top = max(values + [v for _, v in extra])
        ax.set_xlim(-0.6, 1.6)
        charts.value_axis(ax)
        ax.tick_params(axis="x", labelsize=c.pt("small"), length=0)
        for side in ("council", "court"):
            rows.append(_rate_row(r, side, ratio_words(ratios[r["comparison"]]), main=True))
    for _, a in alts.iterrows():
        for side in ("council", "court"):
            if a[f"{side}_source_id"] not in {row["source_id"] for row in rows if row["comparison"] == a["comparison"]}:
                rows.append(_rate_row(a, side, "", main=False))
    c.wrap_titles(fig, axes)
    fig.draw_without_rendering()
    for ax, spans in zip(axes, panel_spans):  # the bar labels as wide as the room under each bar allows
        room = ax.get_position().width * c.width * 72 / 2.2 - 2
        broken = [sp.replace(" ", "\n") if " " in sp else sp.replace("–", "–\n") for sp in spans]
        council_word, court_word = tr("Council"), tr("Court")
        # the last option drops the periods (they are in the chart's CSV and the notebook's table)
        for option in ([f"{council_word}\n{spans[0]}", f"{court_word}\n{spans[1]}"],
                       [f"{council_word}\n{broken[0]}", f"{court_word}\n{broken[1]}"], [council_word, court_word]):
            widths = [max(layout.text_width(line, c.pt("small")) for line in o.split("\n")) for o in option]
            if sum(widths) / 2 + c.pt("small") <= room:  # a gap of about an em between the two labels
                break
        ax.set_xticks([0, 1], option)
    fig.draw_without_rendering()
    for ax in axes:  # headroom for two lines of value label above the tallest bar or diamond
        height = ax.get_position().height * c.height * 72
        top = max(p.get_height() for p in ax.patches)
        top = max([top] + [line.get_ydata()[0] for line in ax.lines])
        ax.set_ylim(0, top / max(0.3, 1 - (2.7 * c.pt("small") + 6) / height))
    axes[0].set_ylabel(tr("Per year"))
    c.wrap_titles(fig, axes)  # again, to the panels as finally laid out (longer words in an edition)
    alt = tr("Bar charts of yearly rates on the official figures: the Court received {court} appeals a year in "
             "{court_span}, the Council {council} a year over its life; the Court issues {times} as many final "
             "decisions; the op-ed's unlike comparison gives {oped}.", court=rate["court"], council=rate["council"],
             court_span=wording.span(app["court_rate_from"], app["court_rate_to"]),
             times=wording.times(ratios["decisions against decisions"]), oped=wording.times(ratios["op-ed framing"]))
    return Chart(fig, pd.DataFrame(rows).drop_duplicates(["comparison", "body", "source_id"]), alt)


COUNTS_LABEL = {"individual_complaints": "individual complaints", "all_appeals": "all appeals, admissible or not",
                "claims_and_referrals": "claims and court referrals"}
COUNTS_GROUP = {"all_appeals": "Courts that count every appeal, admissible or not",
                "individual_complaints": "Courts that count individual complaints",
                "claims_and_referrals": "Courts that count claims and referrals from courts"}
COUNTS_SHORT = {"individual_complaints": "complaints", "all_appeals": "all appeals",
                "claims_and_referrals": "claims, referrals"}


def population_dates(latest: pd.DataFrame) -> str:
    """How the population dates relate to each court's year, in words (from the data)."""
    kinds = []
    for _, r in latest.iterrows():
        d, y = r["population_date"], int(r["year"])
        country = tr(r["country"])
        if (d.month, d.day) == (1, 1) and d.year == y:
            kinds.append(tr("the start of the year"))
        elif (d.month, d.day) == (12, 31) and d.year in (y, y - 1):
            kinds.append(tr("the end of the year ({country})", country=country) if d.year == y else
                         tr("the end of the year before ({country})", country=country))
        else:
            kinds.append(f"{wording.day(d)} ({country})")
    return wording.listing(list(dict.fromkeys(kinds)))


@exhibit(NB, reads=("court_caseload", "court_comparisons", "population"), default=(6.5, 4.4))
def court_appeals_per_100k(t: Tables, c: Canvas) -> Chart:
    table = court.per_100k(t.court_comparisons, t.population, t.court_caseload)
    latest = table.sort_values("year").groupby("country").tail(1)
    order = [k for k in COUNTS_GROUP if k in set(latest["counts"])]
    groups = {k: latest[latest["counts"] == k].sort_values("per_100k", ascending=False) for k in order}
    kz = latest[latest["country"] == "Kazakhstan"].iloc[0]
    peers = groups[kz["counts"]][groups[kz["counts"]]["country"] != "Kazakhstan"]
    kz_rate = _per_100k(kz)
    higher = all(kz_rate.rounded() > p for p in peers["per_100k"])
    peer_names = [tr(p) for p in peers["country"]]
    fig, ax = c.figure(
        tr("Per 100,000 inhabitants, Kazakhstan's Court received more appeals than {peers}, the other court here "
           "that counts every appeal" if higher else "Per 100,000 inhabitants, Kazakhstan's Court received fewer "
           "appeals than {peers}, the other court here that counts every appeal",
           peers=wording.listing(p + "'s" for p in peer_names) if i18n.current() == "en" else
           wording.listing(peer_names)),
        tr("Appeals or complaints received in a year per 100,000 inhabitants, latest year found for each court, "
           "grouped by what each court counts (compare within a group). Population at {dates}.",
           dates=population_dates(latest)),
        sorted(set(latest["source_id"]) | set(latest["population_source_id"])))
    rows, labels, headers = [], [], []
    for k in order:  # a header row, then the courts of the group
        headers.append(len(labels))
        labels.append(tr(COUNTS_GROUP[k]) if not c.narrow else tr(COUNTS_LABEL[k]).capitalize())
        rows.append(None)
        for _, r in groups[k].iterrows():
            labels.append(f"{tr(r['country'])} {r['year']}")
            rows.append(r)
    size = c.category_size(fig, len(labels), 26, "small")
    y = list(range(len(labels)))[::-1]
    longest = ""
    for yi, r in zip(y, rows):
        if r is None:
            continue
        ax.barh(yi, r["per_100k"], color=colour("court") if r["country"] == "Kazakhstan" else colour("context"),
                height=0.66)
        text = wording.hedged(_per_100k(r))
        longest = max(longest, text, key=len)
        ax.annotate(text, (r["per_100k"], yi), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=size, color=charts.TEXT)
    ax.set_yticks(y, labels, fontsize=size)
    for i in headers:  # group headers: left-aligned at the axis edge, in the text colour
        tick = ax.get_yticklabels()[i]
        tick.set_fontweight("bold")
        tick.set_color(charts.TEXT)
    ax.tick_params(axis="y", length=0)
    ax.set_ylim(-0.6, len(labels) - 0.4)
    charts.horizontal_bars(ax)
    c.room_for_labels(fig, ax, longest, latest["per_100k"].max(), size)
    ax.set_xlabel(tr("Per 100,000 inhabitants per year"))
    data = latest[["country", "court", "year", "counts", "value", "qualifier", "population", "population_date",
                   "per_100k", "source_id", "population_source_id"]].copy()
    data["population_date"] = data["population_date"].map(wording.iso)
    data["per_100k"] = data["per_100k"].round(3)
    data["per_100k_as_shown"] = [wording.hedged(_per_100k(r)) for _, r in latest.iterrows()]
    data = data.sort_values(["counts", "per_100k"], ascending=[True, False])
    peer_text = wording.listing(tr("{value} for {country} in {year}", value=wording.hedged(_per_100k(r)),
                                   country=tr(r["country"]), year=r["year"]) for _, r in peers.iterrows())
    alt = tr("Horizontal bars of appeals per 100,000 inhabitants for {n} constitutional courts, grouped by what they "
             "count; Kazakhstan's Court, which counts every appeal, has {kz} in {year}, against {peers}.",
             n=len(latest), kz=wording.hedged(kz_rate), year=kz["year"], peers=peer_text)
    return Chart(fig, data, alt)


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
                         "Per 100,000": [wording.hedged(_per_100k(r)) for _, r in table.iterrows()]}
                        ).set_index(["Country", "Year"])
