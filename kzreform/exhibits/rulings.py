"""Notebook 02: the Constitutional Court's normative resolutions, one by one."""

from __future__ import annotations

import pandas as pd
from matplotlib.ticker import MaxNLocator

from .. import axes, charts, rulings, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from .registry import Chart, Spec, exhibit, reader_tables

NB = "02_court_rulings"
reader_tables(NB, reads=("court_caseload", "reform_measures", "court_access"))


OUTCOME_PARTS = (("merits", "Decision on the merits", "emphasis"), ("procedural", "Procedural act", "context"),
                 ("unknown", "Outcome not found", "missing"))


def draw_rulings_coverage(s: Spec, c: Canvas):
    """One stacked bar per year: outcomes on the merits, procedural acts, outcomes not found; the total on top."""
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    table = s.parts["table"]
    x, bottom = list(range(len(table))), [0] * len(table)
    for kind, label, role in OUTCOME_PARTS:
        r = charts.ROLES[role]
        ax.bar(x, table[kind], bottom=bottom, width=0.62, color=r.colour, hatch=r.hatch, linewidth=0, label=tr(label))
        bottom = [b + v for b, v in zip(bottom, table[kind])]
    for xi, total in zip(x, bottom):
        ax.annotate(wording.count(total), (xi, total), xytext=(0, 1.5), textcoords="offset points", ha="center",
                    va="bottom", fontsize=c.pt("small"), color=charts.TEXT)
    ax.set_xticks(x, [label.replace(", ", "\n", 1) for label in s.parts["labels"]])  # a part year on two lines
    ax.tick_params(axis="x", length=0)
    ax.set_ylabel(tr("Resolutions"))
    ax.set_ylim(0, max(bottom) * 1.12)
    axes.value_axis(ax)
    c.top_legend(fig, ax)
    _label_segments(fig, ax, c, table)
    return fig


def _label_segments(fig, ax, c: Canvas, table: pd.DataFrame) -> None:
    """Each segment's count inside it, where the segment is tall enough to hold it."""
    fig.draw_without_rendering()
    pt_per_unit = ax.get_position().height * c.height * 72 / ax.get_ylim()[1]
    size = c.pt("small")
    bottom = [0] * len(table)
    for kind, _, role in OUTCOME_PARTS:
        for xi, (b, v) in enumerate(zip(bottom, table[kind])):
            if v and v * pt_per_unit >= size * 1.3:
                ax.annotate(wording.count(v), (xi, b + v / 2), ha="center", va="center", fontsize=size,
                            color="white" if role == "emphasis" else charts.TEXT,
                            bbox={"boxstyle": "square,pad=0.1", "facecolor": charts.ROLES[role].colour,
                                  "linewidth": 0} if role == "missing" else None)
        bottom = [b + v for b, v in zip(bottom, table[kind])]


def _year_labels(years, last) -> list[str]:
    """The years as tick labels: the year the data end in before its close with the day they end (none without
    `last`), a number of no known year as 'year not found'."""
    part = last.year if last is not None and (last.month, last.day) != (12, 31) else None
    return [tr("year not found") if pd.isna(y) else
            tr("{year}, to {day}", year=int(y), day=wording.day(last, year=False)) if y == part else str(int(y))
            for y in years]


@exhibit(NB, reads=("court_rulings",), drawing=draw_rulings_coverage)
def court_rulings_coverage(t: Tables) -> Spec:
    r = t.court_rulings
    table = rulings.outcomes_by_year(r)
    cov = rulings.coverage(r)
    known = cov["with_outcome"]
    labels = _year_labels(table.index, cov["last_date"])
    first, last = r.sort_values("number").iloc[0], r.sort_values("number").iloc[-1]
    fields = {"first": int(first["number"]), "last": int(last["number"]), "first_day": wording.day(first["date"]),
              "last_day": wording.day(last["date"]), "merits": cov["with_merits"], "known": known,
              "numbers": cov["numbers"]}
    data = table.reset_index().assign(year=[str(int(y)) if pd.notna(y) else "not found" for y in table.index],
                                      resolutions=table.sum(axis=1).to_numpy())
    return Spec(
        tr("The outcome is known for {known} of the Court's {numbers} resolutions", **fields),
        (tr("Normative resolutions by year: every number from No. {first} to No. {last}, each dated. Outcomes as "
            "read in the legal database, official titles or the press.", **fields) if cov["with_date"] == cov["numbers"] else
         tr("Normative resolutions by year: every number from No. {first} to No. {last}, one with no date found "
            "placed in its year by its neighbours. Outcomes as read in the legal database, official titles or the "
            "press.", **fields)),
        sorted(set(r["source_id"].dropna())),
        tr("Stacked bars by year: the outcome is known for {known} of the Court's {numbers} resolutions, {merits} of "
           "them decisions on the merits; by year, {per_year}.", per_year=wording.listing(
               tr("{known} of {numbers} in {year}", year=lab, known=int(row["merits"] + row["procedural"]),
                  numbers=int(row.sum())) for lab, (_, row) in zip(_year_labels(table.index, None), table.iterrows())),
           **fields),
        data, {"table": table, "labels": labels})


