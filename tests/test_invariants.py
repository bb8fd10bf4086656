"""Plausible wrong values, each of which would change a finding: caught by a domain rule of `check` with file,
row and column (kzreform/rules.py), never by luck in a notebook. And the only way to exempt a row from a rule
is its exempt_from field naming that rule: a note saying "known discrepancy" exempts nothing."""

import pandas as pd
import pytest

from kzreform import datasets, rules
from kzreform.validate import DataError

from test_corrupt import data, edit_line, problems, replace  # noqa: F401  (the data fixture)


def _line(name: str, start: bytes) -> int:
    from kzreform import paths
    return next(i for i, line in enumerate((paths.DATA / name).read_bytes().split(b"\n"), 1) if line.startswith(start))


KZ_2024 = _line("population.csv", b"Kazakhstan,2024-01-01,")
YES_KZ15 = _line("referendum_regions.csv", b"2022-06-05,KZ-15,yes_pct,")
MORE_THAN_3000 = _line("court_caseload.csv", b"constitutional_court,appeals_received,count,2023-01-01,2023-06-20,3000")
ABOUT_4000 = _line("court_caseload.csv", b"constitutional_court,appeals_received,count,2023-01-01,2023-08-31,4000")
REGISTERED = [_line("referendum_results.csv", b"2022-06-05,registered_voters,,11734642,exact,final,abai_153057"),
              _line("referendum_results.csv", b"2022-06-05,registered_voters,,11734642,exact,final,wiki_en_2022")]
BALLOTS = _line("referendum_results.csv", b"2022-06-05,ballots_cast,,7985769,exact,final,abai_153057")
RULES_2023 = _line("mazhilis_rules.csv", b"2023-03-19,")
OSDP_2023 = _line("mazhilis_results.csv", b"2023-03-19,osdp,")
BAYTAQ_2023 = _line("mazhilis_results.csv", b"2023-03-19,baytaq,")
ABAI = _line("regions.csv", b"KZ-10,")
HOURLY_KZ23 = _line("referendum_turnout_hourly.csv", b"2022-06-05,KZ-23,12:00,37.77,")

