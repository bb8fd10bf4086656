"""The Constitutional Court's caseload against the Constitutional Council's: rates per year, like for like.

Values keep the qualifier they were published with; a rate or ratio built from a hedged value says so.
"""

from __future__ import annotations

import pandas as pd

from . import charts

DAYS_PER_YEAR = 365.25
COURT, COUNCIL = "constitutional_court", "constitutional_council"

# Which way a published hedge bounds the true value.
LOWER_BOUNDS = {"more than", "at least"}
UPPER_BOUNDS = {"less than", "almost", "up to"}


def years(start, end) -> float:
    """Length of the period from start to end, both days included, in years of 365.25 days."""
    return ((pd.Timestamp(end) - pd.Timestamp(start)).days + 1) / DAYS_PER_YEAR


def annual_rate(value: float, start, end) -> float:
    """A count over a period, per year."""
    return value / years(start, end)


def ratio_qualifier(numerator: str, denominator: str) -> str:
    """The qualifier of numerator / denominator, given theirs ('more than' / exact -> 'more than')."""
    if numerator == "exact" and denominator == "exact":
        return "exact"
    if "about" in (numerator, denominator):
        return "about"
    up = (numerator in LOWER_BOUNDS) or (denominator in UPPER_BOUNDS)
    down = (numerator in UPPER_BOUNDS) or (denominator in LOWER_BOUNDS)
    if up and not down:
        return "more than"
    if down and not up:
        return "less than"
    return "about"


def with_rates(caseload: pd.DataFrame) -> pd.DataFrame:
    """Caseload rows with the period's length in years and the count per year (counts only)."""
    out = caseload.copy()
    out["years"] = [years(s, e) for s, e in zip(out["period_start"], out["period_end"])]
    out["per_year"] = (out["value"] / out["years"]).where(out["unit"] == "count")
    return out


def series(caseload: pd.DataFrame, body: str, measure: str) -> pd.DataFrame:
    """One body's values of one measure, by cut-off date, with rates per year."""
    rows = caseload[(caseload["body"] == body) & (caseload["measure"] == measure)]
    return with_rates(rows).sort_values(["period_end", "source_id"]).reset_index(drop=True)


def at_or_before(caseload: pd.DataFrame, body: str, measure: str, date) -> pd.Series:
    """The value with the latest cut-off on or before a date."""
    s = series(caseload, body, measure)
    s = s[s["period_end"] <= pd.Timestamp(date)]
    if s.empty:
        raise LookupError(f"no {measure} for {body} on or before {date}")
    return s.iloc[-1]


def compare(label: str, basis: str, court: pd.Series, council: pd.Series) -> dict:
    """One comparison: both sides with their periods and rates, and the ratios of totals and of rates."""
    return {
        "comparison": label, "basis": basis,
        "court_measure": court["measure"], "court_value": court["value"],
        "court_qualifier": court["qualifier"], "court_period_start": court["period_start"],
        "court_period_end": court["period_end"], "court_years": court["years"],
        "court_per_year": court["per_year"], "court_source_id": court["source_id"],
        "council_measure": council["measure"], "council_value": council["value"],
        "council_qualifier": council["qualifier"], "council_period_start": council["period_start"],
        "council_period_end": council["period_end"], "council_years": council["years"],
        "council_per_year": council["per_year"], "council_source_id": council["source_id"],
        "ratio_of_totals": court["value"] / council["value"],
        "ratio_of_rates": court["per_year"] / council["per_year"],
        "ratio_qualifier": ratio_qualifier(court["qualifier"], council["qualifier"]),
    }


# A lifetime figure counts from the body's start; the Council's sources count from its creation
# (30 August 1995) or from its first working month (January 1996).
LIFETIME_START_BY = {COURT: "2023-01-01", COUNCIL: "1996-01-01"}
LABELS = {COURT: "Constitutional Court", COUNCIL: "Constitutional Council"}


def cumulative(caseload: pd.DataFrame, body: str = COURT, measure: str = "appeals_received") -> pd.DataFrame:
    """Dated running totals since the body started, one row per cut-off and source, with rates per year."""
    s = series(caseload, body, measure)
    lifetime = s["period_start"] <= pd.Timestamp(LIFETIME_START_BY[body])
    return s[lifetime & s["period_end"].notna()].reset_index(drop=True)


