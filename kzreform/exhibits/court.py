"""Notebook 01: the Constitutional Court's caseload against the Constitutional Council's."""

from __future__ import annotations

import pandas as pd
from matplotlib.lines import Line2D

from .. import charts, court, layout, wording
from ..charts import Canvas, colour
from . import Chart, Tables, exhibit

NB = "01_court_caseload"


def _published_legend(c: Canvas, ax, qualifiers, tint: str) -> None:
    handles = [Line2D([], [], marker=charts.QUALIFIER_MARKERS[q][0], fillstyle=charts.QUALIFIER_MARKERS[q][1],
                      color=tint, linestyle="none", markersize=5,
                      label="exact count" if q == "exact" else f"published as '{q}'") for q in qualifiers]
    c.legend(ax, handles=handles, loc="upper left")


@exhibit(NB)
def court_appeals_cumulative(t: Tables, c: Canvas) -> Chart:
    caseload = t.court_caseload
    pts = court.points(court.cumulative(caseload, court.COURT, "appeals_received"))
    council = court.lifetime_total(caseload, court.COUNCIL, "appeals_received")
    over = pts[pts["value"] > council["value"]].iloc[0]
    days = (over["period_end"] - pd.Timestamp(court.LIFETIME_START_BY[court.COURT])).days + 1
    # The line names the source each point is drawn from; the sources agreeing with it are in the CSV.
    sources = [ids.split(";")[0] for ids in pts["source_id"]] + [council["source_id"]]
    council_text = wording.published(council["value"], council["qualifier"])
    fig, ax = c.figure(
        f"Within {days} days the Court had more appeals than the Council's published lifetime total",
        "Appeals received by the Constitutional Court since 1 January 2023, cumulative, as published at each "
        "date (most figures are the Court's own). Dashed line: the Constitutional Council's total since 1996.",
        sources)
    ax.plot(pts["period_end"], pts["value"], color=colour("context"), linewidth=1.0, zorder=1)
    for q, group in pts.groupby("qualifier"):
        marker, fill = charts.QUALIFIER_MARKERS[q]
        ax.plot(group["period_end"], group["value"], linestyle="none", marker=marker, fillstyle=fill,
                markersize=5.5 * c.scale, color=colour("court"), zorder=3)
    _published_legend(c, ax, [q for q in charts.QUALIFIER_MARKERS if q in set(pts["qualifier"])], colour("court"))
    last = pts.iloc[-1]
    ax.annotate(f"{wording.published(last['value'], last['qualifier'])}\n{wording.day(last['period_end'])}",
                (last["period_end"], last["value"]), xytext=(-7, 0), textcoords="offset points",
                ha="right", va="center", fontsize=c.pt("annotation"), color=charts.TEXT)
    ax.axhline(council["value"], color=colour("council"), linestyle="--", linewidth=1.2)
    ax.annotate(f"Council: {council_text}" if c.narrow else f"Council, from 1996: {council_text} appeals in all",
                (pts["period_end"].iloc[-1], council["value"]), xytext=(0, 3), textcoords="offset points",
                ha="right", va="bottom", fontsize=c.pt("small"), color=charts.TEXT)
    charts.date_axis(ax)
    ax.set_xlim(pd.Timestamp("2022-12-01"), pts["period_end"].max() + pd.Timedelta(days=20))
    ax.set_ylim(0, pts["value"].max() * 1.12)
    charts.value_axis(ax)
    ax.set_ylabel("Appeals received (cumulative)")
    data = pd.concat([
        pts.assign(series="court_appeals_received_cumulative")[
            ["series", "period_end", "value", "qualifier", "source_id"]],
        pd.DataFrame([{"series": "council_appeals_received_lifetime", "period_end": council["period_end"],
                       "value": council["value"], "qualifier": council["qualifier"],
                       "source_id": council["source_id"]}])], ignore_index=True)
    data["period_end"] = data["period_end"].map(wording.iso)
    first = pts.iloc[0]
    alt = (f"Line chart: the Constitutional Court's appeals rose from {wording.published(first['value'], first['qualifier'])} "
           f"in January 2023 to {wording.published(last['value'], last['qualifier'])} by {wording.day(last['period_end'])}, "
           f"against the Council's lifetime total of {council_text}.")
    return Chart(fig, data, alt)


