"""Titles state findings; each is computed from the data, and here each is checked against the data again, by
hand. One quantity has one value everywhere: charts, chart CSVs, the ledger and the README agree."""

import json
import re

import pandas as pd
import pytest

from kzreform import claims, court, elections, exhibits, paths, referendums, wording


def title(name: str) -> str:
    return json.loads((paths.FIGURES / f"{name}.json").read_text(encoding="utf-8"))["title"]


def chart_csv(name: str) -> pd.DataFrame:
    return pd.read_csv(paths.FIGURES / f"{name}.csv", keep_default_na=False)


@pytest.fixture(scope="module")
def t():
    return exhibits.Tables()


# That every committed title is what the code draws now is checked, with the alt text, by
# test_i18n.py::test_english_figures_are_unchanged_by_the_editions (this file's own copy of that check drew
# every chart a second time: removed as a duplicate).


def test_the_court_passed_the_councils_undated_total_within_the_days_stated(t):
    caseload = t.court_caseload
    council = caseload[(caseload["source_id"] == "ksrk_analytics") & (caseload["measure"] == "appeals_received")]
    council_total = council["value"].iloc[0]
    first = caseload[(caseload["body"] == "constitutional_court") & (caseload["measure"] == "appeals_received")
                     & (caseload["period_start"] == "2023-01-01") & (caseload["value"] > council_total)
                     & ~caseload["weak"]].sort_values("period_end").iloc[0]
    days = (first["period_end"] - pd.Timestamp("2023-01-01")).days + 1
    text = title("court_appeals_cumulative")
    # why the line climbs: citizens may apply to the Court and could not apply to the Council
    access = t.court_access[t.court_access["applicant"] == "citizens"].set_index("body")["may_apply"]
    assert bool(access["constitutional_court"]) and not bool(access["constitutional_council"])
    assert text == (f"Open to citizens, the Court received more appeals in {days} days than the Council's published "
                    "total since 1996") and days == 23
    assert first["qualifier"] == "more than"  # a lower bound above the Council's total: the claim holds
    # the Council's total is undated (its page is not dated): the headline claims no whole life
    assert council["period_end"].isna().all()
    assert "whole life" not in text


def test_the_rates_title_holds(t):
    """The headline compares final decisions a year, the one like-for-like pair with a bound; the appeals go to the
    subtitle, with who could apply to each body."""
    text = title("court_council_rates")
    assert text.startswith("The Court issues ") and text.endswith(" as many final decisions a year as the Council did")
    # by hand: 74 final decisions in 983 days against more than 140 resolutions in 9,671 days: at most about 5.2x
    assert "at most 5.3 times" in text  # an upper bound on a ratio, in words
    assert (74 / (983 / 365.25)) / (140 / (9671 / 365.25)) < 5.3
    rates = chart_csv("court_council_rates")
    assert set(rates["comparison"]) == {"decisions against decisions", "appeals against appeals"}
    assert rates[rates["shown_in"] == "bar"]["measure"].tolist() == ["normative_resolutions", "final_decisions"]


def test_per_100k_compares_courts_that_count_the_same_thing(t):
    data = chart_csv("court_appeals_per_100k")
    kz = data[data["country"] == "Kazakhstan"].iloc[0]
    same = data[(data["counts"] == kz["counts"]) & (data["country"] != "Kazakhstan")]
    assert list(same["country"]) == ["Russia"]
    text = title("court_appeals_per_100k")
    # a floor that holds against every Russian year found (9.07 in 2024 is the highest), not only the year drawn:
    # more than 5,000 appeals on 19,765,004 people is more than 25.3 per 100,000; 25.3 / 9.08 > 2.7
    assert text == "Kazakhstan's Court received more than 2.7 times as many appeals per head as Russia's"
    russia = court.per_100k(t.court_comparisons, t.population, t.court_caseload).query("country == 'Russia'")
    assert russia["per_100k"].max() == pytest.approx(9.07, abs=0.005)
    assert 100_000 * 5000 / 19765004 / russia["per_100k"].max() > 2.7
    assert kz["qualifier"] == "more than" and kz["per_100k"] > same["per_100k"].max()  # the lower bound is higher
    subtitle = json.loads((paths.FIGURES / "court_appeals_per_100k.json").read_text(encoding="utf-8"))["subtitle"]
    assert "Russia: 7.6 to 9.1 in 2022, 2024 and 2025" in subtitle


