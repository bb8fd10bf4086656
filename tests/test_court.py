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


def test_court_cumulative_series(caseload):
    pts = court.points(court.cumulative(caseload))
    assert len(pts) == 12
    first, last = pts.iloc[0], pts.iloc[-1]
    assert (first["period_end"], first["value"], first["qualifier"]) == (pd.Timestamp("2023-01-23"), 500, "more than")
    assert (last["period_end"], last["value"], last["qualifier"]) == (pd.Timestamp("2025-10-25"), 13000, "about")
    # 9 September 2025: seven outlets relayed the same figure from the President's office.
    sep = pts[pts["period_end"] == "2025-09-09"].iloc[0]
    assert sep["value"] == 11000 and len(sep["source_id"].split(";")) == 7


def test_comparisons_by_hand(caseload):
    comp = court.comparisons(caseload).set_index("comparison")
    op_ed = comp.loc["op-ed framing"]
    # about 4,000 appeals in 243 days against more than 140 resolutions, 30 Aug 1995 - 20 Jun 2022 (9,792 days).
    assert op_ed["court_per_year"] == pytest.approx(4000 / (243 / 365.25))
    assert op_ed["council_years"] == pytest.approx(9792 / 365.25)
    assert op_ed["council_per_year"] == pytest.approx(140 / (9792 / 365.25))
    assert op_ed["ratio_of_rates"] == pytest.approx(1151.32, abs=0.01)
    appeals = comp.loc["appeals against appeals"]
    # about 13,000 by 25 Oct 2025 (1,029 days) against more than 190 from Jan 1996 to Jan 2016 (7,306 days).
    assert appeals["court_per_year"] == pytest.approx(13000 * 365.25 / 1029)
    assert appeals["council_per_year"] == pytest.approx(190 * 365.25 / 7306)
    assert appeals["ratio_of_rates"] == pytest.approx(485.80, abs=0.01)
    assert appeals["ratio_qualifier"] == "less than about"  # about / more than
    decisions = comp.loc["decisions against decisions"]
    # 74 final decisions by 9 Sep 2025 (983 days) against more than 140 resolutions.
    assert decisions["court_per_year"] == pytest.approx(74 * 365.25 / 983)
    assert decisions["ratio_of_rates"] == pytest.approx(5.265, abs=0.001)
    assert decisions["ratio_qualifier"] == "less than"


def test_proceedings_share(caseload):
    share = court.proceedings_share(caseload).drop_duplicates("period_end").set_index("period_end")
    assert share.loc["2023-02-03", "share_pct"] == pytest.approx(5 / 800 * 100)
    assert share.loc["2025-06-23", "share_pct"] == pytest.approx(0.78)
    assert set(share["share_qualifier"]) == {"less than"}


def test_council_reference_and_words(caseload):
    total = court.lifetime_total(caseload, court.COUNCIL, "appeals_received")
    assert (total["value"], total["qualifier"], total["source_id"]) == (200, "more than", "ksrk_analytics")
    comp = court.comparisons(caseload).set_index("comparison")
    app, dec = comp.loc["appeals against appeals"], comp.loc["decisions against decisions"]
    assert wording.hedged(court.hedged(app, "per_year", "council_")) == "more than 9.4"
    assert wording.hedged(court.hedged(app, "per_year", "court_")) == "about 4,600"
    assert wording.times(court.rate_ratio(app, app, "court_", "council_")) == "less than about 490 times"
    assert wording.times_short(court.rate_ratio(dec, dec, "court_", "council_")) == "<5.3×"


def test_access(caseload):
    from kzreform import exhibits
    from kzreform.exhibits.court import access_table
    table = access_table(exhibits.Tables())
    assert table.loc["citizens"].tolist() == ["no", "yes"]
    assert table.loc["president"].tolist() == ["yes", "yes"]
