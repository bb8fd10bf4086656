"""Notebook 05: the op-ed's claims, checked."""

from __future__ import annotations

import pandas as pd

from .. import charts, claims, referendums, wording
from ..charts import Canvas
from ..axes import horizontal_bars
from ..i18n import tr
from ..tables import Tables
from .registry import Spec, Table, exhibit, spec_of

NB = "05_claims_check"
# the datasets the checks of the op-ed read (kzreform.claims.Data)
CHECKED = ("op_ed_claims", "court_caseload", "constitutional_bodies", "court_access", "court_rulings",
           "referendum_results", "mazhilis_results", "mazhilis_totals", "mazhilis_rules", "reform_measures",
           "constitution_articles", "constitution_article_amendments", "constitution_amendments")
OP_ED = "newjurist_2023_08_28"  # the op-ed, in data/sources.csv
TOPICS = ["court", "referendums", "elections", "institutions", "rights"]
TOPIC_LABELS = {"court": "The Court", "referendums": "Referendums", "elections": "Elections",
                "institutions": "Institutions", "rights": "Rights and freedoms"}  # a claim's topic as its bar is labelled
VERDICT_ROLE = {"not_checkable": "missing"}


def _ledger(t: Tables) -> pd.DataFrame:
    return claims.ledger(t.op_ed_claims, t.claims_data)


def ledger(t: Tables) -> pd.DataFrame:
    """The ledger of the op-ed's claims, checked once per tables object and version (notebook 05 shows it in six
    places; each check was run for each) and handed out as a copy."""
    return spec_of(_ledger, t).copy()


@exhibit(NB, kind="table", reads=CHECKED)
def op_ed_claims_ledger(t: Tables, c: Canvas) -> Table:
    return Table(ledger(t), "The op-ed's statements of fact, checked",
                 "One row per statement: the value stated, the value computed from the project's data, the verdict "
                 "and a one-line explanation.", [OP_ED])


def _verdict_bars(ax, c: Canvas, pivot: pd.DataFrame, size: float) -> None:
    """One stacked bar per topic, a segment per verdict with its count written on it."""
    left = pd.Series(0, index=TOPICS)
    for v in claims.VERDICTS:
        role = charts.ROLES[VERDICT_ROLE.get(v, v)]
        ax.barh(TOPICS, pivot[v], left=left, color=role.colour, hatch=role.hatch, label=tr(claims.VERDICTS[v]),
                height=0.62, edgecolor="white", linewidth=0.8)
        for topic in TOPICS:
            n = pivot.at[topic, v]
            if n:
                ax.text(left[topic] + n / 2, TOPICS.index(topic), str(n), ha="center", va="center",
                        fontsize=size, color="white" if v in ("consistent", "not_consistent") else "black",
                        bbox={"boxstyle": "round,pad=0.1", "facecolor": role.colour, "edgecolor": "none"}
                        if v == "not_checkable" else None)
        left += pivot[v]


def draw_claims_verdicts(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources, note=s.parts["note"])
    size = c.category_size(fig, len(TOPICS) + 2, 34)
    _verdict_bars(ax, c, s.parts["pivot"], size)
    ax.set_yticks(range(len(TOPICS)), [tr(TOPIC_LABELS[tp]) for tp in TOPICS], fontsize=size)
    ax.invert_yaxis()
    ax.tick_params(axis="y", length=0)
    horizontal_bars(ax)
    ax.set_xlabel(tr("Statements"))
    c.top_legend(fig, ax)
    return fig


@exhibit(NB, reads=CHECKED, drawing=draw_claims_verdicts)
def claims_verdicts(t: Tables) -> Spec:
    table = ledger(t)
    s = claims.summary(table).set_index("verdict")["claims"]
    tested = int(s.drop("not_checkable").sum())
    op_ed_day = t.sources.set_index("source_id").at[OP_ED, "date_published"]
    # one finding: those that fit as stated (the ones that fit only with a caveat are a bar of their own, not
    # folded in); the counts worded in the template, by each language's plural rules
    title = tr("Of the op-ed's {tested} testable statements, {plain} fit the data without a caveat",
               plain=int(s["consistent"]), tested=tested)
    subtitle = tr("Statements of fact in the Constitutional Court chair's op-ed of {day}, by verdict and topic. Each "
                  "verdict is computed from the project's sourced data.", day=wording.day(op_ed_day))
    pivot = table.pivot_table(index="topic", columns="verdict", values="claim_id", aggfunc="count", fill_value=0) \
        .reindex(index=TOPICS, columns=list(claims.VERDICTS), fill_value=0)
    data = pivot.reset_index().melt(id_vars="topic", var_name="verdict", value_name="claims")
    alt = tr("Stacked bars of the op-ed's {n} statements by topic and verdict: {a} consistent, {b} consistent with a "
             "caveat, {c} misleading comparison, {d} not consistent, {e} not checkable.", n=len(table),
             a=s["consistent"], b=s["consistent_with_caveat"], c=s["misleading_comparison"], d=s["not_consistent"],
             e=s["not_checkable"])
    return Spec(title, subtitle, [OP_ED], alt, data,
                {"pivot": pivot, "note": tr("Data: the project's tables (see the ledger).")})


