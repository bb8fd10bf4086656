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
    assert rulings["number"].max() == 78
    # No. 76 (4 Dec 2025): first known from the Criminal Procedure Code's editorial notes as of 8 March 2026, then
    # read in its official text; the notes stay a cross-check
    r = rulings.set_index("number")
    r76 = r.loc[76]
    assert (f"{r76['date']:%Y-%m-%d}", r76["outcome"], r76["outcome_basis"], r76["source_id"]) == (
        "2025-12-04", "constitutional_in_interpretation", "operative_part", "adilet_218122_ru")
    assert "adilet_k1400000231_ru_20260308" in r76["cross_check_source_ids"]


def test_the_2026_resolutions_from_their_official_texts(rulings):
    """Nos. 77 and 78 (2026) were read whole in captures of the legal database's API; both found the act reviewed
    constitutional."""
    r = rulings.set_index("number")
    got = {n: (f"{r.loc[n, 'date']:%Y-%m-%d}", r.loc[n, "applicant"], r.loc[n, "outcome"], r.loc[n, "outcome_basis"],
               r.loc[n, "source_id"]) for n in (77, 78)}
    assert got == {77: ("2026-03-18", "citizen", "constitutional", "operative_part", "adilet_223231_ru"),
                   78: ("2026-04-30", "president", "constitutional", "operative_part", "adilet_224834_ru")}
    sources = datasets.load("sources").set_index("source_id")
    assert sources.loc["adilet_223231_ru", "url"] == "https://adilet.zan.kz/rus/docs/223231"
    assert "77-НП" in sources.loc["adilet_223231_ru", "title"] and "78-НП" in sources.loc["adilet_224834_ru", "title"]


def test_outcomes_read_in_the_operative_parts_of_2025_texts(rulings):
    """Nos. 64-76 were read whole in captures of the legal database's API: every outcome of that run rests on an
    operative part, and each row names its applicant and (but for Nos. 69-71, kept from their own pages) its title."""
    r = rulings.set_index("number")
    run = r.loc[64:76]
    assert (run["outcome_basis"] == "operative_part").all()
    assert run["applicant"].notna().all() and run["title_original"].notna().all()
    assert r.loc[[64, 70], "norms_unconstitutional"].tolist() == [1, 1]
    assert r.loc[72, "outcome"] == "constitutional" and r.loc[68, "outcome"] == "constitutional"
    assert {n: r.loc[n, "outcome"] for n in (65, 66, 67, 73, 74, 75, 76)} == {
        65: "unconstitutional_in_part", 66: "constitutional_in_interpretation", 67: "constitutional",
        73: "unconstitutional_in_part", 74: "constitutional", 75: "constitutional",
        76: "constitutional_in_interpretation"}
    assert (r.loc[[65, 66, 67, 73, 74, 75, 76], "outcome_basis"] == "operative_part").all()
    assert r.loc[[65, 73], "norms_unconstitutional"].tolist() == [1, 1]


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
    # every number is dated since the legal database's consolidated texts were read (issue 21)
    assert (cov["numbers"], cov["identified"], cov["with_date"], cov["with_outcome"], cov["with_merits"]) == \
        (78, 78, 78, 52, 48)
    assert cov["identified_pct"] == pytest.approx(100.0)
    assert ru.tally(rulings, "outcome").to_dict() == {
        "constitutional": 25, "constitutional_in_interpretation": 10, "unconstitutional_in_part": 7,
        "unconstitutional": 4, "procedural_other": 3, "official_interpretation": 2, "rules_of_procedure": 1}
    y = ru.by_year(rulings)
    assert y.loc[2023, ["numbers", "series_placed", "first", "last", "with_merits"]].tolist() == [39, 0, 1, 39, 22]
    assert y["numbers"].tolist() == [39, 21, 16, 2]
    assert y.loc[2026, ["first", "last"]].tolist() == [77, 78]
    assert y["series_placed"].sum() == 0
    assert y.attrs["numbers_of_unknown_year"] == 0
    coverage = ru.field_coverage(rulings).set_index("field")
    assert coverage.loc["outcome on the merits", "share_pct"] == pytest.approx(100 * 48 / 78)


def test_outcomes_from_the_legal_databases_notes(rulings):
    """The consolidated codes' editorial notes (2025-2026 editions) gave 36 outcomes; ten of them (Nos. 64, 65, 67-70,
    72-74, 76) now rest on the official texts' operative parts, the notes kept as cross-checks. Rows whose resolution also
    reviewed provisions those notes do not cover keep no outcome from them."""
    r = rulings.set_index("number")
    note = r[r["outcome_basis"] == "legal_database_note"]
    assert len(note) == 26
    assert note["source_id"].notna().all()
    assert (note["cross_check_source_ids"].fillna("") + ";" + note["source_id"]).str.contains(
        r"adilet_[kz]\d+_?_ru_202[56]").all()
    assert {n: r.loc[n, "outcome"] for n in (29, 49, 55, 64, 65, 70, 73)} == {
        29: "unconstitutional_in_part", 49: "unconstitutional", 55: "unconstitutional_in_part",
        64: "unconstitutional_in_part", 65: "unconstitutional_in_part", 70: "unconstitutional_in_part",
        73: "unconstitutional_in_part"}
    for n in (13, 19, 21, 40):
        assert pd.isna(r.loc[n, "outcome"]) and "Outcome not filled from these notes" in r.loc[n, "note"], n
    # No. 70: news said unconstitutional, the database note says in part; the note keeps both
    assert "news reports" in r.loc[70, "note"] and "unconstitutional without qualification" in r.loc[70, "note"]


