"""The per-resolution dataset: numbering, vocabulary, coverage and the tallies the notebook reports."""

import pandas as pd
import pytest

from kzreform import court, datasets
from kzreform import rulings as ru


@pytest.fixture(scope="module")
def rulings():
    return datasets.load("court_rulings")


def test_numbering_is_complete_and_unique(rulings):
    assert rulings["number"].tolist() == list(range(1, len(rulings) + 1))
    assert rulings["number"].max() == 75


def test_dates_rise_with_numbers_except_the_documented_one(rulings):
    dated = rulings.dropna(subset=["date"]).sort_values("number")
    backwards = dated[dated["date"] < dated["date"].cummax()]
    assert backwards["number"].tolist() == [60]
    assert backwards["note"].iloc[0].startswith("Known discrepancy")


def test_every_outcome_has_its_basis(rulings):
    known = rulings.dropna(subset=["outcome"])
    assert known["outcome_basis"].notna().all()
    assert set(known["outcome"]) <= set(ru.PROCEDURAL) | set(ru.MERITS)
    # a procedural act read from its title, never a decision on the merits read from a title
    assert set(known[known["outcome_basis"] == "official_title"]["outcome"].map(ru.outcome_kind)) <= \
        {"procedural", "merits"}


def test_a_row_names_a_source_exactly_when_something_was_found(rulings):
    found = rulings[["date", "title_original", "subject_en", "act_reviewed", "articles_reviewed", "area_of_law",
                     "applicant", "outcome"]].notna().any(axis=1)
    assert rulings.loc[found, "source_id"].notna().all()
    assert rulings.loc[~found, "source_id"].isna().all()
    assert rulings.loc[~found, "note"].str.startswith("Not found").all()


def test_coverage_and_tallies(rulings):
    cov = ru.coverage(rulings)
    assert (cov["numbers"], cov["identified"], cov["with_date"], cov["with_outcome"], cov["with_merits"]) == \
        (75, 48, 48, 13, 9)
    assert cov["identified_pct"] == pytest.approx(100 * 48 / 75)
    assert ru.tally(rulings, "outcome").to_dict() == {
        "unconstitutional": 4, "procedural_other": 3, "official_interpretation": 2, "rules_of_procedure": 1,
        "unconstitutional_in_part": 1, "constitutional": 1, "constitutional_in_interpretation": 1}
    y = ru.by_year(rulings)
    assert y.loc[2023, ["numbers", "series_placed", "first", "last", "with_merits"]].tolist() == [38, 13, 1, 38, 5]
    assert y["series_placed"].sum() == 25
    assert y.attrs["numbers_of_unknown_year"] == 1  # only No. 39, between 26 Dec 2023 and 10 Jan 2024
    coverage = ru.field_coverage(rulings).set_index("field")
    assert coverage.loc["outcome on the merits", "share_pct"] == pytest.approx(12.0)


def test_year_basis_says_how_each_year_is_known(rulings):
    basis = rulings["year_basis"].fillna("")
    assert (basis == "date").eq(rulings["date"].notna()).all()
    assert rulings.loc[basis == "", "year"].isna().all() and rulings.loc[basis != "", "year"].notna().all()
    # a year from the series is exactly the year both nearest numbers of known year share
    series = ru.series_years(rulings)
    placed = rulings[basis == "series"]
    assert placed["year"].astype(int).tolist() == series[placed["number"]].astype(int).tolist()
    # ... and no number the series fixes is left without a year
    assert rulings.loc[rulings["year"].isna(), "number"].map(series).isna().all()
    assert rulings.loc[basis == "", "number"].tolist() == [39]


