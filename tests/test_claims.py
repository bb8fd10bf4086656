"""The op-ed ledger: every claim's computed value and verdict, and the README section generated from it."""

import pandas as pd
import pytest

from kzreform import catalogue, claims, paths

EXPECTED = {
    "C01": ("consistent", "5 June 2022"),
    "C02": ("consistent", "30 August 1995"),
    "C03": ("not_consistent", "52.52% of registered voters; 77.18% of ballots cast"),
    "C04": ("consistent", "7% (2021), 5% (2023)"),
    "C05": ("consistent", "0 district seats (2021), 29 (2023)"),
    "C06": ("consistent", "6 parties (2023); 3 (2021)"),
    "C07": ("consistent_with_caveat", "list quota: no quota → 30% (2020); seats held by women 27.1% → 18.4%"),
    "C08": ("consistent", "1 January 2023"),
    "C09": ("consistent", "7.9 months"),
    "C10": ("consistent_with_caveat", "about 4,000 by 31 August 2023"),
    "C11": ("consistent_with_caveat", "more than 140 normative resolutions; 27.0 years"),  # 29 Dec 1995 - 2022
    "C12": ("consistent", "more than 5.2 a year"),
    "C13": ("misleading_comparison", "per year: appeals more than 4,000 against more than 7.4; final decisions less "
                                     "than 5.3 times"),
    "C14": ("consistent", "citizens: Council no, Court yes"),
    "C15": ("consistent", "series between No. 25 and No. 25, 2 procedural"),
    "C16": ("not_checkable", "no figure"),
    "C17": ("not_checkable", "558 in all of 2023"),
    "C18": ("consistent_with_caveat", "5 of 18 resolutions by 20 June 2023"),
    "C19": ("not_checkable", "no figure"),
    "C20": ("consistent_with_caveat", "criminal procedure: 7 of 20 with a known area"),
    # decided from data/reform_measures.csv
    "C21": ("consistent", "prohibited (2022)"),
    "C22": ("consistent", "elected directly by voters; self-nomination allowed (2021)"),
    "C23": ("consistent_with_caveat", "Mazhilis and maslikhat deputies elected in single-member districts may be "
                                      "recalled by their voters (2022)"),
    "C24": ("consistent", "no list; ban lifted (2021)"),
    "C25": ("consistent", "40,000 → 20,000 → 5,000 members (2020 and 2022)"),
    "C27": ("consistent_with_caveat", "terms 2 → 1 term; Senate appointees 15 → 10 seats"),
    "C28": ("consistent_with_caveat", "allowed in single-member districts (2022)"),
    "C29": ("consistent_with_caveat", "parties with seats 3 → 6; effective number 1.6 → 2.1"),
    "C31": ("consistent_with_caveat", "Ombudsperson may apply: Council no, Court yes"),
    "C32": ("consistent_with_caveat", "notification for pickets, meetings and rallies; approval still required for "
                                      "demonstrations and marches (2020)"),
}


@pytest.fixture(scope="module")
def ledger():
    return claims.ledger().set_index("claim_id")


def test_every_claim_has_its_computed_value_and_verdict(ledger):
    for claim_id, (verdict, computed) in EXPECTED.items():
        assert (ledger.loc[claim_id, "verdict"], ledger.loc[claim_id, "computed"]) == (verdict, computed), claim_id
    rest = ledger.drop(list(EXPECTED))
    assert set(rest["verdict"]) == {"not_checkable"} and sorted(rest.index) == ["C26", "C30"]
    assert set(ledger["verdict"]) <= set(claims.VERDICTS)


def test_every_number_in_the_op_ed_is_in_the_ledger(ledger):
    text = (paths.ROOT.parent / "shared" / "seed" / "op-ed.txt")
    stated = {v for v in pd.concat([claims.load("op_ed_claims")["value"], claims.load("op_ed_claims")["value_2"]])
              .dropna()}
    # the numbers the op-ed prints (as digits or words): 30 August, 7% and 5%, six parties, 1 January 2023,
    # eight months, 4,000, 140, 27 years, 5 a year, 23 cases, 20 cases, 30 norms, five, eleven, 77%
    assert {30, 7, 5, 6, 2023, 8, 4000, 140, 27, 23, 20, 11, 77, 2022} <= stated
    if text.exists():
        assert "4,000" in text.read_text(encoding="utf-8")


def test_summary_counts(ledger):
    s = claims.summary(ledger.reset_index()).set_index("verdict")["claims"].to_dict()
    assert s == {"consistent": 14, "consistent_with_caveat": 11, "misleading_comparison": 1, "not_consistent": 1,
                 "not_checkable": 5}


def test_every_verdict_from_the_measures_names_its_rows_and_sources(ledger):
    decided = ledger.loc[["C07", "C21", "C22", "C23", "C24", "C25", "C27", "C28", "C32"]]
    assert decided["data_rows"].str.startswith("reform_measures: ").all()
    assert (decided["sources"] != "").all()
    sources = set(claims.load("sources")["source_id"])
    assert {s for ids in decided["sources"] for s in ids.split(";")} <= sources


def test_committed_ledger_and_readme_are_current(ledger):
    committed = pd.read_csv(paths.FIGURES / "op_ed_claims_ledger.csv", keep_default_na=False)
    assert committed["verdict"].tolist() == ledger["verdict"].tolist()
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert text == catalogue.readme_with_claims(text)
    assert "*Misleading comparison.*" in text