def points(cum: pd.DataFrame) -> pd.DataFrame:
    """One point per cut-off date and published value; the sources that agree on it joined with ';'."""
    keys = ["period_end", "value", "qualifier"]
    grouped = cum.groupby(keys, sort=True, as_index=False).agg(source_id=("source_id", ";".join),
                                                                  per_year=("per_year", "first"))
    return grouped[["period_end", "value", "qualifier", "per_year", "source_id"]]


def lifetime_total(caseload: pd.DataFrame, body: str, measure: str) -> pd.Series:
    """The largest published lifetime figure of a measure, dated or not (a reference level)."""
    rows = caseload[(caseload["body"] == body) & (caseload["measure"] == measure)]
    if rows.empty:
        raise LookupError(f"no {measure} for {body}")
    return rows.sort_values("value", kind="stable").iloc[-1]


def dated_latest(caseload: pd.DataFrame, body: str, measure: str) -> pd.Series:
    """The dated lifetime figure with the latest cut-off (undated rows cannot be annualised)."""
    s = cumulative(caseload, body, measure)
    if s.empty:
        raise LookupError(f"no dated {measure} for {body}")
    return s.sort_values(["period_end", "years"], kind="stable").iloc[-1]


def comparisons(caseload: pd.DataFrame, op_ed_cutoff="2023-08-31") -> pd.DataFrame:
    """The op-ed's comparison and the like-for-like ones, with totals, rates per year and ratios."""
    court_8m = at_or_before(caseload, COURT, "appeals_received", op_ed_cutoff)
    council_res = dated_latest(caseload, COUNCIL, "normative_resolutions")
    rows = [
        compare("op-ed framing", "Court appeals in its first eight months against the Council's lifetime "
                "decisions (unlike measures)", court_8m, council_res),
        compare("appeals against appeals", "appeals received per year by each body",
                dated_latest(caseload, COURT, "appeals_received"),
                dated_latest(caseload, COUNCIL, "appeals_received")),
        compare("decisions against decisions", "final decisions on the merits per year (Court: final "
                "decisions; Council: normative resolutions)",
                dated_latest(caseload, COURT, "final_decisions"), council_res),
    ]
    return pd.DataFrame(rows)


def proceedings_share(caseload: pd.DataFrame) -> pd.DataFrame:
    """Appeals accepted for proceedings as a percentage of appeals received, same source and cut-off."""
    acc = series(caseload, COURT, "appeals_accepted")
    rec = series(caseload, COURT, "appeals_received")
    merged = acc.merge(rec, on=["period_start", "period_end", "source_id"], suffixes=("_accepted", "_received"))
    merged["share_pct"] = 100 * merged["value_accepted"] / merged["value_received"]
    merged["share_qualifier"] = [ratio_qualifier(a, r) for a, r in
                                 zip(merged["qualifier_accepted"], merged["qualifier_received"])]
    return merged[["period_end", "value_accepted", "qualifier_accepted", "value_received", "qualifier_received",
                   "share_pct", "share_qualifier", "source_id"]]


def shares(caseload: pd.DataFrame) -> pd.DataFrame:
    """The Court's published shares of appeals (percent), by cut-off date."""
    rows = caseload[(caseload["body"] == COURT) & (caseload["unit"] == "percent")]
    return rows.sort_values(["period_end", "measure"])[["period_end", "measure", "value", "qualifier",
                                                        "source_id"]].reset_index(drop=True)


# --- words and charts ------------------------------------------------------------------------------

def number_text(x: float) -> str:
    """12345.6 -> '12,346'; 9.49 -> '9.5'."""
    return f"{x:,.0f}" if abs(x) >= 100 else f"{x:.1f}".rstrip("0").rstrip(".")


def times_text(ratio: float, qualifier: str) -> str:
    """A ratio in words: 'about 486 times', 'less than 5.3 times'."""
    return f"{number_text(ratio)} times" if qualifier == "exact" else f"{qualifier} {number_text(ratio)} times"


def qualified_text(value: float, qualifier: str) -> str:
    """A value with its published hedge: 'more than 9.5', 'about 4,614', '74'."""
    return number_text(value) if qualifier == "exact" else f"{qualifier} {number_text(value)}"


def _marker_legend(ax, qualifiers, colour):
    from matplotlib.lines import Line2D
    handles = [Line2D([], [], marker=charts.QUALIFIER_MARKERS[q][0], fillstyle=charts.QUALIFIER_MARKERS[q][1],
                      color=colour, linestyle="none", markersize=6, label=f"published as '{q}'"
                      if q != "exact" else "published as an exact count") for q in qualifiers]
    ax.legend(handles=handles, loc="upper left", handletextpad=0.3, borderaxespad=0.2)