def test_referendum_titles_hold(t):
    d = referendums.denominators(t.referendum_results).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    assert title("referendum_denominators") == (f"The 2022 amendments won {round(d['yes_of_ballots_pct'])}% of "
                                                f"ballots cast, the votes of {round(d['yes_of_registered_pct'])}% "
                                                "of registered voters")
    assert round(100 * 6163516 / 7985769) == 77 and round(100 * 6163516 / 11734642) == 53
    rows = chart_csv("referendum_turnout_compared")
    assert rows["time"].nunique() == 1  # the same hour at both votes
    regional = rows[(rows["region_code"] != "KZ") & (rows["status"] == "figure")]
    lowest = regional.assign(turnout_pct=regional["turnout_pct"].astype(float)).sort_values("turnout_pct") \
        .groupby("vote_date").head(1)
    assert set(lowest["region_code"]) == {"KZ-75"}
    assert title("referendum_turnout_compared") == "Almaty (city) had the lowest turnout at 18:00 in 2022 and 2026"


def test_election_titles_hold(t):
    cf = elections.counterfactual(t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules, "2023-03-19", 7)
    out = cf[(cf["actual_seats"] > 0) & (cf["counterfactual_seats"] == 0)]
    assert len(out) == 2 and (cf["actual_seats"] > 0).sum() == 6
    assert title("mazhilis_seats_counterfactual") == ("Under the old 7% threshold, 2 of the 6 parties seated in 2023 "
                                                      "would have won no list seats")
    # thresholds: the lists with a share between 5% and 7%, by hand from the chart's numbers
    shares = chart_csv("mazhilis_thresholds")
    between = shares[(shares["share_pct"] >= 5) & (shares["share_pct"] < 7)]
    assert sorted(zip(between["election_date"].str[:4], between["contestant_id"])) == \
        [("2021", "auyl"), ("2023", "osdp"), ("2023", "peoples_party")]
    assert title("mazhilis_thresholds") == ("Auyl (2021), People's Party and OSDP (2023) polled between the new 5% "
                                            "and the old 7% thresholds")
    # indices: the headline holds in all four panels, 2023 against 2021
    ix = chart_csv("mazhilis_indices").pivot(index="measure", columns="election_date", values="value")
    assert (ix["2023-03-19"].drop("gallagher_list") > ix["2021-01-10"].drop("gallagher_list")).all()
    assert ix.at["gallagher_list", "2023-03-19"] < ix.at["gallagher_list", "2021-01-10"]
    assert title("mazhilis_indices") == "In 2023 more parties won seats, and seats followed votes more closely than in 2021"
    w = elections.women_share(t.mazhilis_totals)
    assert w["share_pct"].iloc[-1] < w["share_pct"].iloc[0]
    assert title("mazhilis_women_share").startswith("Women's share of Mazhilis seats fell from 27.1%")


