"""Notebook 06: the reform's measurable rules, before and after, 2020 to the 2026 Constitution."""

from __future__ import annotations

import re

import pandas as pd

from .. import charts, i18n, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from .registry import Chart, exhibit

NB = "06_reform_measures"
TOPIC_LABELS = {"elections": "Elections", "parties": "Parties", "parliament": "Parliament", "presidency": "Presidency",
                "court": "Constitutional review", "rights": "Rights", "local_government": "Local government",
                "constitution": "Constitution"}


# Rules that are facets of another rule's change (the same act, the same change seen from another side): a recall
# procedure and its quorum and majority; district seats and the districts' share of seats. A facet is a row of its
# own in the table, but the change counts once in a headline.
FACET_OF = {"deputy_recall_majority_pct": "deputy_recall", "deputy_recall_quorum": "deputy_recall",
            "mazhilis_district_share_pct": "mazhilis_district_seats",
            # the Court under the 2026 Constitution: one change, of which its status row sums up the facets
            "constitutional_court_appointment": "constitutional_court_status",
            "constitutional_court_transition": "constitutional_court_status",
            "constitutional_review_applicants": "constitutional_court_status"}


def is_change(measures: pd.DataFrame) -> pd.Series:
    """Whether a step changed its rule: a step whose value after is its value before (a seven-year term kept at
    seven years) is not a change."""
    norm = lambda v: str(v).strip().lower()  # noqa: E731
    return pd.Series([norm(a) != norm(b) for a, b in zip(measures["value_before"], measures["value_after"])],
                     index=measures.index)


def changes(measures: pd.DataFrame) -> pd.DataFrame:
    """One row per change: the steps that changed a rule, facets of one change (FACET_OF, the same adoption date)
    merged into the change they belong to. Columns: rule (the measure the change is counted under), date_adopted,
    steps (the measure ids and steps it covers)."""
    m = measures[is_change(measures)]
    # a facet joins its change only where that change has a step adopted the same day
    days = m.groupby("measure_id")["date_adopted"].agg(set)
    rule = pd.Series([FACET_OF[x] if x in FACET_OF and d in days.get(FACET_OF[x], ()) else x
                      for x, d in zip(m["measure_id"], m["date_adopted"])], index=m.index)
    grouped = m.assign(rule=rule, key=m["measure_id"] + " step " + m["step"].astype(str)) \
        .groupby(["rule", m["date_adopted"].fillna("")], sort=False)
    return pd.DataFrame([{"rule": r, "date_adopted": d or None, "steps": "; ".join(g["key"])}
                         for (r, d), g in grouped])


def adoption_dates(measures: pd.DataFrame) -> pd.Series:
    """Each step's adoption date as a timestamp (a year or month alone is read as its first day); NaT if not found."""
    return pd.to_datetime(measures["date_adopted"].fillna("").map(
        lambda d: d + "-01-01" if len(d) == 4 else d + "-01" if len(d) == 7 else d), errors="coerce")


def short_change(r) -> str:
    """A step in a few words for a label: '7 → 5%', '40,000 → 20,000', or the rule's id in words."""
    if i18n.current() != "en":
        return _short_change_edition(r)
    if r["unit"] == "text":
        return wording.label(r["measure_id"]).replace(" pct", "")
    before, after = (f"{int(v):,}" if str(v).isdigit() else str(v) for v in (r["value_before"], r["value_after"]))
    unit = "%" if r["unit"] == "percent" else f" {r['unit']}"
    if after == "1" and unit.endswith("s"):  # '2 → 1 term', not '1 terms'
        unit = unit[:-1]
    name = wording.label(r["measure_id"]).replace(" pct", "")
    if before == after:  # the value kept, the rule changed otherwise (the note says how)
        return f"{name}: kept at {after}{unit}"
    return f"{name}: {before} → {after}{unit}"


def _short_change_edition(r) -> str:
    """short_change in Russian or Kazakh: the rule's name and units from the catalogue, counts by the language's
    plural rules ('29 мест', '1 срок'), a hedged value worded as the hedges are elsewhere ('более 50 %')."""
    name = tr(wording.label(r["measure_id"]).replace(" pct", ""))
    if r["unit"] == "text":
        return name
    percent = r["unit"] == "percent"

    def value(v: str) -> str:
        v = str(v)
        if v.isdigit():
            return i18n.localise_number(f"{int(v):,}") + (i18n.percent_sign() if percent else "")
        hedge = re.fullmatch(r"(more than|less than|about|at least|up to) (\d+)", v)
        return tr(hedge[1] + " {value}", value=value(hedge[2])) if hedge else tr(v)

    before, after = value(r["value_before"]), value(r["value_after"])
    unit = "" if percent else " " + r["unit"]
    if before == after:
        return tr("{name}: kept at {after}" + unit, name=name, after=after)
    return tr("{name}: {before} → {after}" + unit, name=name, before=before, after=after)