def cumulative_chart(caseload: pd.DataFrame):
    """Court appeals over time against the Council's lifetime total; returns (fig, plotted data)."""
    pts = points(cumulative(caseload, COURT, "appeals_received"))
    council = lifetime_total(caseload, COUNCIL, "appeals_received")
    over = pts[pts["value"] > council["value"]].iloc[0]
    days = (over["period_end"] - pd.Timestamp(LIFETIME_START_BY[COURT])).days + 1
    # The line names the source each point is drawn from; the sources agreeing with it are in the CSV.
    sources = [ids.split(";")[0] for ids in pts["source_id"]] + [council["source_id"]]
    fig, ax = charts.figure(
        f"Within {days} days the Court had more appeals than the Council's published lifetime total",
        "Appeals received by the Constitutional Court since 1 January 2023, cumulative, as published at each "
        "date (most figures are the Court's own). Dashed line: the Constitutional Council's total since 1996.",
        sources)
    ax.plot(pts["period_end"], pts["value"], color=charts.LIGHT, linewidth=1.2, zorder=1)
    for q, group in pts.groupby("qualifier"):
        marker, fill = charts.QUALIFIER_MARKERS[q]
        ax.plot(group["period_end"], group["value"], linestyle="none", marker=marker, fillstyle=fill,
                markersize=6, color=charts.ACCENT, zorder=3)
    _marker_legend(ax, [q for q in charts.QUALIFIER_MARKERS if q in set(pts["qualifier"])], charts.ACCENT)
    last = pts.iloc[-1]
    ax.annotate(f"{qualified_text(last['value'], last['qualifier'])}\n{last['period_end']:%d %b %Y}",
                (last["period_end"], last["value"]), xytext=(-6, 0), textcoords="offset points",
                ha="right", va="center", fontsize=8, color=charts.TEXT)
    ax.axhline(council["value"], color=charts.MUTED, linestyle="--", linewidth=1)
    ax.annotate(f"Council, from 1996: {qualified_text(council['value'], council['qualifier'])} appeals in all",
                (pts["period_end"].iloc[-1], council["value"]), xytext=(0, 3), textcoords="offset points",
                ha="right", va="bottom", fontsize=7.5, color=charts.MUTED)
    charts.date_axis(ax)
    ax.set_ylim(0, pts["value"].max() * 1.12)
    ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
    ax.set_ylabel("Appeals received (cumulative)")
    data = pd.concat([
        pts.assign(series="court_appeals_received_cumulative")[
            ["series", "period_end", "value", "qualifier", "source_id"]],
        pd.DataFrame([{"series": "council_appeals_received_lifetime", "period_end": council["period_end"],
                       "value": council["value"], "qualifier": council["qualifier"],
                       "source_id": council["source_id"]}])], ignore_index=True)
    data["period_end"] = data["period_end"].dt.strftime("%Y-%m-%d")
    return fig, data


RATE_PANELS = {"op-ed framing": ("The op-ed's framing", "Court appeals, Council decisions"),
               "appeals against appeals": ("Like for like", "appeals received"),
               "decisions against decisions": ("Like for like", "final decisions")}