RATE_PANELS = {"op-ed framing": ("The op-ed's framing", "Court appeals, Council decisions"),
               "appeals against appeals": ("Like for like", "appeals received"),
               "decisions against decisions": ("Like for like", "final decisions")}


@exhibit(NB, min_size=(4.5, 3.2))
def court_council_rates(t: Tables, c: Canvas) -> Chart:
    comp = court.comparisons(t.court_caseload)
    by = comp.set_index("comparison")
    app, dec = by.loc["appeals against appeals"], by.loc["decisions against decisions"]
    ratios = {k: court.rate_ratio(r, r, "court_", "council_") for k, r in by.iterrows()}
    fig, axes = c.figure(
        f"Per year, the Court receives {wording.times(ratios['appeals against appeals'])} as many appeals as the "
        f"Council did, and issues {wording.times(ratios['decisions against decisions'])} as many final decisions",
        "Average number per year over each body's reported period. Each panel compares the measures named; "
        "the ratio is Court / Council. Bars share no scale across panels.",
        sorted(set(comp["court_source_id"]) | set(comp["council_source_id"])), panels=len(comp),
        panel_min=(1.0, 1.1))
    rows = []
    for ax, (_, r) in zip(axes, comp.iterrows()):
        heading, measure = RATE_PANELS[r["comparison"]]
        values = [r["council_per_year"], r["court_per_year"]]
        ax.bar([0, 1], values, color=[colour("council"), colour("court")], width=0.62)
        for x, side in zip([0, 1], ["council", "court"]):
            text = wording.hedged(court.hedged(r, "per_year", f"{side}_"))
            ax.annotate(text.replace(" than ", " than\n").replace("about ", "about\n") if c.width < 8 else text,
                        (x, values[x]), xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                        fontsize=c.pt("small"), color=charts.TEXT, linespacing=1.1)
        spans = [wording.span(r["council_period_start"], r["council_period_end"]),
                 wording.span(r["court_period_start"], r["court_period_end"])]
        half = fig._kz_meta["panel"][0] * 72 * 0.36  # the room under each bar
        if max(layout.text_width(sp, c.pt("small")) for sp in spans) > half:  # break the period after the dash
            spans = [sp.replace(" ", "\n") if " " in sp else sp.replace("–", "–\n") for sp in spans]
        ax.set_xticks([0, 1], [f"Council\n{spans[0]}", f"Court\n{spans[1]}"])
        ax.set_title(f"{heading}: {measure}\nCourt ÷ Council: {wording.times_short(ratios[r['comparison']])}",
                     loc="left", fontsize=c.pt("small"), color=charts.TEXT, linespacing=1.3, wrap=False)
        ax.set_ylim(0, max(values) * 1.35)
        ax.set_xlim(-0.6, 1.6)
        charts.value_axis(ax)
        ax.tick_params(axis="x", labelsize=c.pt("small"), length=0)
        for side in ("council", "court"):
            rows.append({"comparison": r["comparison"], "body": f"constitutional_{side}",
                         "measure": r[f"{side}_measure"], "total": r[f"{side}_value"],
                         "qualifier": r[f"{side}_qualifier"],
                         "period_start": wording.iso(r[f"{side}_period_start"]),
                         "period_end": wording.iso(r[f"{side}_period_end"]),
                         "years": round(r[f"{side}_years"], 3), "per_year": round(r[f"{side}_per_year"], 3),
                         "ratio_court_to_council": round(r["ratio_of_rates"], 3),
                         "ratio_qualifier": ratios[r["comparison"]].qualifier,
                         "ratio_as_shown": wording.times_short(ratios[r["comparison"]]),
                         "source_id": r[f"{side}_source_id"]})
    c.wrap_titles(fig, axes)
    axes[0].set_ylabel("Per year")
    op = ratios["op-ed framing"]
    alt = (f"Bar charts of yearly rates: the Court receives {wording.times(ratios['appeals against appeals'])} as "
           f"many appeals as the Council and issues {wording.times(ratios['decisions against decisions'])} as many "
           f"final decisions; the op-ed's unlike comparison gives {wording.times(op)}.")
    return Chart(fig, pd.DataFrame(rows), alt)


