"""The reform's measures: changes counted as changes, acts and dates filled where a cited source gives them."""

import json

import pandas as pd
import pytest

from kzreform import datasets, exhibits, paths
from kzreform.exhibits import measures


@pytest.fixture(scope="module")
def m():
    return datasets.load("reform_measures")


def test_a_step_that_changes_nothing_is_not_a_change(m):
    kept = m[~measures.is_change(m)]
    # the 2026 Constitution kept the single seven-year term: 7 -> 7 is a step, not a change
    assert ("president_term_years", 2) in set(zip(kept["measure_id"], kept["step"]))
    assert (kept["value_before"].str.strip() == kept["value_after"].str.strip()).all()
    ch = measures.changes(m)
    assert not ch["steps"].str.contains("president_term_years step 2").any()


def test_facets_of_one_change_count_once(m):
    ch = measures.changes(m).set_index("rule")
    recall = ch.loc["deputy_recall"]
    assert recall["steps"] == ("deputy_recall step 1; deputy_recall_majority_pct step 1; "
                               "deputy_recall_quorum step 1")
    assert "mazhilis_district_share_pct step 1" in ch.loc["mazhilis_district_seats"]["steps"].iloc[0]
    for facet, rule in measures.FACET_OF.items():
        assert facet in set(m["measure_id"]) and rule in set(m["measure_id"])
    # every step that changed a rule is in exactly one change
    covered = [s for steps in measures.changes(m)["steps"] for s in steps.split("; ")]
    changed = m[measures.is_change(m)]
    assert sorted(covered) == sorted(changed["measure_id"] + " step " + changed["step"].astype(str))


def test_the_headline_counts_changes(m):
    title = json.loads((paths.FIGURES / "reform_measures_timeline.json").read_text(encoding="utf-8"))["title"]
    ch = measures.changes(m)
    assert title.startswith(f"Of {len(ch)} changes to {ch['rule'].nunique()} rules, ")
    assert len(ch) < len(m)  # the 7 -> 7 step and the facets are not counted as changes
    data = pd.read_csv(paths.FIGURES / "reform_measures_timeline.csv", keep_default_na=False)
    assert set(data["changed"].astype(str)) == {"True", "False"}


def test_acts_and_in_force_dates_where_a_cited_source_gives_them(m):
    sept = m[m["date_adopted"] == "2022-09-17"]
    assert len(sept) == 2 and sept["act"].str.contains("No. 142-VII").all()
    june = m[m["act"].fillna("").str.startswith("Law of 8 June 2022 amending the Constitution")]
    assert len(june) >= 8
    # in force on the publication of the official report on the results, 8 June 2022 (the Court's applicants
    # row keeps the Court's own start, 1 January 2023)
    assert set(june["date_in_force"]) <= {"2022-06-08", "2023-01-01"}
    dated = june[june["date_in_force"] == "2022-06-08"]
    assert len(dated) >= 7 and dated["cross_check_source_ids"].str.contains("adilet_k950001000_2023").all()
    assert not m["act"].fillna("").str.contains("not found|not read|per ODIHR", regex=True).any()


def test_the_summary_says_how_changes_are_counted():
    text = measures.summary(exhibits.Tables())
    assert "kept a rule unchanged (not a change)" in text and "counted once" in text
