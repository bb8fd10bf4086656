"""The caseload computations, against numbers worked out by hand from the sources."""

import pandas as pd
import pytest

from kzreform import court, datasets, wording


@pytest.fixture(scope="module")
def caseload():
    return datasets.load("court_caseload")


def test_years_counts_both_days():
    # 1 Jan to 31 Aug 2023 is 243 days.
    assert court.years("2023-01-01", "2023-08-31") == pytest.approx(243 / 365.25)
    assert court.annual_rate(4000, "2023-01-01", "2023-08-31") == pytest.approx(6012.3457, rel=1e-6)


@pytest.fixture(scope="module")
def bodies():
    return datasets.load("constitutional_bodies")


def test_court_cumulative_series(caseload, bodies):
    pts = court.points(court.cumulative(caseload, bodies))
    assert len(pts) == 14  # monthly counts and the undated interview figure are not running totals
    first, last = pts.iloc[0], pts.iloc[-1]
    assert (first["period_end"], first["value"], first["qualifier"]) == (pd.Timestamp("2023-01-23"), 500, "more than")
    assert (last["period_end"], last["value"], last["qualifier"], last["weak"]) == \
        (pd.Timestamp("2025-10-25"), 13000, "about", True)
    # 9 September 2025: seven outlets relayed the same figure from the President's office.
    sep = pts[pts["period_end"] == "2025-09-09"].iloc[0]
    assert sep["value"] == 11000 and len(sep["source_id"].split(";")) == 7 and not sep["weak"]


def test_rates_follow_the_rule(caseload, bodies):
    rates = court.with_rates(caseload, bodies).set_index(["body", "measure", "source_id", "period_start"]).sort_index()
    # 23 days give no rate; an undated Council total gives a floor over the Council's whole life.
    assert rates.loc[(court.COURT, "appeals_received", "kursiv_2023_01_23"), "rate_basis"].iloc[0] == \
        "no rate: 23 days, fewer than 180"
    ksrk = rates.loc[(court.COUNCIL, "appeals_received", "ksrk_analytics")].iloc[0]
    assert ksrk["rate_basis"] == court.LIFE_BOUND
    # an undated total is spread over the Council's whole life, one period for every such total: 29 December
    # 1995 to 31 December 2022 is 9,865 days (27.0 years), whatever day the source counts from
    assert ksrk["years"] == pytest.approx(9865 / 365.25)
    assert (ksrk["rate_from"], ksrk["rate_to"]) == (pd.Timestamp("1995-12-29"), pd.Timestamp("2022-12-31"))
    floors = rates[rates["rate_basis"] == court.LIFE_BOUND]
    assert floors["years"].round(9).nunique() == 1
    assert wording.hedged(court.hedged(ksrk, "per_year")) == "more than 7"  # a floor on a count: whole units


def test_comparisons_by_hand(caseload, bodies):
    comp = court.comparisons(caseload, bodies).set_index("comparison")
    op_ed = comp.loc["op-ed framing"]
    # about 4,000 appeals in 243 days against more than 140 resolutions, 29 Dec 1995 - 20 Jun 2022 (9,671 days).
    assert op_ed["court_per_year"] == pytest.approx(4000 / (243 / 365.25))
    assert op_ed["council_years"] == pytest.approx(9671 / 365.25)
    assert op_ed["council_per_year"] == pytest.approx(140 / (9671 / 365.25))
    assert op_ed["ratio_qualifier"] == "less than about"
    appeals = comp.loc["appeals against appeals"]
    # the official figures: more than 11,000 by 9 Sep 2025 (983 days) against more than 200 over at most 27 years
    assert (appeals["court_value"], appeals["court_source_id"] in {"zakon_2025_09_09", "baq_ru_2025_09",
                                                                    "checkpoint_6913", "kazzakon_2025_09_09",
                                                                    "kt_2025_09", "mailru_2025_09_09",
                                                                    "politico_2025_09_09"}) == (11000, True)
    assert appeals["court_per_year"] == pytest.approx(11000 * 365.25 / 983)
    assert (appeals["council_value"], appeals["council_source_id"]) == (200, "ksrk_analytics")
    assert appeals["ratio_qualifier"] == "undetermined"  # both minimums
    decisions = comp.loc["decisions against decisions"]
    # 74 final decisions by 9 Sep 2025 (983 days) against more than 140 resolutions.
    assert decisions["court_per_year"] == pytest.approx(74 * 365.25 / 983)
    assert decisions["ratio_of_rates"] == pytest.approx(5.200, abs=0.001)
    assert decisions["ratio_qualifier"] == "less than"


def test_weak_figures_never_carry_the_comparison_alone(caseload, bodies):
    comp = court.comparisons(caseload, bodies)
    assert not comp["court_weak"].any() and not comp["council_weak"].any()
    alts = court.alternatives(caseload, bodies)
    assert alts["court_weak"].any() and alts["council_weak"].any()  # shown beside the main figures, marked


def test_proceedings_share(caseload):
    share = court.proceedings_share(caseload).drop_duplicates("period_end").set_index("period_end")
    assert share.loc["2023-02-03", "share_pct"] == pytest.approx(5 / 800 * 100)
    assert share.loc["2025-06-23", "share_pct"] == pytest.approx(0.78)
    assert set(share["share_qualifier"]) == {"less than"}


def test_council_reference_and_words(caseload, bodies):
    total = court.lifetime_total(caseload, bodies, court.COUNCIL, "appeals_received")
    assert (total["value"], total["qualifier"], total["source_id"]) == (200, "more than", "ksrk_analytics")
    comp = court.comparisons(caseload, bodies).set_index("comparison")
    app, dec = comp.loc["appeals against appeals"], comp.loc["decisions against decisions"]
    assert wording.hedged(court.hedged(app, "per_year", "council_")) == "more than 7"
    assert wording.hedged(court.hedged(app, "per_year", "court_")) == "more than 4,000"
    assert wording.times(court.rate_ratio(app, app, "court_", "council_")) == \
        "on the published minimums, about 550 times"  # both minimums: the published ratio, with its caveat
    assert wording.times_short(court.rate_ratio(dec, dec, "court_", "council_")) == "at most 5.3×"


def test_access(caseload):
    from kzreform import exhibits
    from kzreform.exhibits.court import access_table
    table = access_table(exhibits.Tables())
    assert table.loc[wording.words("citizens")].tolist() == ["no", "yes"]  # applicants in words, not codes
    assert table.loc[wording.words("president")].tolist() == ["yes", "yes"]
    assert not [a for a in table.index if "_" in a or a[:1].islower()]


def test_a_cut_off_the_project_set_is_shown_as_a_bound(caseload, bodies):
    from kzreform import exhibits
    from kzreform.exhibits.court import appeals_table
    pts = court.points(court.cumulative(caseload, bodies))
    bound = pts[pts["end_is_bound"]]
    # the chair's interview names the month only: 31 August 2023 is the last day we set, not a date it gives
    assert list(bound["period_end"]) == [pd.Timestamp("2023-08-31")]
    table = appeals_table(exhibits.Tables())
    assert "by the end of August 2023 at the latest" in table.index and "31 August 2023" not in table.index
    row = table.loc["by the end of August 2023 at the latest"]
    assert "31 August" not in row["Per year"] and "to the end of August 2023 at the latest" in row["Per year"]
