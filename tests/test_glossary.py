"""The glossary: official names in English, Russian and Kazakh, each from a named page."""

import re

import pytest

from kzreform import datasets

KAZAKH = set("абвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя" + "әАБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯӘ")
RUSSIAN = set("абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ")


@pytest.fixture(scope="module")
def g():
    return datasets.load("glossary").set_index("term_id")


def letters(text: str) -> set[str]:
    return {c for c in text if c.isalpha()} if isinstance(text, str) else set()


def test_every_region_and_city_of_the_data_is_named_in_three_languages(g):
    regions = datasets.load("regions")
    for code in regions["region_code"]:
        row = g.loc[code]
        assert row["kind"] == "region"
        assert row["name_en"] and row["name_ru"] and row["name_kk"], code
    assert g.loc["KZ-71", "name_kk"] == "Астана қаласы" and g.loc["KZ-33", "name_ru"] == "область Жетісу"


def test_every_party_of_the_elections_is_named(g):
    results = datasets.load("mazhilis_results")
    parties = set(results["contestant_id"]) - {"self_nominated", "other", "against_all"}
    missing = {p for p in parties if p not in g.index}
    assert not {p for p in missing if not p.startswith("smd_")}, missing


def test_kazakh_names_use_cyrillic_with_the_kazakh_letters_and_russian_names_russian_letters(g):
    brands = {"amanat", "nur_otan", "adal", "respublica", "baytaq"}  # parties whose names are written in Latin letters
    for term, row in g.iterrows():
        if term in brands:
            continue
        assert letters(row["name_kk"]) <= KAZAKH, (term, row["name_kk"])
        assert letters(row["name_ru"]) - RUSSIAN <= set("ҒғҚқҢңӨөҰұҮүҺһІіӘә"), (term, row["name_ru"])
    assert any(set("әғқңөұүһі") & set(v) for v in g["name_kk"].dropna())


def test_a_missing_name_is_said_in_the_note(g):
    for term, row in g.iterrows():
        for lang in ("en", "ru", "kk"):
            if not isinstance(row[f"name_{lang}"], str) or not row[f"name_{lang}"]:
                assert re.search(rf"\b{lang}\b.*not found|{lang} NOT FOUND", row["note"], re.IGNORECASE), (term, lang)
    assert g["name_kk"].isna().sum() == 2 and g["name_en"].isna().sum() == 1


def test_kinds_are_counted(g):
    assert g["kind"].value_counts().to_dict() == {"region": 21, "term": 15, "body": 13, "party": 11}
