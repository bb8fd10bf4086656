"""Findable sources: data/source_locators.csv says, in a few words, where on a source its value sits, and agrees
with the rows that cite the source. Coverage so far: the primary sources of court_rulings.csv."""

import re

import pandas as pd

from kzreform import datasets


def test_each_locator_agrees_with_the_row_that_cites_its_source():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    urls = sources.set_index("source_id")["url"]
    for rec in locators.itertuples():
        assert len(rec.locator.split()) <= 25, rec.source_id  # a locator, never a long quotation
        cited = rulings[rulings["source_id"] == rec.source_id]
        assert len(cited) == 1, rec.source_id
        row = cited.iloc[0]
        assert f"No. {row['number']}" in rec.locator
        if pd.notna(row["date"]):
            assert f"{row['date']:%Y-%m-%d}" in rec.locator
        code = re.search(r"legal-database code (\S+)", rec.locator)
        if code:
            assert code.group(1) in urls[rec.source_id], rec.source_id
        first = rec.locator.split("title begins: ")[1].split(" ...")[0].split(";")[0]
        assert first in row["title_original"].replace("«", "").replace("»", ""), rec.source_id


def test_every_primary_source_of_a_titled_resolution_has_a_locator():
    locators, sources, rulings = (datasets.load(n) for n in ("source_locators", "sources", "court_rulings"))
    primary = set(sources[sources["kind"] == "primary"]["source_id"])
    titled = rulings[rulings["title_original"].notna() & rulings["source_id"].isin(primary)]
    single = titled.groupby("source_id").filter(lambda g: len(g) == 1)
    assert set(single["source_id"]) <= set(locators["source_id"])
    assert len(locators) >= 30
