"""Referendum shares on three bases, the adoption rules, and the checks on the published counts."""

import pandas as pd
import pytest

from kzreform import datasets
from kzreform import referendums as rf
from kzreform.rules import _referendum_national
from kzreform.validate import Problem


@pytest.fixture(scope="module")
def results():
    return datasets.load("referendum_results")


def test_2022_on_three_bases(results):
    d = rf.denominators(results).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    # final: 11,734,642 registered; 7,985,769 took part; 6,163,516 yes; 205,924 invalid
    assert d["turnout_pct"] == pytest.approx(100 * 7985769 / 11734642)
    assert d["yes_of_ballots_pct"] == pytest.approx(100 * 6163516 / 7985769)  # 77.18
    assert d["yes_of_valid_pct"] == pytest.approx(100 * 6163516 / (7985769 - 205924))  # 79.22
    assert d["yes_of_registered_pct"] == pytest.approx(100 * 6163516 / 11734642)  # 52.52
    assert round(d["yes_of_registered_pct"], 2) == 52.52


def test_1995_on_three_bases(results):
    d = rf.denominators(results).set_index("vote_date")
    apr, aug = d.loc[pd.Timestamp("1995-04-29")], d.loc[pd.Timestamp("1995-08-30")]
    assert round(apr["turnout_pct"], 2) == 91.21  # not the 91.26 that sudd.ch prints
    assert round(apr["yes_of_valid_pct"], 2) == 96.21 and round(apr["yes_of_ballots_pct"], 3) == 95.465
    assert round(aug["yes_of_valid_pct"], 2) == 90.01 and round(aug["yes_of_registered_pct"], 2) == 80.74


def test_counts_add_up_and_use_final_figures(results):
    c = rf.counts(results).set_index("vote_date")
    y2026 = c.loc[pd.Timestamp("2026-03-15")]
    assert y2026["yes_votes"] == 7954667  # the 7,954,666 copies are marked as a known discrepancy
    assert y2026[["yes_votes", "no_votes", "invalid_ballots", "both_options_ballots"]].sum() == y2026["ballots_cast"]
    y2024 = c.loc[pd.Timestamp("2024-10-06")]
    assert (y2024["no_votes_stage"], y2024["invalid_ballots_stage"]) == ("final", "preliminary")


def test_adoption_rules(results):
    a = rf.adoption(results, datasets.load("referendum_rules")).set_index("vote_date")
    assert a["quorum_met"].all() and a["majority_met"].all()
    y2022 = a.loc[pd.Timestamp("2022-06-05")]
    assert (y2022["regional_units"], y2022["units_needed"], y2022["units_with_yes_majority"]) == (17, 12, 17)
    assert y2022["regional_rule_met"]
    assert a.loc[pd.Timestamp("2026-03-15"), "units_needed"] == 14  # two-thirds of 20, rounded up


def test_a_typo_in_a_count_is_caught(results):
    bad = results.copy()
    i = bad.index[(bad["vote_date"] == "2022-06-05") & (bad["measure"] == "invalid_ballots")
                  & (bad["stage"] == "final")][0]
    bad.loc[i, "value"] = 20596  # a dropped digit, as one news copy printed the preliminary figure
    bad.attrs["rows"] = results.attrs["rows"]
    problems = _referendum_national("data/referendum_results.csv", bad)
    messages = [p.message for p in problems]
    assert any("final invalid_ballots of 2022-06-05 is" in m for m in messages)
    assert all(isinstance(p, Problem) and p.file == "data/referendum_results.csv" for p in problems)


def test_regional_turnout_and_tiles():
    hourly, regions = datasets.load("referendum_turnout_hourly"), datasets.load("regions")
    t = rf.regions_latest_turnout(hourly, regions, "2022-06-05", "22:00").set_index("region_code")
    assert len(t) == 18  # 17 units and the country
    assert t.loc["KZ-75", "turnout_pct"] == 33.3 and t.loc["KZ-61", "turnout_pct"] == 80.66
    assert t.loc["KZ", "turnout_pct"] == 68.44
    assert regions.duplicated(["tile_x", "tile_y"]).sum() == 0


def test_the_regional_rule_is_stored_as_the_law_words_it_and_computed():
    rules = datasets.load("referendum_rules")
    rule = rf.regional_rule(rules, "2022-06-05")
    assert rule["value"] == "no less than two-thirds"  # the law's words, not anyone's arithmetic
    # two-thirds of 17 is 11.33; 11 is less than that, so 'no less than two-thirds' needs 12
    assert rf.units_needed(rule["value"], 17) == 12
    assert rf.units_needed("no less than two-thirds", 18) == 12 and rf.units_needed("two-thirds", 20) == 14
    assert rf.units_needed("more than half", 17) == 9 and rf.units_needed("more than half", 18) == 10
    with pytest.raises(ValueError, match="cannot read the share"):
        rf.units_needed("most of them", 17)
    a = rf.adoption(datasets.load("referendum_results"), rules).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    assert (a["regional_units"], a["units_needed"], a["regional_rule_met"]) == (17, 12, True)
    # the spokesperson's 11 is kept as its own sourced row, flagged as an official's arithmetic
    official = rf.official_count(rules, "2022-06-05")
    assert official["value"] == "2/3 of 17 = 11 units" and official["source_id"] == "ortcom_1652332960"
    assert "official's arithmetic" in official["note"]
    assert not rules["value"].str.contains("= 11").drop(official.name).any()


def test_the_adoption_summary_says_which_count_is_the_rule():
    from kzreform import exhibits
    from kzreform.exhibits.referendums import adoption_summary
    text = adoption_summary(exhibits.Tables())
    assert "needs **12** units (computed)" in text and "counted **11**" in text and "official's arithmetic" in text