def test_dates_from_the_constitutions_notes(rulings):
    """The consolidated Constitution's notes date Nos. 2-75; numbers no other page had dated."""
    r = rulings.set_index("number")
    assert {n: f"{r.loc[n, 'date']:%Y-%m-%d}" for n in (2, 5, 10, 16, 22, 39, 62, 63, 64, 65)} == {
        2: "2023-01-10", 5: "2023-03-27", 10: "2023-04-21", 16: "2023-05-22", 22: "2023-07-14", 39: "2023-12-26",
        62: "2025-01-24", 63: "2025-01-29", 64: "2025-01-30", 65: "2025-02-07"}
    assert (r["year_basis"] == "date").all()
    # where two notes of the database disagree on a date, both are in the note
    assert "26 Feb 2025" in r.loc[68, "note"] and f"{r.loc[68, 'date']:%Y-%m-%d}" == "2025-02-27"
    assert "23 May 2023" in r.loc[16, "note"] and "27 Dec 2024" in r.loc[60, "note"]


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
    assert rulings.loc[basis == "", "number"].tolist() == []


def test_every_not_found_note_names_its_searches(rulings):
    """A number left 'Not found' says what was searched: its Russian and Kazakh numbers and the legal database's code
    for every year it may belong to."""
    years = ru.plausible_years(rulings)
    missing = rulings[rulings["source_id"].isna()]
    assert len(missing) == 0  # every number is now dated by the legal database's consolidated texts
    # the numbers that had been 'Not found' keep the record of what was searched for them
    was_missing = rulings[rulings["note"].str.contains("Before these texts were read the number had not been found")]
    assert len(was_missing) == 26
    for _, r in was_missing.iterrows():
        n, note = int(r["number"]), r["note"]
        assert "Searched then:" in note and f"№ {n}-НП" in note and f"№ {n}-НҚ" in note, n
        assert "adilet_k950001000_ru_20230101" in note, n
    for _, r in missing.iterrows():
        n, note = int(r["number"]), r["note"]
        assert note.startswith("Not found") and "Searched:" in note, n
        assert f"№ {n}-НП" in note and f"№ {n}-НҚ" in note and "find_string" in note and "pages corpus" in note, n
        for y in years[n]:
            assert f"S{y % 100}{n:08d}" in note, (n, y)


def test_dates_read_from_the_second_part_of_the_constitution_notes(rulings):
    cited = rulings["source_id"].eq("zangov_k950001000_ru") | \
        rulings["cross_check_source_ids"].fillna("").str.contains("zangov_k950001000_ru")
    z = rulings[cited].set_index("number")["date"]
    assert {n: f"{z[n]:%Y-%m-%d}" for n in (58, 61, 67, 68)} == {
        58: "2024-12-24", 61: "2025-01-20", 67: "2025-02-26", 68: "2025-02-27"}


def test_series_against_published_totals(rulings):
    caseload = datasets.load("court_caseload")
    agg = ru.against_aggregates(rulings, caseload).set_index(["period_end", "measure"])
    june = agg.loc[(pd.Timestamp("2023-06-20"), "normative_resolutions")]
    # the Court counted 18 resolutions by 20 June 2023, when No. 19 (13 June) existed: its count leaves one out
    assert (june["published"], june["series_at_least"], june["series_at_most"]) == (18, 19, 19)
    low = ru.highest_by(rulings, "2023-08-28")
    assert (low["number"], ru.first_after(rulings, "2023-08-28")["number"]) == (25, 26)


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
    assert (final["published"], final["in_table"]) == (74, 45)
    norms = r.loc[(pd.Timestamp("2025-09-09"), "norms_unconstitutional")]
    # Nos. 3, 4, 48, 49, 64, 65, 70 and 73 state one norm each; Nos. 18 (a news report), 29 and 55 state none
    assert (norms["published"], norms["in_table"], norms["unknown_norms"]) == (20, 8, 3)
    june = r.loc[(pd.Timestamp("2023-06-20"), "normative_resolutions_with_unconstitutional_norms")]
    assert (june["published"], june["in_table"]) == (5, 3)  # Nos. 3, 4 and 18
    # the table never holds more than the Court reported, except where it counts something else, or where the
    # Court's count of resolutions stays below the series it had already reached (11 by 30 Apr 2023 with No. 12
    # dated 28 Apr; 18 by 20 Jun 2023 with No. 19 dated 13 Jun)
    other = r.reset_index()
    counts = other[other["measure"] != "normative_resolutions"]
    assert (counts["in_table"] <= counts["published"]).all()
    res = other[other["measure"] == "normative_resolutions"]
    assert (res["in_table"] <= res["series_at_least"]).all()


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
                   "constitutional_resolutions_force"], "source_id"] == "adilet_k2600000000").all()