TOTAL_NAMES = {
    "normative_resolutions": "normative resolutions",
    "final_decisions": "final decisions",
    "normative_resolutions_with_unconstitutional_norms": "resolutions finding norms unconstitutional",
    "norms_unconstitutional": "norms found unconstitutional",
    "normative_resolutions_with_interpretation": "resolutions giving an interpretation",
    "norms_interpreted": "norms given an interpretation",
}


SHORT_NAMES = {
    "normative_resolutions": "resolutions",
    "final_decisions": "final decisions",
    "normative_resolutions_with_unconstitutional_norms": "unconstitutional (resolutions)",
    "norms_unconstitutional": "unconstitutional (norms)",
    "normative_resolutions_with_interpretation": "interpretations (resolutions)",
    "norms_interpreted": "interpretations (norms)",
}


@exhibit(NB, reads=("court_rulings", "court_caseload"), default=(7.5, 6.5))
def court_rulings_vs_totals(t: Tables, c: Canvas) -> Chart:
    r = rulings.reconcile(t.court_rulings, t.court_caseload)
    # norms given an interpretation: the table knows only resolutions, not norms, so no like-for-like bar
    r = r[r["measure"] != "norms_interpreted"].reset_index(drop=True)
    final = r[r["measure"] == "final_decisions"].iloc[-1]
    fig, ax = c.figure(
        tr("The table holds the outcome of {n} of the Court's {total} final decisions", n=final["in_table"],
           total=wording.published(final["published"], final["qualifier"])),
        tr("The Constitutional Court's own totals at each date it published them (grey), and inside each what the "
           "per-decision table holds for resolutions dated by then (blue)."),
        sorted(set(r["source_id"]) | set(t.court_rulings["source_id"].dropna())))
    labels = [wording.sentence_case(f"{tr(SHORT_NAMES[m])}, {wording.month_year(d)}")
              for m, d in zip(r["measure"], r["period_end"])]
    size = c.category_size(fig, len(labels), 28)
    for i, row in enumerate(r.itertuples()):
        y = len(r) - 1 - i
        ax.barh(y, row.published, height=0.72, color=colour("context"), linewidth=0,
                label=tr("the Court's total") if i == 0 else None)
        ax.barh(y, row.in_table, height=0.36, color=colour("court"), linewidth=0,
                label=tr("held in the table") if i == 0 else None)
        over = row.in_table > row.published  # the Court's count lags behind the series it had already reached
        ax.annotate(tr("{n}; the Court counted {total}", n=row.in_table,
                       total=wording.published(row.published, row.qualifier)) if over else
                    tr("{n} of {total}", n=row.in_table, total=wording.published(row.published, row.qualifier)),
                    (max(row.published, row.in_table), y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=size,
                    color=charts.TEXT)
    ax.set_yticks(range(len(r)), list(reversed(labels)), fontsize=size)
    axes.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    c.room_for_labels(fig, ax, tr("{n} of {total}", n=88, total=88), float(r[["published", "in_table"]].max().max()),
                      size)
    ax.set_xlabel(tr("Count"))
    c.top_legend(fig, ax)
    data = r[["period_end", "measure", "published", "qualifier", "in_table", "in_table_counts"]].assign(
        period_end=r["period_end"].dt.strftime("%Y-%m-%d"))
    alt = tr("Horizontal bars of the Court's published totals, each with what the per-decision table holds inside it: "
             "the table holds the "
             "decision on the merits of {n} of the {total} final decisions reported by {day}.", n=final["in_table"],
             total=wording.published(final["published"], final["qualifier"]), day=wording.day(final["period_end"]))
    return Chart(fig, data, alt)


def area_name(code: str, capital: bool = False) -> str:
    """An area of law in words from the label catalogue, in the edition's language: 'criminal procedure'
    ('Criminal procedure' with capital, for a label that starts a line)."""
    words = wording.term(code)
    return words[:1].upper() + words[1:] if capital else words


def draw_rulings_areas(s: Spec, c: Canvas):
    """Horizontal bars by area, largest at the top, the most common in the highlight; 'not found' hatched below."""
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    labels, values, roles = s.parts["labels"], list(s.data["resolutions"]), s.parts["roles"]
    size = c.category_size(fig, len(labels), 28)
    for i, (v, role) in enumerate(zip(values, roles)):
        r = charts.ROLES[role]
        ax.barh(i, v, height=0.7, color=r.colour, hatch=r.hatch, linewidth=0)
        ax.annotate(wording.count(v), (v, i), xytext=(3, 0), textcoords="offset points", va="center", fontsize=size,
                    color=charts.TEXT)
    ax.set_yticks(range(len(labels)), labels, fontsize=size)
    axes.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    c.room_for_labels(fig, ax, "00", max(values), size)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel(tr("Resolutions"))
    return fig


@exhibit(NB, reads=("court_rulings",), drawing=draw_rulings_areas)
def court_rulings_areas(t: Tables) -> Spec:
    r = t.court_rulings
    tally = rulings.tally(r, "area_of_law").sort_values(kind="stable")
    cov = rulings.coverage(r)
    missing = cov["numbers"] - int(tally.sum())
    top, n = area_name(tally.index[-1]), int(tally.sum())
    # the lead holds whatever area the resolutions not found have only if it exceeds the runner-up by more than them
    certain = len(tally) < 2 or tally.iloc[-1] - tally.iloc[-2] > missing
    title = (tr("{top} is the most common area of law in the Court's resolutions", top=top) if certain else
             tr("{top} is the most common area of law among the {n} resolutions whose area was found", top=top, n=n))
    roles = ["missing"] + ["context"] * (len(tally) - 1) + ["emphasis"]
    data = pd.DataFrame({"area_of_law": ["not_found"] + list(tally.index), "resolutions": [missing] + list(tally)})
    return Spec(
        title[:1].upper() + title[1:],
        tr("Normative resolutions of the Constitutional Court by area of law. Partial data: for {missing} of the "
           "{numbers} numbers the area was not found (hatched bar).", missing=missing, numbers=cov["numbers"]),
        sorted(set(r["source_id"].dropna())),
        tr("Horizontal bars of resolutions by area of law among the {n} whose area was found; {top} has the most, "
           "{most}; for {missing} numbers the area was not found.", n=n, top=top, most=int(tally.iloc[-1]),
           missing=missing),
        data, {"labels": [tr("Not found")] + [area_name(a, capital=True) for a in tally.index], "roles": roles})


# --- tables and sentences for reading (notebook 02) ------------------------------------------------------

OP_ED_DATE = "2023-08-28"


def coverage_summary(t: Tables) -> str:
    cov = rulings.coverage(t.court_rulings)
    return (f"The series runs to No. **{cov['highest_number']}** ({wording.day(cov['last_date'])}). The dataset "
            f"identifies **{cov['identified']}** of the {cov['numbers']} numbers ({cov['identified_pct']:.0f}%), has a "
            f"date for {cov['with_date']}, an area of law for {cov['with_area']}, an outcome for "
            f"{cov['with_outcome']}, of which **{cov['with_merits']}** are decisions on the merits "
            f"({cov['with_merits_pct']:.0f}% of the series).")


def field_table(t: Tables) -> pd.DataFrame:
    f = rulings.field_coverage(t.court_rulings)
    return wording.table(f, {"field": "Field", "numbers": "Numbers with it", "share_pct": "Share of the series, %"},
                         index="field", decimals={"share_pct": 0})


def by_year_table(t: Tables) -> pd.DataFrame:
    y = rulings.by_year(t.court_rulings).reset_index()
    y["year"] = y["year"].astype(int).astype(str)
    return wording.table(y, {"year": "Year", "numbers": "Numbers in the series",
                             "series_placed": "Of which year from the series", "first": "First",
                             "last": "Last", "identified": "Identified", "with_merits": "Decision on the merits known"},
                         index="year")


def by_month_table(t: Tables) -> pd.DataFrame:
    m = rulings.by_month(t.court_rulings)
    return pd.DataFrame({"Month": [f"{p.to_timestamp():%B %Y}" for p in m.index],
                         "Dated resolutions found": m.values}).set_index("Month")


def tallies_table(t: Tables) -> pd.DataFrame:
    r = t.court_rulings
    rows = [("Outcome" + (" (on the merits)" if rulings.outcome_kind(k) == "merits" else " (procedural)"),
             wording.words(k), v) for k, v in rulings.tally(r, "outcome").items()] + \
        [("Applicant", wording.words(k), v) for k, v in rulings.tally(r, "applicant").items()]
    return pd.DataFrame(rows, columns=["Field", "Value", "Resolutions"]).set_index(["Field", "Value"])


def aggregates_table(t: Tables) -> pd.DataFrame:
    agg = rulings.against_aggregates(t.court_rulings, t.court_caseload)
    return pd.DataFrame({
        "Cut-off": agg["period_end"].map(wording.day), "The Court's total": agg["measure"].map(wording.words),
        "Published": [wording.published(v, q) for v, q in zip(agg["published"], agg["qualifier"])],
        "Series reached at least": agg["series_at_least"].map(wording.cell),
        "Series reached at most": agg["series_at_most"].map(wording.cell),
        "Dated in the dataset": agg["dated_in_dataset"], "Source": agg["source_id"]}).set_index("Cut-off")


def aggregates_summary(t: Tables) -> str:
    agg = rulings.against_aggregates(t.court_rulings, t.court_caseload)
    res = agg[agg["measure"] == "normative_resolutions"]
    short = res[res["published"] < res["series_at_least"]]
    final = agg[agg["measure"] == "final_decisions"].iloc[-1]
    lines = [f"- The published count of **{r.published:.0f}** resolutions by {wording.day(r.period_end)} does not fit "
             f"the series on that cut-off: by then it had reached No. {r.series_at_least}. The cut-off of that figure is "
             "inferred (see its note in `data/court_caseload.csv`), or the count left out the Court's own rules "
             "(No. 1)." for r in short.itertuples()]
    lines.append(f"- The Court's **{final['published']:.0f}** *final decisions* by {wording.day(final['period_end'])} sit "
                 f"below the series number reached by then (at least {final['series_at_least']}), as they should: the "
                 "series also holds procedural acts and interpretations.")
    return "\n".join(lines)


def first_months_summary(t: Tables) -> str:
    r = t.court_rulings
    low, high = rulings.highest_by(r, OP_ED_DATE), rulings.first_after(r, OP_ED_DATE)
    reached = (f"exactly No. **{low['number']}** ({wording.day(low['date'], year=False)}; No. {high['number']} is "
               f"dated {wording.day(high['date'], year=False)})" if low["number"] == high["number"] - 1 else
               f"at least No. **{low['number']}** ({wording.day(low['date'], year=False)}) and at most No. "
               f"**{high['number'] - 1}** (No. {high['number']} is dated {wording.day(high['date'], year=False)})")
    return (f"By {wording.day(OP_ED_DATE)} the series had reached {reached}. Of Nos. 1–{low['number']}, the areas of "
            "the identified ones:")


def first_months_table(t: Tables) -> pd.DataFrame:
    r = t.court_rulings
    low = rulings.highest_by(r, OP_ED_DATE)
    tally = rulings.tally(r[r["number"] <= low["number"]], "area_of_law")
    return pd.DataFrame({"Area of law": [wording.words(a) for a in tally.index],
                         "Resolutions": tally.values}).set_index("Area of law")


def resolutions_table(t: Tables) -> pd.DataFrame:
    """Every number of the series, for reading and searching (Ctrl-F in the report)."""
    return wording.table(t.court_rulings, {"number": "No.", "date": "Date", "area_of_law": "Area of law",
                                           "applicant": "Applicant", "outcome": "Outcome",
                                           "outcome_basis": "Outcome read in", "subject_en": "Subject",
                                           "source_id": "Source"}, index="number")


def reconcile_table(t: Tables) -> pd.DataFrame:
    """The Court's totals beside the per-decision table, one row per published total."""
    r = rulings.reconcile(t.court_rulings, t.court_caseload)
    held = {"identified": "resolutions identified", "with_merits": "decisions on the merits known",
            "unconstitutional": "resolutions finding norms unconstitutional",
            "norms_unconstitutional": "norms found unconstitutional (where stated)",
            "interpretation": "resolutions giving an interpretation"}
    return pd.DataFrame({
        "Cut-off": r["period_end"].map(wording.day), "The Court's total": r["measure"].map(TOTAL_NAMES),
        "Published": [wording.published(v, q) for v, q in zip(r["published"], r["qualifier"])],
        "The table holds": r["in_table"], "Counted in the table": r["in_table_counts"].map(held),
        "Series reached at least No.": r["series_at_least"], "Source": r["source_id"]}).set_index("Cut-off")


def gap_sentence(row) -> str:
    """One gap between the Court's total and the table, in words."""
    day, pub, n = wording.day(row.period_end), wording.published(row.published, row.qualifier), row.in_table
    return {
        "normative_resolutions": f"By {day} the Court reported {pub} normative resolutions; the series had reached at "
                                 f"least No. {row.series_at_least}, and the table identifies {n} resolutions dated by "
                                 "then.",
        "final_decisions": f"The table holds the decision on the merits of {n} of the {pub} final decisions the Court "
                           f"reported by {day}.",
        "normative_resolutions_with_unconstitutional_norms":
            f"The table holds {n} of the {pub} resolutions finding norms unconstitutional that the Court reported by "
            f"{day}.",
        "norms_unconstitutional": f"The table counts {n} of the {pub} norms the Court reported found unconstitutional "
                                  f"by {day}" + (f"; for {row.unknown_norms} more "
                                                 + ("resolution" if row.unknown_norms == 1 else "resolutions")
                                                 + " finding norms unconstitutional the number of norms is not stated"
                                                 if row.unknown_norms else "") + ".",
        "normative_resolutions_with_interpretation":
            f"The table holds {n} of the {pub} resolutions giving an interpretation that the Court reported by {day}.",
        "norms_interpreted": f"The Court reported interpretations of {pub} norms by {day}; the table holds {n} "
                             "resolutions giving an interpretation (resolutions, not norms: one resolution may "
                             "interpret several norms).",
    }[row.measure]


def gap_sentences(t: Tables) -> str:
    r = rulings.reconcile(t.court_rulings, t.court_caseload)
    return "\n".join(f"- {gap_sentence(row)}" for row in r.itertuples())


def court_2026_table(t: Tables) -> pd.DataFrame:
    """The Court's provisions in the 2026 Constitution, before and after, as in data/reform_measures.csv."""
    ids = ["constitutional_court_judges", "constitutional_court_term_years", "constitutional_court_appointment",
           "constitutional_review_applicants", "constitutional_court_transition", "constitutional_resolutions_force"]
    m = t.reform_measures[t.reform_measures["act"].str.contains("15 March 2026", na=False)]
    m = m[m["measure_id"].isin(ids)].set_index("measure_id").loc[ids]
    return pd.DataFrame({"Provision": m["measure"], "Before (1995 Constitution as amended in 2022)": m["value_before"],
                         "2026 Constitution (in force 1 July 2026)": m["value_after"],
                         "Article": m["article"]}).set_index("Provision")


def access_2026_table(t: Tables) -> pd.DataFrame:
    """Who may apply to the Court under the 2026 Constitution, as read in its text."""
    a = t.court_access[t.court_access["body"] == "constitutional_court_2026"]
    return pd.DataFrame({"Applicant": a["applicant"].map(wording.words),
                         "May apply": a["may_apply"].map({True: "yes", False: "no"}),
                         "Condition": a["condition"].fillna("–"),
                         "Note": a["note"].fillna("–")}).set_index("Applicant")