def test_every_not_found_note_names_its_searches(rulings):
    """A number left 'Not found' says what was searched: its Russian and Kazakh numbers and the legal database's code
    for every year it may belong to."""
    years = ru.plausible_years(rulings)
    missing = rulings[rulings["source_id"].isna()]
    assert len(missing) == 26
    for _, r in missing.iterrows():
        n, note = int(r["number"]), r["note"]
        assert note.startswith("Not found") and "Searched:" in note, n
        assert f"№ {n}-НП" in note and f"№ {n}-НҚ" in note and "find_string" in note and "pages corpus" in note, n
        for y in years[n]:
            assert f"S{y % 100}{n:08d}" in note, (n, y)


def test_dates_read_from_the_second_part_of_the_constitution_notes(rulings):
    z = rulings[rulings["source_id"] == "zangov_k950001000_ru"].set_index("number")["date"]
    assert {n: f"{z[n]:%Y-%m-%d}" for n in (58, 61, 67, 68)} == {
        58: "2024-12-24", 61: "2025-01-20", 67: "2025-02-26", 68: "2025-02-27"}


def test_series_against_published_totals(rulings):
    caseload = datasets.load("court_caseload")
    agg = ru.against_aggregates(rulings, caseload).set_index(["period_end", "measure"])
    june = agg.loc[(pd.Timestamp("2023-06-20"), "normative_resolutions")]
    # the Court counted 18 resolutions by 20 June 2023, when No. 19 (13 June) existed: its count leaves one out
    assert (june["published"], june["series_at_least"], june["series_at_most"]) == (18, 19, 19)
    low = ru.highest_by(rulings, "2023-08-28")
    assert (low["number"], ru.first_after(rulings, "2023-08-28")["number"]) == (21, 27)


def test_appeals_per_100k():
    table = court.per_100k(datasets.load("court_comparisons"), datasets.load("population"),
                           datasets.load("court_caseload")).set_index(["country", "year"])
    kz = table.loc[("Kazakhstan", 2023)]
    assert (kz["value"], kz["qualifier"], kz["population"]) == (5000, "more than", 19765004)
    assert kz["per_100k"] == pytest.approx(100_000 * 5000 / 19765004)
    assert table.loc[("Spain", 2023), "per_100k"] == pytest.approx(100_000 * 8059 / 48085361)
    # Germany 2023 uses the end-2022 population, the reference date nearest mid-2023
    assert table.loc[("Germany", 2023), "population"] == 84400000


def test_coverage_reconciled_with_the_courts_totals(rulings):
    r = ru.reconcile(rulings, datasets.load("court_caseload")).set_index(["period_end", "measure"])
    final = r.loc[(pd.Timestamp("2025-09-09"), "final_decisions")]
    assert (final["published"], final["in_table"]) == (74, 9)
    norms = r.loc[(pd.Timestamp("2025-09-09"), "norms_unconstitutional")]
    # Nos. 3, 4, 48 and 49 state one norm each; No. 70 states none
    assert (norms["published"], norms["in_table"], norms["unknown_norms"]) == (20, 4, 1)
    june = r.loc[(pd.Timestamp("2023-06-20"), "normative_resolutions_with_unconstitutional_norms")]
    assert (june["published"], june["in_table"]) == (5, 2)
    # the table never holds more than the Court reported, except where it counts something else
    assert (r["in_table"] <= r["published"]).all()


def test_the_court_under_the_2026_constitution():
    access = datasets.load("court_access")
    new = access[access["body"] == "constitutional_court_2026"].set_index("applicant")["may_apply"]
    assert set(new[new].index) == {"president", "kurultai_chair", "deputies", "prime_minister", "courts", "citizens",
                                   "prosecutor_general", "ombudsperson"}
    assert not new["senate_chair"] and not new["mazhilis_chair"]
    m = datasets.load("reform_measures").set_index("measure_id")
    assert (m.loc["constitutional_court_judges", "value_after"], m.loc["constitutional_court_term_years",
                                                                       "value_after"]) == ("11", "8")
    assert (m.loc[["constitutional_court_judges", "constitutional_court_appointment", "constitutional_court_transition",
                   "constitutional_resolutions_force"], "source_id"] == "adilet_k2600000000_ru").all()
