"""Notebook 02: the Constitutional Court's normative resolutions, one by one."""

from __future__ import annotations

import pandas as pd

from .. import charts, rulings, wording
from ..charts import Canvas, colour
from . import Chart, Tables, exhibit

NB = "02_court_rulings"


@exhibit(NB)
def court_rulings_coverage(t: Tables, c: Canvas) -> Chart:
    r = t.court_rulings
    y = rulings.by_year(r)
    cov = rulings.coverage(r)
    unknown = y.attrs["numbers_of_unknown_year"]
    fig, ax = c.figure(
        f"Of {cov['numbers']} numbered resolutions, {cov['identified']} were identified and "
        f"{cov['with_outcome']} have a known outcome",
        "Normative resolutions of the Constitutional Court by year: numbers in the running series, resolutions "
        "found in the legal database or the press, and those whose outcome was found. "
        f"{wording.plural(unknown, 'number')} could not be placed in a year.",
        sorted(set(r["source_id"].dropna())))
    x = range(len(y))
    width = 0.27
    series = [("numbers", "numbers in the series", colour("missing")),
              ("identified", "identified", colour("context")),
              ("with_outcome", "outcome known", colour("court"))]
    for k, (col, label, tint) in enumerate(series):
        xs = [i + (k - 1) * width for i in x]
        ax.bar(xs, y[col], width=width, color=tint, label=label)
        for xi, v in zip(xs, y[col]):
            ax.annotate(f"{v}", (xi, v), xytext=(0, 1.5), textcoords="offset points", ha="center", va="bottom",
                        fontsize=c.pt("small"), color=charts.TEXT)
    ax.set_xticks(list(x), [str(v) for v in y.index])
    ax.tick_params(axis="x", length=0)
    ax.set_ylabel("Resolutions")
    c.legend(ax, loc="upper right", ncols=1)
    ax.set_ylim(0, y["numbers"].max() * 1.45)
    data = y.reset_index()
    data["year"] = data["year"].astype(int)
    alt = (f"Grouped bars by year: of {cov['numbers']} numbered resolutions, {cov['identified']} identified and "
           f"{cov['with_outcome']} with a known outcome.")
    return Chart(fig, data, alt)


@exhibit(NB)
def court_rulings_areas(t: Tables, c: Canvas) -> Chart:
    r = t.court_rulings
    tally = rulings.tally(r, "area_of_law").sort_values()
    cov = rulings.coverage(r)
    top = wording.label(tally.index[-1])
    fig, ax = c.figure(
        f"Among the {int(tally.sum())} resolutions whose subject was found, {top} comes first",
        f"Normative resolutions of the Constitutional Court by area of law, where identified "
        f"({int(tally.sum())} of {cov['numbers']} numbers; partial data).", sorted(set(r["source_id"].dropna())))
    labels = [wording.label(a).replace("institutional constitutional", "institutional / constitutional")
              for a in tally.index]
    ax.barh(labels, tally.values, color=[colour("court") if i == len(tally) - 1 else colour("context")
                                         for i in range(len(tally))], height=0.7)
    for i, v in enumerate(tally.values):
        ax.annotate(str(v), (v, i), xytext=(3, 0), textcoords="offset points", va="center",
                    fontsize=c.pt("small"), color=charts.TEXT)
    charts.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    ax.set_xlim(0, tally.max() * 1.15)
    ax.set_xlabel("Resolutions")
    data = tally.rename_axis("area_of_law").reset_index(name="resolutions")
    alt = (f"Horizontal bars of resolutions by area of law among the {int(tally.sum())} identified; {top} has "
           f"the most, {tally.iloc[-1]}.")
    return Chart(fig, data, alt)


# --- tables and sentences for reading (notebook 02) ------------------------------------------------------

OP_ED_DATE = "2023-08-28"


def coverage_summary(t: Tables) -> str:
    cov = rulings.coverage(t.court_rulings)
    return (f"The series runs to No. **{cov['highest_number']}**. The dataset identifies **{cov['identified']}** of "
            f"the {cov['numbers']} numbers ({cov['identified_pct']:.0f}%), has a date for {cov['with_date']}, an area "
            f"of law for {cov['with_area']} and an outcome for **{cov['with_outcome']}** "
            f"({cov['with_outcome_pct']:.0f}%).")


def by_year_table(t: Tables) -> pd.DataFrame:
    y = rulings.by_year(t.court_rulings).reset_index()
    return wording.table(y, {"year": "Year", "numbers": "Numbers in the series", "first": "First",
                             "last": "Last", "identified": "Identified", "with_outcome": "Outcome known"},
                         index="year")


def by_month_table(t: Tables) -> pd.DataFrame:
    m = rulings.by_month(t.court_rulings)
    return pd.DataFrame({"Month": [f"{p.to_timestamp():%B %Y}" for p in m.index],
                         "Dated resolutions found": m.values}).set_index("Month")


def tallies_table(t: Tables) -> pd.DataFrame:
    r = t.court_rulings
    rows = [("Outcome", wording.label(k), v) for k, v in rulings.tally(r, "outcome").items()] + \
        [("Applicant", wording.label(k), v) for k, v in rulings.tally(r, "applicant").items()]
    return pd.DataFrame(rows, columns=["Field", "Value", "Resolutions"]).set_index(["Field", "Value"])


def aggregates_table(t: Tables) -> pd.DataFrame:
    agg = rulings.against_aggregates(t.court_rulings, t.court_caseload)
    return pd.DataFrame({
        "Cut-off": agg["period_end"].map(wording.day), "The Court's total": agg["measure"].map(wording.label),
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
    return (f"By {wording.day(OP_ED_DATE)} the series had reached at least No. **{low['number']}** "
            f"({wording.day(low['date'], year=False)}) and at most No. **{high['number'] - 1}** (No. {high['number']} is "
            f"dated {wording.day(high['date'], year=False)}). Of Nos. 1–{low['number']}, the areas of the identified "
            "ones:")


def first_months_table(t: Tables) -> pd.DataFrame:
    r = t.court_rulings
    low = rulings.highest_by(r, OP_ED_DATE)
    tally = rulings.tally(r[r["number"] <= low["number"]], "area_of_law")
    return pd.DataFrame({"Area of law": [wording.label(a) for a in tally.index],
                         "Resolutions": tally.values}).set_index("Area of law")


def resolutions_table(t: Tables) -> pd.DataFrame:
    """Every number of the series, for reading and searching (Ctrl-F in the report)."""
    return wording.table(t.court_rulings, {"number": "No.", "date": "Date", "area_of_law": "Area of law",
                                           "applicant": "Applicant", "outcome": "Outcome",
                                           "outcome_basis": "Outcome read in", "subject_en": "Subject",
                                           "source_id": "Source"}, index="number")
