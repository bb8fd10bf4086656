"""Findable sources: data/source_locators.csv says, in a few words, where on a source its value sits (or that the
stored page was not found), and agrees with the rows that cite the source. Every source cited by a value has a row,
except the sources listed in NOT_YET_LOCATED (work still to do, issue 27 item 8), a list that may only shrink."""

import pandas as pd

from kzreform import datasets, rules

# Sources cited by a value that have no locator row yet: nobody has looked for the words on their pages. The list
# may only shrink (a source given a row must leave it); the count of located sources may only grow.
LOCATED_AT_LEAST = 431
# Of those, how many were read on the stored page (not written from transcribed values): may only grow.
READ_ON_PAGE_AT_LEAST = 410
NOT_YET_LOCATED: frozenset[str] = frozenset({
})


def _cited() -> set[str]:
    """Every source id named by a value in data/ (source_id and every other column naming sources, ';'-separated)."""
    out = set()
    for name in datasets.names():
        if name in ("sources", "source_locators"):
            continue
        df = datasets.load(name)
        for column in (c for c in df.columns if "source_id" in c):
            for cell in df[column].dropna():
                out |= {part.strip() for part in str(cell).split(";") if part.strip()}
    return out


def test_each_locator_is_short_and_says_how_it_was_written():
    locators = datasets.load("source_locators")
    for rec in locators.itertuples():
        if rec.status == "page not in store":
            assert pd.isna(rec.locator) and isinstance(rec.note, str) and rec.note.strip(), rec.source_id
        else:
            assert isinstance(rec.locator, str) and len(rec.locator.split()) <= 30, rec.source_id  # never a long quotation


def test_a_ruling_locator_agrees_with_the_row_that_cites_its_source():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    urls = sources.set_index("source_id")["url"]
    checked = 0
    for rec in locators.itertuples():
        cited = rulings[rulings["source_id"] == rec.source_id]
        if not isinstance(rec.locator, str) or not rec.locator.startswith("Normative resolution No.") or len(cited) != 1:
            continue
        row = cited.iloc[0]
        assert f"No. {row['number']}" in rec.locator, rec.source_id
        if pd.notna(row["date"]):
            assert f"{row['date']:%Y-%m-%d}" in rec.locator, rec.source_id
        if "legal-database code " in rec.locator:
            assert rec.locator.split("legal-database code ")[1].split()[0].rstrip(";") in urls[rec.source_id]
        if "title begins: " in rec.locator:
            first = rec.locator.split("title begins: ")[1].split(" ...")[0].split(";")[0]
            assert first in row["title_original"].replace("«", "").replace("»", ""), rec.source_id
        checked += 1
    assert checked >= 30


def test_every_primary_source_of_a_titled_resolution_has_a_locator():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    primary = set(sources[sources["kind"] == "primary"]["source_id"])
    titled = rulings[rulings["title_original"].notna() & rulings["source_id"].isin(primary)]
    single = titled.groupby("source_id").filter(lambda g: len(g) == 1)
    assert set(single["source_id"]) <= set(locators["source_id"])


def test_every_source_cited_by_a_value_has_a_locator_row_or_is_listed_as_not_yet_located():
    located = set(datasets.load("source_locators")["source_id"])
    cited = _cited()
    missing = cited - located
    assert missing <= NOT_YET_LOCATED, f"cited with no locator row and not listed: {sorted(missing - NOT_YET_LOCATED)}"
    assert not (NOT_YET_LOCATED & located), f"located, so leave NOT_YET_LOCATED: {sorted(NOT_YET_LOCATED & located)}"
    assert NOT_YET_LOCATED <= cited, f"no longer cited: {sorted(NOT_YET_LOCATED - cited)}"
    assert len(cited & located) >= LOCATED_AT_LEAST


def test_the_count_read_on_the_stored_page_never_falls():
    locators = datasets.load("source_locators")
    read = set(locators.loc[locators["status"] == "read on the stored page", "source_id"])
    assert len(read) >= READ_ON_PAGE_AT_LEAST, f"{len(read)} read on the stored page, fewer than {READ_ON_PAGE_AT_LEAST}"


def test_a_page_not_in_store_has_no_locator_and_a_located_page_has_one():
    df = pd.DataFrame({"source_id": ["a", "b", "c"], "status": ["page not in store", "read on the stored page",
                                                                "page not in store"],
                       "locator": ["some words", None, None], "archived_url": [None] * 3, "note": ["x", "y", None]})
    df.attrs["rows"] = [2, 3, 4]
    check = next(f for f in rules.DOMAIN_CHECKS["source_locators"])
    found = [(p.row, p.column) for p in check("data/source_locators.csv", df)]
    assert found == [(2, "locator"), (3, "locator"), (4, "note")]


def test_a_locator_longer_than_a_few_words_is_refused_by_check():
    df = pd.DataFrame({"source_id": ["a", "b"], "status": ["read on the stored page"] * 2,
                       "locator": [" ".join(["word"] * rules.LOCATOR_WORDS), " ".join(["word"] * (rules.LOCATOR_WORDS + 1))],
                       "archived_url": [None] * 2, "note": ["x", "y"]})
    df.attrs["rows"] = [2, 3]
    check = next(f for f in rules.DOMAIN_CHECKS["source_locators"])
    problems = check("data/source_locators.csv", df)
    assert [(p.row, p.column) for p in problems] == [(3, "locator")]
    assert "31 words" in problems[0].message and "at most 30" in problems[0].message
