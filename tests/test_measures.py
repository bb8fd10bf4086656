"""The reform's measures: changes counted as changes, acts and dates filled where a cited source gives them."""

import json
import re

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


def test_the_headline_counts_areas_not_rows(m):
    spec = exhibits.REGISTRY["reform_rules_changed"].spec(exhibits.Tables())
    assert spec.title == "Rules changed in 7 of the 8 areas in 2022, the most of any year"
    assert json.loads((paths.FIGURES / "reform_rules_changed.json").read_text(encoding="utf-8"))["title"] == \
        spec.title
    cells = measures.changes_by_area(m)
    # a rule counts once a year: the recall's quorum and majority, the districts' share, the 7 -> 7 term do not add
    elections = cells.set_index(["topic", "year"]).loc[("elections", 2022)]
    assert elections["rules"] == "deputy_recall; mazhilis_district_seats; mazhilis_self_nomination"
    assert not cells["rules"].str.contains("president_term_years").loc[cells["year"] == 2026].any()
    assert int(cells["rules_changed"].sum()) == len(measures.changes(m)) - 1  # the one undated change left off
    data = pd.read_csv(paths.FIGURES / "reform_rules_changed.csv", keep_default_na=False)
    assert list(data.columns) == ["topic", "year", "rules_changed", "rules"]
    # splitting a rule's row into facets would not change the headline: it counts areas
    assert cells[cells["year"] == 2022]["topic"].nunique() == 7


def test_measures_words_are_plain_and_translated():
    from kzreform import i18n
    notation = re.compile(r"[<>~÷≤≥→]|\b[a-z]+_[a-z_]+\b")
    spec = exhibits.REGISTRY["reform_rules_changed"].spec(exhibits.Tables())
    for text in (spec.title, spec.subtitle, spec.alt):
        assert not notation.search(text), text
    assert spec.alt == ("Dot matrix of the rules changed by area and year, 2020 to 2026: in 2022, 17 rules changed in "
                        "7 of the 8 areas.")
    for lang in ("ru", "kk"):
        with i18n.language(lang):
            s = exhibits.REGISTRY["reform_rules_changed"].spec(exhibits.Tables())
        assert "Rules" not in s.title and "2022" in s.title and "Number" not in s.subtitle


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
