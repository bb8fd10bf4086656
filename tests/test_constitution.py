"""The Constitution's text: the parse of the stored official texts, the tables built from it, the measures."""

import importlib.util
import re

import pandas as pd
import pytest

from kzreform import constitution as c
from kzreform import datasets, paths

RAW = paths.ROOT / "scripts" / "constitution_raw"


def _build_module():
    spec = importlib.util.spec_from_file_location("build_constitution", paths.ROOT / "scripts" / "build_constitution.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def parsed():
    raw95 = (RAW / "K950001000_2023-01-01.ru.txt").read_text(encoding="utf-8")
    raw26 = (RAW / "K2600000000.ru.txt").read_text(encoding="utf-8")
    return {"1995_2023": (raw95, c.parse_consolidated_1995(raw95)), "2026": (raw26, c.parse_2026(raw26))}


@pytest.fixture(scope="module")
def tables():
    return {n: datasets.load(n) for n in ("constitution_articles", "constitution_amendments",
                                          "constitution_article_amendments", "constitution_correspondence",
                                          "constitution_published_counts")}


# --- the texts: counts as in the official texts --------------------------------------------------------

def test_article_and_section_counts_match_the_official_texts(tables):
    a = tables["constitution_articles"]
    counts = c.version_counts(a).set_index("version")
    # 1995, 2023 edition: 9 sections; articles 1-99 plus 83-1, 94-1, 94-2 (102 numbers), 84 repealed in 2007
    assert counts.loc["1995_2023", "sections"] == 9
    assert counts.loc["1995_2023", "article_numbers"] == 102
    assert counts.loc["1995_2023", "articles_with_text"] == 101
    assert a[(a["version"] == "1995_2023") & (a["status"] == "repealed")]["article"].tolist() == ["84"]
    # 2026: 11 sections, articles 1-96, none hyphenated
    assert counts.loc["2026", "sections"] == 11
    assert counts.loc["2026", "article_numbers"] == 96
    assert a[a["version"] == "2026"]["article"].tolist() == ["preamble"] + [str(i) for i in range(1, 97)]
    # every version has exactly one preamble
    assert (a["article"] == "preamble").groupby(a["version"]).sum().to_dict() == {"1995_2023": 1, "2026": 1}


def test_sections_in_order_with_their_official_titles(tables):
    a = tables["constitution_articles"]
    s26 = a[a["version"] == "2026"].drop_duplicates("section").dropna(subset=["section"])
    assert s26["section"].tolist() == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    assert s26.set_index("section").loc["IV", "section_title_ru"] == "Курултай"
    s95 = a[a["version"] == "1995_2023"].drop_duplicates("section").dropna(subset=["section"])
    assert s95.set_index("section").loc["VI", "section_title_ru"] == "Конституционный Суд"
    assert a["section_title_en"].notna().sum() == len(a) - 2  # all but the two preambles


def test_the_parse_loses_no_character_of_the_raw_texts(parsed):
    for raw, p in parsed.values():
        assert c.unaccounted(raw, p) == ""


def test_words_rejoin_to_the_source_texts_word_count(parsed, tables):
    a = tables["constitution_articles"]
    for version, (raw, p) in parsed.items():
        # every word of the source is in exactly one piece (text, notes, headings, header, footer)
        assert sum(c.count_words(x.text) for x in p.pieces) == c.count_words(c._join(raw.split("\n")))
        # and the table's words are exactly the words of the text pieces (articles and preamble)
        text_words = sum(c.count_words(x.text) for x in p.pieces if x.kind in ("text", "preamble"))
        assert int(a.loc[a["version"] == version, "words"].sum()) == text_words


def test_word_counts_are_recomputed_from_the_stored_text(tables):
    a = tables["constitution_articles"]
    assert (a["text_ru"].fillna("").map(c.count_words) == a["words"]).all()


def test_the_tables_are_what_the_build_script_writes():
    tables = _build_module().build()
    for name, text in tables.items():
        assert (paths.DATA / name).read_text(encoding="utf-8") == text, f"data/{name} is stale: run the build"


def test_no_editorial_note_leaks_into_the_text(tables):
    text = " ".join(tables["constitution_articles"]["text_ru"].fillna(""))
    assert "Сноска" not in text and "Примечание" not in text
    assert not re.search(r"исключен[аы]? Законом", text)


# --- words, similarity, classes --------------------------------------------------------------------------

def test_words_counts_hyphenated_as_one_and_ignores_punctuation():
    assert c.words("1. Премьер-Министр – статья 83-1, № 8-НП.") == ["1", "Премьер-Министр", "статья", "83-1", "8-НП"]
    assert c.count_words("") == 0


def test_similarity_is_symmetric_and_bounded():
    assert c.similarity("а б в г", "а б в г") == 1.0
    assert c.similarity("а б в г", "д е ж з") == 0.0
    # 3 matching words of 4 + 4: 2 * 3 / 8
    assert c.similarity("а б в г", "а б в д") == pytest.approx(0.75)
    assert c.similarity("а б", "а б в г") == c.similarity("а б в г", "а б")


def test_classes_and_thresholds():
    assert c.classify(None, "текст") == c.NEW
    assert c.classify("текст", None) == c.REMOVED
    assert c.classify("Один, два три.", "один два: три") == c.KEPT  # case and punctuation are not words
    assert c.classify("а б в г", "а б в д") == c.EDITED            # 0.75
    assert c.classify("а б в г", "а б д е") == c.EDITED            # exactly 0.5 is edited
    assert c.classify("а б в г", "а д е ж") == c.REWRITTEN          # 0.25


def test_real_pairs_get_the_expected_class(tables):
    corr = tables["constitution_correspondence"].set_index("article_2026")
    assert corr.loc["87", "class"] == c.KEPT      # local state government, word for word
    assert corr.loc["91", "class"] == c.KEPT      # local self-government
    assert corr.loc["9", "class"] == c.EDITED     # state language ('наравне' -> 'наряду')
    assert corr.loc["49", "class"] == c.NEW       # the Vice-President
    assert corr.loc["53", "class"] == c.REWRITTEN  # one chamber of 145 deputies


# --- the correspondence ----------------------------------------------------------------------------------

def test_correspondence_covers_every_article_once(tables):
    a, corr = tables["constitution_articles"], tables["constitution_correspondence"]
    arts26 = set(a[(a["version"] == "2026") & (a["article"] != "preamble")]["article"])
    arts95 = set(a[(a["version"] == "1995_2023") & (a["article"] != "preamble")]["article"])
    rows26 = corr["article_2026"].dropna()
    assert rows26.is_unique and set(rows26) == arts26
    removed = corr[corr["class"] == c.REMOVED]["article_1995"]
    assert removed.is_unique
    assert set(corr["article_1995"].dropna()) == arts95  # continued or removed, none forgotten
    assert not set(removed) & set(corr[corr["class"] != c.REMOVED]["article_1995"].dropna())


def test_stored_similarity_and_class_are_recomputed(tables):
    a = tables["constitution_articles"]
    t95 = a[a["version"] == "1995_2023"].set_index("article")["text_ru"]
    t26 = a[a["version"] == "2026"].set_index("article")["text_ru"]
    for _, r in tables["constitution_correspondence"].iterrows():
        old = t95[r["article_1995"]] if pd.notna(r["article_1995"]) else None
        new = t26[r["article_2026"]] if pd.notna(r["article_2026"]) else None
        assert r["class"] == c.classify(old, new)
        if old is not None and new is not None:
            assert r["similarity"] == pytest.approx(c.similarity(old, new), abs=0.0005)


# --- amendments ------------------------------------------------------------------------------------------

def test_amending_laws_from_the_notes(tables):
    laws = tables["constitution_amendments"]
    assert len(laws) == 7
    assert laws["adopted_by"].value_counts().to_dict() == {"parliament": 6, "referendum": 1}
    by_law = c.amendments_by_law(laws, tables["constitution_article_amendments"]).set_index("law_id")
    # the referendum of 5 June 2022: 33 articles (83-1 and 99 new) and the titles of sections VI and VII
    assert by_law.loc["law_2022_06_08_referendum", "articles_changed"] == 33
    assert by_law.loc["law_2022_06_08_referendum", "articles_added"] == 2
    assert by_law.loc["law_2022_06_08_referendum", "section_titles"] == 2
    assert by_law.loc["law_2007_254_iii", "articles_added"] == 1  # 94-1


def test_added_articles_are_the_hyphenated_ones_and_99(tables):
    links = tables["constitution_article_amendments"]
    assert set(links[links["change"] == "added"]["article"]) == {"83-1", "94-1", "94-2", "99"}
    assert links[links["change"] == "repealed"]["article"].tolist() == ["84"]


def test_laws_in_a_note():
    note = ("Сноска. Статья 2 с изменениями, внесенными законами РК от 21.05.2007 № 254-III (вводится в действие); "
            "от 08.06.2022 (вводится в действие с 08.06.2022).")
    assert c.laws_in_note(note) == [("2007-05-21", "254-III"), ("2022-06-08", "")]
    assert c.laws_in_note("Примечание. См. нормативное постановление Конституционного Суда РК от 22.05.2023 "
                          "№ 17-НП.") == []
    assert c.change_kind("Сноска. Статья 84 исключена Законом РК от 21.05.2007 № 254-III") == "repealed"
    assert c.change_kind("Сноска. Конституция дополнена статьей 99 в соответствии с Законом РК от 08.06.2022") \
        == "added"


# --- reconciliation --------------------------------------------------------------------------------------

def test_reconciliation_matches_what_can_be_matched(tables):
    t = tables
    ours = c.our_counts(t["constitution_articles"], t["constitution_article_amendments"],
                        t["constitution_correspondence"], t["constitution_amendments"])
    rec = c.reconciliation(t["constitution_published_counts"], ours)
    assert len(rec) == len(t["constitution_published_counts"])
    agreed = rec[rec["agrees"]].groupby("measure")["published"].first().to_dict()
    assert agreed["articles_changed_2022"] == 33 and agreed["amending_laws"] == 7 and agreed["sections_2026"] == 11
    assert set(rec[rec["measure"] == "articles_1995"]["agrees"]) == {True}  # 98 as adopted, 99 highest number
    # every count that does not match says why
    assert rec.loc[~rec["agrees"], "reason"].str.len().gt(20).all()
    assert not rec[(rec["measure"] == "articles_2026") & (rec["published"] == 95)]["agrees"].any()


# --- the article explorer ------------------------------------------------------------------------------------

def test_word_diff_marks_only_changed_words():
    seg = c.word_diff("Государственный язык - казахский.", "Государственный язык – казахский.")
    assert [op for op, _, _ in seg] == ["equal", "replace", "equal"]  # a dash is a token, not a word: '-' vs '–'
    seg = c.word_diff("наравне с казахским", "наряду с казахским")
    assert seg[0] == ("replace", "наравне", "наряду") and seg[-1][0] == "equal"
    assert c.word_diff("", "новый текст") == [("insert", "", "новый текст")]


def test_article_view_marks_the_changes_and_lists_the_laws(tables):
    from kzreform import explorers, exhibits
    t = exhibits.tables()
    side, lines, laws = explorers.article_view(t, "2026:9")
    assert "<del>наравне</del>" in side and "<ins>наряду</ins>" in side  # the state-language article
    assert "Class: edited" in lines[0]
    side, lines, laws = explorers.article_view(t, "2026:43")  # the presidential term: 1995 art. 41
    assert len(laws) == 5 and "No law" not in " ".join(lines)
    side, lines, laws = explorers.article_view(t, "2026:49")  # the Vice-President: new
    assert "1995: no article" in side and "<del>" not in side and len(laws) == 0
    side, lines, laws = explorers.article_view(t, "1995:97")  # dropped
    assert "2026: dropped" in side and "<ins>" not in side


def test_article_search_finds_by_number_and_text():
    from kzreform import explorers, exhibits
    t = exhibits.tables()
    assert len(explorers.article_options(t)) == 96 + 16
    assert [k for _, k in explorers.article_options(t, "курултаю")][:1] == ["2026:4"]  # case ignored
    assert "2026:53" in [k for _, k in explorers.article_options(t, "ста сорока пяти")]
    assert [k for _, k in explorers.article_options(t, "83-1")] == ["2026:85"]  # by its 1995 number
    assert "2026:43" in [k for _, k in explorers.article_options(t, "41")]  # 1995 art. 41 continues as 2026 art. 43