CASES = {
    "a country's population times ten": (
        "population.csv", KZ_2024, replace(b",20033546,", b",200335460,"),
        [f"data/population.csv:{KZ_2024}:value: Kazakhstan population 200,335,460 on 2024-01-01 is +914% from "
         "19,765,004 on 2023-01-01 (row 15); expected within 5% (check for a dropped or added digit)",
         f"data/population.csv:{KZ_2024 + 1}:value: Kazakhstan population 20,283,399 on 2025-01-01 is -90% from "
         f"200,335,460 on 2024-01-01 (row {KZ_2024}); expected within 5% (check for a dropped or added digit)"]),
    "a regional yes share of 165%": (
        "referendum_regions.csv", YES_KZ15, replace(b",71.47,", b",165.47,"),
        [f"data/referendum_regions.csv:{YES_KZ15}:value: a share must lie between 0 and 100 (found 165.47)"]),
    "a dropped zero makes a running total fall": (
        "court_caseload.csv", MORE_THAN_3000, replace(b",3000,", b",300,"),
        [f"data/court_caseload.csv:{MORE_THAN_3000}:value: appeals_received of the constitutional_court since "
         "2023-01-01 (more than) falls to 300 by 2023-06-20 from 3,000 by 2023-06-01 (row 78); expected a running "
         "total never to fall (check the dates and the digits)"]),
    "a swapped date makes a running total fall": (
        "court_caseload.csv", ABOUT_4000, replace(b",2023-08-31,", b",2023-03-31,"),
        [f"data/court_caseload.csv:10:value: appeals_received of the constitutional_court since 2023-01-01 (about) "
         f"falls to 2,700 by 2023-04-30 from 4,000 by 2023-03-31 (row {ABOUT_4000}); expected a running total never "
         "to fall (check the dates and the digits)"]),
    "a threshold that does not fit its election": (
        "mazhilis_rules.csv", RULES_2023, replace(b"2023-03-19,5,", b"2023-03-19,7,"),
        [f"data/mazhilis_rules.csv:{RULES_2023}:threshold_pct: 7% for 2023-03-19, but peoples_party won 5 list seats "
         f"with 6.8% (data/mazhilis_results.csv row {OSDP_2023 - 1}; expected every list with seats to reach the "
         "threshold)",
         f"data/mazhilis_rules.csv:{RULES_2023}:threshold_pct: 7% for 2023-03-19, but osdp won 4 list seats with 5.2% "
         f"(data/mazhilis_results.csv row {OSDP_2023}; expected every list with seats to reach the threshold)"]),
    "a threshold below a list that won nothing": (
        "mazhilis_rules.csv", RULES_2023, replace(b"2023-03-19,5,", b"2023-03-19,2,"),
        [f"data/mazhilis_rules.csv:{RULES_2023}:threshold_pct: 2% for 2023-03-19, but baytaq reached it with 2.3% and "
         f"won no list seat (data/mazhilis_results.csv row {BAYTAQ_2023}; expected every list at or above the "
         "threshold to win seats)"]),
    "two regions on one tile": (
        "regions.csv", ABAI, replace(b",2022-06-08,4,2,", b",2022-06-08,3,2,"),
        [f"data/regions.csv:{ABAI}:tile_y: tile (3, 2) already holds KZ-35 (row 8); expected one region per tile"]),
    "an exemption naming a rule the table does not have": (
        "referendum_turnout_hourly.csv", HOURLY_KZ23, replace(b",sources_agree; turnout_rises", b",turnout_rises; x"),
        [f"data/referendum_turnout_hourly.csv:{HOURLY_KZ23}:exempt_from: expected the pattern "
         "(turnout_rises|sources_agree)(; (turnout_rises|sources_agree))*, found 'turnout_rises; x'"]),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_plausible_wrong_value_is_caught(data, case):
    name, line, change, expected = CASES[case]
    edit_line(data, name, line, change)
    found = problems()
    for message in expected:
        assert message in found, "\n".join(found)
    with pytest.raises(DataError):
        datasets.load(name.removesuffix(".csv"))


def test_ballots_cast_above_the_registered_voters(data):
    for line in REGISTERED:
        edit_line(data, "referendum_results.csv", line, replace(b",11734642,", b",7734642,"))
    assert f"data/referendum_results.csv:{BALLOTS}:value: ballots_cast 7,985,769 exceeds the 7,734,642 " \
           "registered voters of 2022-06-05 final (expected at most the registered voters)" in problems()


def test_a_note_saying_known_discrepancy_exempts_nothing(data):
    """Clearing the field brings the rules back, although the note still starts 'Known discrepancy'."""
    edit_line(data, "referendum_turnout_hourly.csv", HOURLY_KZ23, replace(b",sources_agree; turnout_rises", b","))
    line = (data / "referendum_turnout_hourly.csv").read_bytes().split(b"\n")[HOURLY_KZ23 - 1]
    assert b"Known discrepancy" in line
    found = problems()
    assert f"data/referendum_turnout_hourly.csv:{HOURLY_KZ23 + 1}:turnout_pct: KZ-23 turnout falls to 37.33% at " \
           f"12:00 from 37.77% earlier (row {HOURLY_KZ23}); expected it to rise through the day, or exempt_from " \
           "naming turnout_rises on the row known to be wrong" in found
    assert any(m.startswith(f"data/referendum_turnout_hourly.csv:{HOURLY_KZ23 + 1}:turnout_pct: KZ-23 turnout at "
                            "12:00 is 37.33% here but 37.77%") for m in found)


def test_a_no_known_discrepancy_note_on_a_wrong_value(data):
    edit_line(data, "referendum_regions.csv", YES_KZ15, lambda line: line.replace(b",71.47,", b",171.47,").replace(
        b"\n", b"") + b"")
    path = data / "referendum_regions.csv"
    lines = path.read_bytes().split(b"\n")
    head = lines[0].split(b",")
    cells = lines[YES_KZ15 - 1].split(b",")
    cells[head.index(b"note")] = b"no known discrepancy"
    lines[YES_KZ15 - 1] = b",".join(cells)
    path.write_bytes(b"\n".join(lines))
    assert f"data/referendum_regions.csv:{YES_KZ15}:value: a share must lie between 0 and 100 (found 171.47)" \
        in problems()


def test_an_exemption_needs_its_note(data):
    path = data / "mazhilis_totals.csv"
    lines = path.read_bytes().split(b"\n")
    i = next(n for n, line in enumerate(lines) if line.endswith(b",turnout_matches_counts"))
    import csv
    import io
    cells = next(csv.reader(io.StringIO(lines[i].decode())))
    cells[-2] = ""
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[i] = out.getvalue().encode()
    path.write_bytes(b"\n".join(lines))
    assert f"data/mazhilis_totals.csv:{i + 1}:note: is empty, but the row is exempted from a rule (expected a note " \
           "saying what is known about the discrepancy)" in problems()


def test_exempt_rows_are_left_out_of_the_analysis():
    results = datasets.load("referendum_results")
    from kzreform import referendums
    best = referendums.best(results)
    assert best.loc[(pd.Timestamp("2026-03-15"), "yes_votes", ""), "value"] == 7954667
    exempt = results[results["exempt_from"].fillna("") != ""]
    assert len(rules.without_exempt_rows(results)) == len(results) - len(exempt)


def test_regional_parts_and_shares():
    rows = [("yes_votes", "", 600), ("no_votes", "", 300), ("invalid_ballots", "", 50), ("ballots_cast", "", 1000),
            ("yes_pct", "ballots_cast", 60.0), ("no_pct", "ballots_cast", 31.0)]
    df = pd.DataFrame([{"vote_date": pd.Timestamp("2022-06-05"), "region_code": "KZ-11", "measure": m,
                        "share_base": b or None, "value": v, "stage": "final"} for m, b, v in rows])
    found = [str(p) for p in rules._regional_parts_add_up("data/referendum_regions.csv", df)]
    assert found == [
        "data/referendum_regions.csv:5:value: final categories of KZ-11 (yes_votes + no_votes + invalid_ballots) add "
        "up to 950, not to the 1,000 ballots cast (expected equal)",
        "data/referendum_regions.csv:7:value: KZ-11 no_pct published as 31% of ballots_cast, but the final counts "
        "give 30.000% (expected a match to the published rounding)"]


def test_the_committed_data_passes_every_rule():
    assert [str(p) for p in datasets.check_all()] == []