def rates_chart(comp: pd.DataFrame):
    """Per-year rates of the Court and the Council side by side, one panel per comparison."""
    by = comp.set_index("comparison")
    app, dec = by.loc["appeals against appeals"], by.loc["decisions against decisions"]
    fig, axes = charts.figure(
        f"Per year, the Court receives {times_text(app['ratio_of_rates'], app['ratio_qualifier'])} as many "
        f"appeals as the Council did, and issues {times_text(dec['ratio_of_rates'], dec['ratio_qualifier'])} "
        "as many final decisions",
        "Average number per year over each body's reported period. Each panel compares the measures named; "
        "the ratio is Court / Council. Bars share no scale across panels.",
        comp_sources(comp), ncols=len(comp))
    rows = []
    for ax, (_, r) in zip(axes, comp.iterrows()):
        heading, measure = RATE_PANELS[r["comparison"]]
        q_court = r["court_qualifier"]
        q_council = r["council_qualifier"]
        values = [r["council_per_year"], r["court_per_year"]]
        ax.bar([0, 1], values, color=[charts.CONTEXT, charts.ACCENT], width=0.62)
        for x, v, q in zip([0, 1], values, [q_council, q_court]):
            ax.annotate(qualified_text(v, q).replace(" than ", " than\n"), (x, v), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=7, color=charts.TEXT)
        ax.set_xticks([0, 1], ["Council\n" + _span(r, "council"), "Court\n" + _span(r, "court")])
        ax.set_title(f"{heading}\n{measure}\nCourt ÷ Council: {ratio_short(r['ratio_of_rates'], r['ratio_qualifier'])}",
                     loc="left", fontsize=7.5, color=charts.TEXT, linespacing=1.35)
        ax.set_ylim(0, max(values) * 1.2)
        ax.set_xlim(-0.6, 1.6)
        ax.yaxis.set_major_formatter(lambda v, _: f"{v:,.0f}")
        ax.tick_params(axis="x", labelsize=7)
        for side in ("council", "court"):
            rows.append({"comparison": r["comparison"], "body": f"constitutional_{side}",
                         "measure": r[f"{side}_measure"], "total": r[f"{side}_value"],
                         "qualifier": r[f"{side}_qualifier"],
                         "period_start": f"{r[f'{side}_period_start']:%Y-%m-%d}",
                         "period_end": f"{r[f'{side}_period_end']:%Y-%m-%d}",
                         "years": round(r[f"{side}_years"], 3), "per_year": round(r[f"{side}_per_year"], 3),
                         "ratio_court_to_council": round(r["ratio_of_rates"], 3),
                         "ratio_qualifier": r["ratio_qualifier"], "source_id": r[f"{side}_source_id"]})
    axes[0].set_ylabel("Per year")
    return fig, pd.DataFrame(rows)


def _span(r, side: str) -> str:
    """'1995–2022', or 'Jan–Aug 2023' within one year."""
    start, end = r[f"{side}_period_start"], r[f"{side}_period_end"]
    return f"{start:%b}–{end:%b %Y}" if start.year == end.year else f"{start:%Y}–{end:%Y}"


def ratio_short(ratio: float, qualifier: str) -> str:
    """'about 486×', '< 5.3×', '5.3×'."""
    sign = {"exact": "", "about": "about ", "more than": "> ", "at least": "≥ ", "less than": "< "}.get(qualifier,
                                                                                               qualifier + " ")
    return f"{sign}{number_text(ratio)}×"


def comp_sources(comp: pd.DataFrame) -> list[str]:
    return sorted(set(comp["court_source_id"]) | set(comp["council_source_id"]))


# --- tables for reading ----------------------------------------------------------------------------

def _day(ts) -> str:
    return "undated" if pd.isna(ts) else f"{ts:%Y-%m-%d}"


def access_table(access: pd.DataFrame) -> pd.DataFrame:
    """Who may apply: one row per applicant, a column per body ('yes', 'yes: condition', 'no')."""
    cell = access["may_apply"].map({True: "yes", False: "no"}) + \
        access["condition"].fillna("").map(lambda c: f": {c}" if c else "")
    table = access.assign(cell=cell).pivot(index="applicant", columns="body", values="cell")
    table = table.reindex(access["applicant"].drop_duplicates())[[COUNCIL, COURT]]
    return table.rename(columns=LABELS).rename_axis(index="applicant", columns=None)


def appeals_table(caseload: pd.DataFrame) -> pd.DataFrame:
    """The Court's cumulative appeals as published, with the implied rate per year."""
    pts = points(cumulative(caseload, COURT, "appeals_received"))
    return pd.DataFrame({
        "cut-off": pts["period_end"].map(_day),
        "appeals received": [qualified_text(v, q) for v, q in zip(pts["value"], pts["qualifier"])],
        "per year": [qualified_text(v, q) for v, q in zip(pts["per_year"], pts["qualifier"])],
        "sources": pts["source_id"].str.replace(";", ", "),
    })


def council_table(caseload: pd.DataFrame) -> pd.DataFrame:
    """Every Council figure as published, with its period (undated where the source gives no date)."""
    rows = caseload[caseload["body"] == COUNCIL].sort_values(["measure", "period_end"], na_position="first")
    return pd.DataFrame({
        "measure": rows["measure"], "from": rows["period_start"].map(_day), "to": rows["period_end"].map(_day),
        "value": [qualified_text(v, q) for v, q in zip(rows["value"], rows["qualifier"])],
        "source": rows["source_id"],
    }).reset_index(drop=True)


