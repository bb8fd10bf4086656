"""Notebook 06: the reform's measurable rules, before and after, 2020 to the 2026 Constitution."""

from __future__ import annotations

import pandas as pd

from .. import charts, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from .registry import Spec, exhibit

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


def changes_by_area(measures: pd.DataFrame) -> pd.DataFrame:
    """The rules changed in each area (topic) and year adopted: a rule counts once a year however many of its
    provisions or facets changed, and a step that kept its rule unchanged not at all (changes). Columns: topic,
    year, rules_changed, rules (the rules' ids); dated changes only."""
    ch = changes(measures)
    topic = measures.drop_duplicates("measure_id").set_index("measure_id")["topic"]
    ch = ch.assign(year=adoption_dates(ch).dt.year, topic=ch["rule"].map(topic)).dropna(subset=["year"])
    cells = ch.groupby(["topic", ch["year"].astype(int)])["rule"].agg(lambda r: sorted(set(r)))
    return pd.DataFrame([{"topic": tp, "year": yr, "rules_changed": len(r), "rules": "; ".join(r)}
                         for (tp, yr), r in cells.items()])


def draw_measures(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    cells, topics, years, mark = s.data, s.parts["topics"], s.parts["years"], s.parts["year"]
    size = c.category_size(fig, len(topics), 34)
    fig.draw_without_rendering()
    box = ax.get_position()
    column = box.width * c.width * 72 / len(years)
    pitch = min(column, box.height * c.height * 72 / len(topics))
    biggest = cells["rules_changed"].max()
    for r in cells.itertuples():
        x, y = years.index(r.year), len(topics) - 1 - topics.index(r.topic)
        diameter = 0.8 * pitch * (r.rules_changed / biggest) ** 0.5
        tint = colour("emphasis") if r.year == mark else colour("context")
        ax.scatter([x], [y], s=diameter ** 2, color=tint, linewidths=0, zorder=3)
        inside = diameter >= 1.5 * size
        ax.annotate(wording.number(r.rules_changed, 0), (x, y), xytext=(0, 0) if inside else (diameter / 2 + 2, 0),
                    textcoords="offset points", ha="center" if inside else "left", va="center", fontsize=size,
                    color="white" if inside and r.year == mark else charts.TEXT, zorder=4)
    totals = cells.groupby("year")["rules_changed"].sum()
    under = {yr: tr("{n} rules", n=int(totals[yr])) if yr in totals else "–" for yr in years}
    if max(layout.text_width(u, size) for u in under.values()) > 0.75 * column:  # a narrow column: the year alone
        under = {yr: "" for yr in years}
    ax.set_xticks(range(len(years)), [f"{yr}\n{under[yr]}".strip() for yr in years], fontsize=size)
    ax.set_yticks(range(len(topics)), [tr(TOPIC_LABELS[tp]) for tp in reversed(topics)], fontsize=size)
    ax.set_xlim(-0.6, len(years) - 0.4)
    ax.set_ylim(-0.6, len(topics) - 0.4)
    ax.tick_params(length=0)
    ax.xaxis.tick_top()
    ax.grid(axis="x", visible=False)
    for side in ("left", "bottom", "top", "right"):
        ax.spines[side].set_visible(False)
    return fig


@exhibit(NB, reads=("reform_measures",), drawing=draw_measures)
def reform_rules_changed(t: Tables) -> Spec:
    m = t.reform_measures
    cells = changes_by_area(m)
    topics = [k for k in TOPIC_LABELS if k in set(m["topic"])]
    years = list(range(int(cells["year"].min()), int(cells["year"].max()) + 1))
    areas = cells.groupby("year")["topic"].nunique()
    year = int(areas.idxmax())
    fields = {"year": year, "k": int(areas.max()), "n": len(topics), "first": years[0], "last": years[-1],
              "rules": int(cells[cells["year"] == year]["rules_changed"].sum()),
              "undated": int(adoption_dates(changes(m)).isna().sum())}
    title = (tr("Rules changed in {k} of the {n} areas in {year}, the most of any year", **fields)
             if (areas == areas.max()).sum() == 1 else tr("Rules changed in {k} of the {n} areas in {year}", **fields))
    subtitle = tr("Number of rules changed, by area and year adopted. A rule counts once a year, however many of its "
                  "provisions changed.")
    if fields["undated"]:
        subtitle += " " + (tr("Not shown: 1 change with no known date.") if fields["undated"] == 1 else
                           tr("Not shown: {undated} changes with no known date.", **fields))
    return Spec(title, subtitle, list(dict.fromkeys(m["source_id"])),
                tr("Dot matrix of the rules changed by area and year, {first} to {last}: in {year}, {rules} rules "
                   "changed in {k} of the {n} areas.", **fields),
                cells, {"topics": topics, "years": years, "year": year})


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
