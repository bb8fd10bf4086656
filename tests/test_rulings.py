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
    assert set(known["outcome"]) <= {"unconstitutional", "constitutional", "constitutional_in_interpretation",
                                     "proceedings_ended", "procedural"}


def test_coverage_and_tallies(rulings):
    cov = ru.coverage(rulings)
    assert (cov["numbers"], cov["identified"], cov["with_outcome"]) == (75, 39, 11)
    assert cov["identified_pct"] == pytest.approx(52.0)
    assert ru.tally(rulings, "outcome").to_dict() == {"procedural": 6, "unconstitutional": 3, "constitutional": 1,
                                                      "constitutional_in_interpretation": 1}
    y = ru.by_year(rulings)
    assert y.loc[2023, ["numbers", "first", "last"]].tolist() == [38, 1, 38]
    assert y.attrs["numbers_of_unknown_year"] == 6


def test_series_against_published_totals(rulings):
    caseload = datasets.load("court_caseload")
    agg = ru.against_aggregates(rulings, caseload).set_index(["period_end", "measure"])
    june = agg.loc[(pd.Timestamp("2023-06-20"), "normative_resolutions")]
    assert (june["published"], june["series_at_least"], june["series_at_most"]) == (18, 18, 20)
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