def comparison_table(comp: pd.DataFrame) -> pd.DataFrame:
    """The comparisons for reading: each side's total, period and rate per year, and the ratio of rates."""
    def side(r, s):
        return (f"{qualified_text(r[f'{s}_value'], r[f'{s}_qualifier'])} {r[f'{s}_measure'].replace('_', ' ')} "
                f"({_span(r, s)})")
    return pd.DataFrame({
        "comparison": comp["comparison"],
        "Court": [side(r, "court") for _, r in comp.iterrows()],
        "Court per year": [qualified_text(r["court_per_year"], r["court_qualifier"]) for _, r in comp.iterrows()],
        "Council": [side(r, "council") for _, r in comp.iterrows()],
        "Council per year": [qualified_text(r["council_per_year"], r["council_qualifier"])
                             for _, r in comp.iterrows()],
        "Court ÷ Council per year": [ratio_short(r["ratio_of_rates"], r["ratio_qualifier"])
                                     for _, r in comp.iterrows()],
    })


# --- scale: other constitutional courts ----------------------------------------------------------

def population_for(population: pd.DataFrame, country: str, year: int) -> pd.Series:
    """The population figure whose reference date is nearest the middle of the year."""
    rows = population[population["country"] == country]
    if rows.empty:
        raise LookupError(f"no population for {country}")
    mid = pd.Timestamp(year=int(year), month=7, day=1)
    return rows.loc[(rows["reference_date"] - mid).abs().idxmin()]


def per_100k(comparisons: pd.DataFrame, population: pd.DataFrame, caseload: pd.DataFrame) -> pd.DataFrame:
    """Appeals per 100,000 inhabitants per year: the other courts, and Kazakhstan's Court for full calendar years."""
    rows = comparisons[["country", "court", "year", "counts", "value", "qualifier", "source_id"]].to_dict("records")
    kz = series(caseload, COURT, "appeals_received")
    full_years = kz[(kz["period_start"].dt.strftime("%m-%d") == "01-01") & (kz["period_end"].dt.strftime("%m-%d") == "12-31")
                    & (kz["period_start"].dt.year == kz["period_end"].dt.year)]
    for _, r in full_years.drop_duplicates("period_end").iterrows():
        rows.append({"country": "Kazakhstan", "court": "Constitutional Court", "year": r["period_end"].year,
                     "counts": "all_appeals", "value": r["value"], "qualifier": r["qualifier"],
                     "source_id": r["source_id"]})
    out = pd.DataFrame(rows)
    pops = [population_for(population, c, y) for c, y in zip(out["country"], out["year"])]
    out["population"] = [p["value"] for p in pops]
    out["population_date"] = [p["reference_date"] for p in pops]
    out["population_source_id"] = [p["source_id"] for p in pops]
    out["per_100k"] = 100_000 * out["value"].astype(float) / out["population"].astype(float)
    return out.sort_values(["country", "year"]).reset_index(drop=True)


COUNTS_LABEL = {"individual_complaints": "individual complaints", "all_appeals": "all appeals, admissible or not",
                "claims_and_referrals": "claims and court referrals"}


def scale_chart(table: pd.DataFrame):
    """The latest year of each court, per 100,000 inhabitants."""
    latest = table.sort_values("year").groupby("country").tail(1).sort_values("per_100k")
    top = latest.iloc[-1]
    fig, ax = charts.figure(
        f"Per 100,000 inhabitants, {top['country']}'s court received the most appeals of the courts compared "
        f"({qualified_text(top['per_100k'], top['qualifier'])} in {top['year']})",
        "Appeals or complaints received in a year per 100,000 inhabitants, latest year found for each court. "
        "Courts count different things (in brackets); population nearest mid-year.",
        sorted(set(latest["source_id"]) | set(latest["population_source_id"])), height=4.2)
    labels = [f"{c} {y}\n({COUNTS_LABEL[k]})" for c, y, k in zip(latest["country"], latest["year"], latest["counts"])]
    colours = [charts.ACCENT if c == "Kazakhstan" else charts.CONTEXT for c in latest["country"]]
    ax.barh(labels, latest["per_100k"], color=colours, height=0.6)
    for i, (v, q) in enumerate(zip(latest["per_100k"], latest["qualifier"])):
        ax.text(v + 0.3, i, qualified_text(v, q), va="center", fontsize=7.5, color=charts.TEXT)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlim(0, latest["per_100k"].max() * 1.3)
    ax.set_xlabel("Appeals per 100,000 inhabitants per year")
    data = latest[["country", "court", "year", "counts", "value", "qualifier", "population", "population_date",
                   "per_100k", "source_id", "population_source_id"]].copy()
    data["population_date"] = data["population_date"].dt.strftime("%Y-%m-%d")
    data["per_100k"] = data["per_100k"].round(3)
    return fig, data
