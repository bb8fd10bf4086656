"""Seat allocation, thresholds and indices: the official results and textbook cases."""

import pandas as pd
import pytest

from kzreform import datasets
from kzreform import elections as el


@pytest.fixture(scope="module")
def tables():
    return tuple(datasets.load(n) for n in ("mazhilis_results", "mazhilis_totals", "mazhilis_rules"))


@pytest.mark.parametrize("date,seats", [
    ("2016-03-20", {"amanat": 84, "ak_zhol": 7, "peoples_party": 7}),
    ("2021-01-10", {"amanat": 76, "ak_zhol": 12, "peoples_party": 10}),
    ("2023-03-19", {"amanat": 40, "auyl": 8, "respublica": 6, "ak_zhol": 6, "peoples_party": 5, "osdp": 4}),
])
def test_allocation_reproduces_the_official_list_seats(tables, date, seats):
    table = el.reproduce_allocation(*tables, date)
    assert table["matches"].all()
    assert table["computed_list_seats"][table["computed_list_seats"] > 0].to_dict() == seats


def test_2023_remainders_by_hand():
    # Hare quota = 6,118,150 - 146,431 (Baytaq, below 5%) = 5,971,719 votes / 69 seats = 86,546.65;
    # whole quotas 39+8+6+6+5+3 = 67; the two seats left go to OSDP (.825) and Amanat (.649).
    votes = pd.Series({"amanat": 3431510, "auyl": 693938, "respublica": 547154, "ak_zhol": 535139,
                       "peoples_party": 432920, "osdp": 331058, "baytaq": 146431})
    seats = el.allocate_seats(votes, 69, 5, denominator=votes.sum() + 248291)
    assert seats.tolist() == [40, 8, 6, 6, 5, 4, 0]


def test_counterfactuals(tables):
    cf = el.counterfactual(*tables, "2023-03-19", 7)
    assert cf["counterfactual_seats"].to_dict() == {"amanat": 46, "auyl": 9, "respublica": 7, "ak_zhol": 7,
                                                    "peoples_party": 0, "osdp": 0, "baytaq": 0}
    cf = el.counterfactual(*tables, "2021-01-10", 5)
    assert cf["counterfactual_seats"].to_dict() == {"amanat": 72, "ak_zhol": 11, "peoples_party": 9, "auyl": 6,
                                                    "adal": 0}


def test_a_list_exactly_at_the_threshold_is_admitted():
    votes = pd.Series({"a": 70, "b": 25, "c": 5})  # c has exactly 5%
    assert el.allocate_seats(votes, 20, 5).tolist() == [14, 5, 1]
    assert el.allocate_seats(votes, 20, 5.01).tolist() == [15, 5, 0]


def test_equal_remainders_go_to_the_list_registered_earlier():
    votes = pd.Series({"first": 50, "second": 25, "third": 25})
    assert el.allocate_seats(votes, 3).tolist() == [1, 1, 1]
    # 2 seats: quota 50, exact 1, .5, .5 -> the one seat left goes to the earlier of the tied lists
    assert el.allocate_seats(votes, 2).tolist() == [1, 1, 0]
    assert el.allocate_seats(votes[["first", "third", "second"]], 2).tolist() == [1, 1, 0]


def test_zero_seats_and_runner_up():
    votes = pd.Series({"a": 90, "b": 6, "c": 4})
    assert el.allocate_seats(votes, 0, 7).tolist() == [0, 0, 0]
    # only one list passes 7%: the runner-up is admitted too
    assert el.allocate_seats(votes, 10, 7).tolist() == [9, 1, 0]
    assert el.allocate_seats(votes, 10, 7, admit_runner_up=False).tolist() == [10, 0, 0]
    with pytest.raises(ValueError):
        el.allocate_seats(votes, -1)


def test_indices_by_hand(tables):
    assert el.effective_number(pd.Series([50, 30, 20])) == pytest.approx(1 / 0.38)
    assert el.gallagher(pd.Series([50, 30, 20]), pd.Series([60, 30, 10])) == pytest.approx(10)
    results, totals, _ = tables
    i2021 = el.indices(results, totals, "2021-01-10")
    # seats 76, 12, 10 of 98: 1 / (0.7755^2 + 0.1224^2 + 0.1020^2)
    assert i2021["enp_party_seats"] == pytest.approx(1 / ((76 / 98) ** 2 + (12 / 98) ** 2 + (10 / 98) ** 2))
    assert i2021["parties_with_seats"] == 3
    i2023 = el.indices(results, totals, "2023-03-19")
    assert i2023["parties_with_seats"] == 6
    assert i2023["enp_party_seats"] == pytest.approx(1 / sum((s / 91) ** 2 for s in (62, 8, 6, 6, 5, 4)))
    # squared gaps between vote and list-seat shares (4.07, 0.69, 0.10, 0.29, 0.45, 0.60, 2.30 points) sum to 22.99
    assert i2023["gallagher_list"] == pytest.approx((22.99 / 2) ** 0.5, abs=0.01)


def test_women_and_turnout(tables):
    women = el.women_share(tables[1]).set_index("election_date")
    assert women.loc["2021-01-10", "share_pct"] == pytest.approx(100 * 29 / 107)
    assert women.loc["2023-03-19", "share_pct"] == pytest.approx(100 * 18 / 98)
    ballots = el.total(tables[1], "2021-01-10", "ballots_received")["value"]
    registered = el.total(tables[1], "2021-01-10", "registered_voters")["value"]
    assert round(100 * ballots / registered, 2) == 63.25