# --- the tables behind verdicts that need more than one line ----------------------------------------

def _evidence(t: Tables) -> dict:
    from . import court as court_tables
    from . import elections as election_tables
    from . import referendums as referendum_tables
    from .rulings import first_months_table
    d = t.claims_data
    return {
        "C03": lambda: referendum_tables.shares_table(t).loc[[rf_label("2022-06-05")]],
        "C10": lambda: court_tables.appeals_table(t).head(8),
        "C11": lambda: court_tables.council_table(t).loc[
            [wording.words("normative_resolutions"), wording.words("appeals_received")]],
        "C13": lambda: court_tables.comparison_table(t),
        "C18": lambda: wording.table(d.caseload[(d.caseload["period_end"] == "2023-06-20")
                                                & d.caseload["measure"].str.startswith("normative_resolutions")]
                                     .assign(measure=lambda x: x["measure"].map(wording.words)),
                                     {"measure": "Measure", "value": "Value", "qualifier": "As published",
                                      "source_id": "Source"}, index="measure"),
        "C20": lambda: first_months_table(t),
        "C07": lambda: election_tables.women_table(t),
        "C27": lambda: measures_evidence("C27", t),
    }


def measures_evidence(claim_id: str, t: Tables) -> pd.DataFrame:
    """Every row of the measures a statement is about, adopted by the op-ed's date: the rows for it and against
    it, as the verdict reads them."""
    claim = t.op_ed_claims.set_index("claim_id").loc[claim_id]
    rows = claims.evidence_steps(claim, t.claims_data)
    return wording.table(rows, {"measure": "Rule", "value_before": "Before", "value_after": "After",
                                "act": "Act", "date_adopted": "Adopted", "date_in_force": "In force",
                                "source_id": "Source"}, index="measure")


def rf_label(date: str) -> str:
    return referendums.LABELS[date]


def evidence_ids(t: Tables) -> list[str]:
    return list(_evidence(t))


def evidence(claim_id: str, t: Tables) -> pd.DataFrame:
    """The table behind a verdict that needs more than one line."""
    return _evidence(t)[claim_id]()


# --- tables and sentences for reading (notebook 05) -----------------------------------------------------

def summary_table(t: Tables) -> pd.DataFrame:
    s = claims.summary(ledger(t))
    return pd.DataFrame({"Verdict": s["label"], "Statements": s["claims"]}).set_index("Verdict")


def ledger_table(t: Tables) -> pd.DataFrame:
    return wording.table(ledger(t), {"claim_id": "Claim", "claim": "Statement (paraphrased)", "stated": "Stated",
                                     "computed": "Computed from the data", "verdict_label": "Verdict",
                                     "explanation": "Why"}, index="claim_id")


def evidence_heading(claim_id: str, t: Tables) -> str:
    """A Markdown heading and sentence for one claim; text from data escaped."""
    row = ledger(t).set_index("claim_id").loc[claim_id]
    return (f"### {wording.md(claim_id)}: {wording.md(row['verdict_label'])}\n\n*{wording.md(row['claim'])}* "
            f"{wording.md(row['explanation'])}")


def not_checkable_summary(t: Tables) -> str:
    """The statements no source other than the op-ed settles, by name (escaped: text from data)."""
    rest = ledger(t)
    rest = rest[rest["verdict"] == "not_checkable"]
    items = "\n".join(f"- **{wording.md(r.claim_id)}** {wording.md(r.claim)} {wording.md(r.explanation)}"
                      for r in rest.itertuples())
    return ("These statements are listed in the ledger as not checkable rather than left out: no source other than "
            "the op-ed gives their figures, or the project holds no sourced data on them.\n\n" + items)