def test_one_value_per_quantity(t):
    caseload, bodies = t.court_caseload, t.constitutional_bodies
    # the Council's life: the same 27.0 years in the ledger and in the rates
    life = court.years(bodies.set_index("body").at["constitutional_council", "established"],
                       bodies.set_index("body").at["constitutional_council", "ended"])
    ledger = claims.ledger().set_index("claim_id")
    assert f"{life:.1f} years" in ledger.loc["C11", "computed"]
    # the Council's appeals: one main figure in the cumulative chart, the rates chart and the ledger
    main = court.main_figure(caseload, bodies, "constitutional_council", "appeals_received")
    cumulative = chart_csv("court_appeals_cumulative")
    council_line = cumulative[cumulative["series"] == "council_appeals_received_lifetime"].iloc[0]
    assert (council_line["value"], council_line["source_id"]) == (main["value"], main["source_id"])
    rates = chart_csv("court_council_rates")
    main_rows = rates[rates["main"].astype(str) == "True"].set_index(["comparison", "body"])
    council_rate = main_rows.loc[("appeals against appeals", "constitutional_council"), "per_year_as_shown"]
    court_rate = main_rows.loc[("appeals against appeals", "constitutional_court"), "per_year_as_shown"]
    assert f"appeals {court_rate} against {council_rate}" in ledger.loc["C13", "computed"]
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert f"the Court receives {court_rate} a year" in readme and f"the Council received {council_rate} a year" in readme
    # nothing anywhere still states the old single ratio
    for text in (readme, ledger.to_string()):
        assert "486" not in text and "about 490 times as many appeals" not in text


def _period_words(a: str, b: str) -> str:
    return f"{wording.day(pd.Timestamp(a))} to {wording.day(pd.Timestamp(b))}"


def test_no_quantity_has_two_values(t):
    """A rate is a quantity of a body, a measure and the period it spreads over; a body's life is one quantity.
    Each has one value across the rates chart's CSV, the ledger and the README."""
    rates = chart_csv("court_council_rates")
    assert {"rate_from", "rate_to"} <= set(rates.columns)  # every rate states the period it spreads over
    assert (rates["rate_from"] != "").all() and (rates["rate_to"] != "").all()
    for key, group in rates.groupby(["body", "measure", "source_id", "total"]):
        assert group[["rate_from", "rate_to", "years", "per_year", "per_year_as_shown"]].drop_duplicates().shape[0] \
            == 1, key
    # one period per figure, by the rule: a dated figure over its own period, an undated one over the life
    bodies = t.constitutional_bodies.set_index("body")
    for _, r in rates.iterrows():
        if r["period_end"] == "":
            assert (r["rate_from"], r["rate_to"]) == (f"{bodies.at[r['body'], 'established']:%Y-%m-%d}",
                                                      f"{bodies.at[r['body'], 'ended']:%Y-%m-%d}")
        else:
            assert (r["rate_from"], r["rate_to"]) == (r["period_start"], r["period_end"])
    floors = rates[rates["period_end"] == ""]
    assert floors.groupby("body")["years"].nunique().max() == 1  # one life per body
    # the ledger states each rate with its period; the same period gives the same value as in the chart CSV
    ledger = claims.ledger().set_index("claim_id")
    text = " ".join(ledger["explanation"]) + " " + (paths.ROOT / "README.md").read_text(encoding="utf-8")
    said = re.findall(r"((?:more than |at most |about |at least )?[\d,.]+)(?: [a-z ]+)? a year \((\d+ \w+ \d{4}) "
                      r"to (\d+ \w+ \d{4}), ([\d.]+) years", text)
    assert len(said) >= 4
    shown: dict = {}
    for _, r in rates.iterrows():
        shown.setdefault((_period_words(r["rate_from"], r["rate_to"]), f"{r['years']:.1f}"), set()).add(
            r["per_year_as_shown"])
    for value, a, b, years in said:
        assert value in shown[(f"{a} to {b}", years)], (value, a, b)
    # every length of years the ledger gives for the Council is its life or the period of one of its figures
    life = court.years(*court.life(t.constitutional_bodies, "constitutional_council"))
    council_years = {f"{y:.1f}" for y in rates[rates["body"] == "constitutional_council"]["years"]} | {f"{life:.1f}"}
    for claim_id in ("C11", "C12", "C13"):
        for y in re.findall(r"([\d.]+) years", ledger.loc[claim_id, "explanation"]):
            assert y in council_years | {f"{v:.1f}" for v in rates["years"]}, (claim_id, y)