@exhibit(NB, reads=("reform_measures",), default=(6.5, 4.6))
def reform_measures_timeline(t: Tables, c: Canvas) -> Chart:
    m = t.reform_measures.assign(adopted=adoption_dates(t.reform_measures), changed=is_change(t.reform_measures))
    dated = m.dropna(subset=["adopted"])
    undated = len(m) - len(dated)
    # the headline counts changes: steps that changed nothing left out, facets of one change counted once
    ch = changes(t.reform_measures)
    ch = ch.assign(adopted=adoption_dates(ch))
    years = ch["adopted"].dt.year.dropna().astype(int)
    by_year = years.value_counts().sort_index()
    busiest = int(by_year.idxmax())
    last = int(years.max())
    topics = [k for k in TOPIC_LABELS if k in set(m["topic"])]
    english = i18n.current() == "en"
    fig, ax = c.figure(
        tr("Of {n} changes to {rules} rules, {k} were adopted in {year}; the {last} Constitution made {more} more",
           n=len(ch), rules=ch["rule"].nunique(), k=int(by_year[busiest]), year=busiest, last=last,
           more=int(by_year[last])),
        (f"Each dot is a step of a measurable rule, by topic and date adopted; a hollow dot kept its rule unchanged. "
         f"The title counts facets of one change once. {undated} step{'s' * (undated != 1)} without a known date "
         f"{'are' if undated != 1 else 'is'} left off, as are labels that do not fit.") if english else
        tr("Each dot is a step of a measurable rule, by topic and date adopted; a hollow dot kept its rule unchanged. "
           "The title counts facets of one change once. Steps without a known date left off: {undated}; labels that "
           "do not fit are left off too.", undated=undated),
        list(dict.fromkeys(m["source_id"])))
    size = c.category_size(fig, len(topics) + 1, 30)
    y = {topic: len(topics) - 1 - i for i, topic in enumerate(topics)}
    for v in sorted(set(dated["adopted"].dt.year)):
        ax.axvline(pd.Timestamp(f"{v}-01-01"), color=charts.GRID, linewidth=0.8, zorder=0)
    # dots of one topic on one date are spread a little so that each stays visible
    offsets = dated.groupby(["topic", "adopted"]).cumcount()
    counts = dated.groupby(["topic", "adopted"])["measure_id"].transform("size")
    ys = [y[tp] + 0.18 * (o - (n - 1) / 2) for tp, o, n in zip(dated["topic"], offsets, counts)]
    kept = ~dated["changed"].to_numpy()
    ax.scatter(dated["adopted"][~kept], [y_ for y_, k in zip(ys, kept) if not k], s=22 * c.scale,
               color=colour("emphasis"), zorder=3)
    if kept.any():
        ax.scatter(dated["adopted"][kept], [y_ for y_, k in zip(ys, kept) if k], s=22 * c.scale,
                   facecolors="white", edgecolors=colour("emphasis"), linewidths=1.0, zorder=3)
    ax.set_yticks(list(y.values()), [tr(TOPIC_LABELS[tp]) for tp in y], fontsize=size)
    ax.set_ylim(-0.8, len(topics) - 0.2)
    ax.set_xlim(pd.Timestamp("2019-10-01"), pd.Timestamp("2026-12-31"))
    charts.date_axis(ax)
    ax.tick_params(axis="y", length=0)
    ax.grid(axis="y", visible=False)
    import matplotlib.dates as mdates
    points = [(mdates.date2num(a), yy, short_change(r), charts.TEXT)
              for (_, r), a, yy in zip(dated.iterrows(), dated["adopted"], ys)]
    dropped = layout.place_labels(fig, ax, points, fontsize=max(layout.MIN_PT, c.pt("small") * 0.9), gap=3.5,
                                  marker_pt=5)
    data = m.drop(columns=["adopted"])[["measure_id", "step", "topic", "value_before", "value_after", "unit",
                                         "date_adopted", "date_in_force", "changed", "source_id"]]
    counted = changes(t.reform_measures)
    under = {key: r for r, keys in zip(counted["rule"], counted["steps"]) for key in keys.split("; ")}
    data = data.assign(counted_as=[under.get(f"{i} step {s}", "") for i, s in zip(data["measure_id"], data["step"])])
    alt = tr("Dot timeline of {n} dated changes to Kazakhstan's measurable political rules by topic, from {first} to "
             "{last}; most were adopted in {busiest}.", n=int(ch["adopted"].notna().sum()), first=int(years.min()),
             last=last, busiest=busiest)
    c.meta["labels_left_off"] = dropped
    return Chart(fig, data, alt)


# --- tables for reading (notebook 06) ---------------------------------------------------------------

def measures_table(t: Tables, topic: str | None = None) -> pd.DataFrame:
    m = t.reform_measures if topic is None else t.reform_measures[t.reform_measures["topic"] == topic]
    return wording.table(m.assign(topic=m["topic"].map(TOPIC_LABELS)),
                         {"topic": "Topic", "measure": "Rule", "value_before": "Before", "value_after": "After",
                          "act": "Act", "date_adopted": "Adopted", "date_in_force": "In force", "source_id": "Source"},
                         index="topic")


def summary(t: Tables) -> str:
    m = t.reform_measures
    dated = adoption_dates(m)
    ch = changes(m)
    kept = int((~is_change(m)).sum())
    facets = int(is_change(m).sum()) - len(ch)
    return (f"The table holds **{len(m)}** steps of **{m['measure_id'].nunique()}** rules. They make **{len(ch)}** "
            f"changes to **{ch['rule'].nunique()}** rules: {kept} step{'s' * (kept != 1)} kept a rule unchanged "
            f"(not a change), and {facets} step{'s' * (facets != 1)} {'are facets' if facets != 1 else 'is a facet'} "
            f"of another change (the same act changing one rule seen from another side, such as a recall and its "
            f"quorum), counted once. {int(dated.notna().sum())} steps have a known adoption date and "
            f"{int(m['date_in_force'].notna().sum())} a known date of entry into force (the rest are empty, with a "
            "note saying what was searched; where an act's number was not found, the note says so).")