COUNTS_LABEL = {"individual_complaints": "individual complaints", "all_appeals": "all appeals, admissible or not",
                "claims_and_referrals": "claims and court referrals"}
COUNTS_SHORT = {"individual_complaints": "complaints", "all_appeals": "all appeals",
                "claims_and_referrals": "claims, referrals"}


@exhibit(NB)
def court_appeals_per_100k(t: Tables, c: Canvas) -> Chart:
    table = court.per_100k(t.court_comparisons, t.population, t.court_caseload)
    latest = table.sort_values("year").groupby("country").tail(1).sort_values("per_100k")
    top = latest.iloc[-1]
    top_text = wording.hedged(_per_100k(top))
    fig, ax = c.figure(
        f"Per 100,000 inhabitants, {top['country']}'s court received the most appeals of the courts compared "
        f"({top_text} in {top['year']})",
        "Appeals or complaints received in a year per 100,000 inhabitants, latest year found for each court. "
        "Courts count different things (in brackets); population nearest mid-year.",
        sorted(set(latest["source_id"]) | set(latest["population_source_id"])))
    # What each court counts goes under its name where two lines fit, else after its value.
    try:
        size = c.category_size(fig, 2 * len(latest) + 1, 30, "small")
        two_lines = True
    except layout.LayoutError:
        size = c.category_size(fig, len(latest) + 1, 30, "small")
        two_lines = False
    names = COUNTS_SHORT if c.narrow else COUNTS_LABEL
    labels = [f"{country} {year}" + (f"\n({names[k]})" if two_lines else "") for country, year, k in
              zip(latest["country"], latest["year"], latest["counts"])]
    values = [wording.hedged(_per_100k(r)) + ("" if two_lines else f" ({COUNTS_SHORT[r['counts']]})")
              for _, r in latest.iterrows()]
    colours = [colour("court") if country == "Kazakhstan" else colour("context") for country in latest["country"]]
    ax.barh(labels, latest["per_100k"], color=colours, height=0.6)
    for i, (v, text) in enumerate(zip(latest["per_100k"], values)):
        ax.annotate(text, (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=size,
                    color=charts.TEXT)
    ax.tick_params(axis="y", labelsize=size, length=0)
    charts.horizontal_bars(ax)
    c.room_for_labels(fig, ax, max(values, key=len), latest["per_100k"].max(), size)
    ax.set_xlabel("Per 100,000 inhabitants per year")
    data = latest[["country", "court", "year", "counts", "value", "qualifier", "population", "population_date",
                   "per_100k", "source_id", "population_source_id"]].copy()
    data["population_date"] = data["population_date"].map(wording.iso)
    data["per_100k"] = data["per_100k"].round(3)
    kz = latest[latest["country"] == "Kazakhstan"].iloc[0]
    alt = (f"Horizontal bars of appeals per 100,000 inhabitants for {len(latest)} constitutional courts; "
           f"Kazakhstan's Court is highest with {wording.hedged(_per_100k(kz))} in {kz['year']}.")
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
    table = table.reindex(access["applicant"].drop_duplicates())[[court.COUNCIL, court.COURT]]
    table.index = [wording.label(a) for a in table.index]
    return table.rename(columns=court.LABELS).rename_axis(index="Applicant", columns=None)


def appeals_table(t: Tables) -> pd.DataFrame:
    """The Court's cumulative appeals as published, with the implied rate per year."""
    pts = court.points(court.cumulative(t.court_caseload, court.COURT, "appeals_received"))
    return pd.DataFrame({
        "Cut-off": pts["period_end"].map(wording.day),
        "Appeals received": [wording.published(v, q) for v, q in zip(pts["value"], pts["qualifier"])],
        "Per year": [wording.hedged(court.hedged(r, "per_year")) for _, r in pts.iterrows()],
        "Sources": pts["source_id"].str.replace(";", ", "),
    }).set_index("Cut-off")


def council_table(t: Tables) -> pd.DataFrame:
    """Every Council figure as published, with its period (undated where the source gives no date)."""
    rows = t.court_caseload[t.court_caseload["body"] == court.COUNCIL].sort_values(["measure", "period_end"],
                                                                                  na_position="first")
    return pd.DataFrame({
        "Measure": rows["measure"].map(wording.label), "From": rows["period_start"].map(wording.day),
        "To": rows["period_end"].map(wording.day),
        "Value": [wording.published(v, q) for v, q in zip(rows["value"], rows["qualifier"])],
        "Source": rows["source_id"],
    }).set_index("Measure")


def comparison_table(t: Tables) -> pd.DataFrame:
    """The comparisons for reading: each side's total, period and rate per year, and the ratio of rates."""
    comp = court.comparisons(t.court_caseload)

    def side(r, s):
        return (f"{wording.published(r[f'{s}_value'], r[f'{s}_qualifier'])} {wording.label(r[f'{s}_measure'])} "
                f"({wording.span(r[f'{s}_period_start'], r[f'{s}_period_end'])})")
    return pd.DataFrame({
        "Comparison": comp["comparison"],
        "Court": [side(r, "court") for _, r in comp.iterrows()],
        "Court per year": [wording.hedged(court.hedged(r, "per_year", "court_")) for _, r in comp.iterrows()],
        "Council": [side(r, "council") for _, r in comp.iterrows()],
        "Council per year": [wording.hedged(court.hedged(r, "per_year", "council_")) for _, r in comp.iterrows()],
        "Court ÷ Council per year": [wording.times_short(court.rate_ratio(r, r, "court_", "council_"))
                                     for _, r in comp.iterrows()],
    }).set_index("Comparison")


def bodies_table(t: Tables) -> pd.DataFrame:
    return wording.table(t.constitutional_bodies, {"name_en": "Body", "established": "Established", "ended": "Ended",
                                                   "legal_basis": "Legal basis", "source_id": "Source"}, index="name_en")


def rates_summary(t: Tables) -> str:
    """The three comparisons in words (Markdown), every number computed with its hedge."""
    comp = court.comparisons(t.court_caseload).set_index("comparison")
    op, app, dec = (comp.loc[k] for k in ("op-ed framing", "appeals against appeals", "decisions against decisions"))
    ratio = {k: court.rate_ratio(r, r, "court_", "council_") for k, r in comp.iterrows()}
    council_total = court.lifetime_total(t.court_caseload, court.COUNCIL, "appeals_received")
    bodies = t.constitutional_bodies.set_index("body")
    whole_life = court.hedged(council_total) / court.years(council_total["period_start"],
                                                            bodies.at[court.COUNCIL, "ended"])
    whole_ratio = court.hedged(app, "per_year", "court_") / whole_life
    return (
        f"- **The op-ed's comparison** sets appeals against decisions: "
        f"{wording.published(op['court_value'], op['court_qualifier'])} appeals in the Court's first eight months "
        f"against {wording.published(op['council_value'], op['council_qualifier'])} Council resolutions in "
        f"{op['council_years']:.0f} years. Per year that is {wording.times(ratio['op-ed framing'])}.\n"
        f"- **Appeals against appeals**, the Court receives {wording.times(ratio['appeals against appeals'])} as "
        f"many a year ({wording.hedged(court.hedged(app, 'per_year', 'court_'))} against "
        f"{wording.hedged(court.hedged(app, 'per_year', 'council_'))}). Spreading the Council's own undated total "
        f"({wording.published(council_total['value'], council_total['qualifier'])}) over its whole working life "
        f"instead gives {wording.hedged(whole_life)} a year, and a ratio of {wording.times_short(whole_ratio)}.\n"
        f"- **Decisions against decisions**, the gap is far smaller: "
        f"{wording.hedged(court.hedged(dec, 'per_year', 'court_'))} final decisions a year against "
        f"{wording.hedged(court.hedged(dec, 'per_year', 'council_'))}, {wording.times(ratio['decisions against decisions'])} "
        "as many.")


def shares_table(t: Tables) -> pd.DataFrame:
    s = court.shares(t.court_caseload)
    return pd.DataFrame({"Cut-off": s["period_end"].map(wording.day), "Measure": s["measure"].map(wording.label),
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
