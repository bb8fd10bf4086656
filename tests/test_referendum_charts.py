"""The referendum turnout chart and the yes shares by region, from their specs (nothing drawn): headlines a reader
understands, every region named in words, a missing value told apart from a region that did not exist yet."""

import re

import pytest

from kzreform import exhibits, i18n
from kzreform.exhibits import referendums

NOTATION = re.compile(r"[<>~÷≤≥]|\b[a-z]+_[a-z_]+\b")


@pytest.fixture(scope="module")
def t():
    return exhibits.Tables()


@pytest.fixture(scope="module")
def spec(t):
    return exhibits.REGISTRY["referendum_turnout_compared"].spec(t)


def test_turnout_headline_and_alt(spec):
    assert spec.title == "Almaty (city) had the lowest turnout at 18:00 in 2022 and 2026"
    assert spec.alt == "Dot chart of turnout by region at 18:00 in 2022 and 2026: Almaty (city) is lowest, at 30% and 33%."
    for text in (spec.title, spec.subtitle, spec.alt):
        assert not NOTATION.search(text), text


def test_every_region_has_a_row_at_each_vote_and_a_missing_value_says_why(spec):
    d = spec.data
    assert d["time"].nunique() == 1 and d.groupby("vote_date")["region_code"].nunique().tolist() == [21, 21]
    missing = d[d["status"] != "figure"].set_index("region_code")["status"]
    # Aktobe existed in 2022 but no 18:00 figure was found; Abai, Jetisu and Ulytau were created on 8 June 2022
    assert missing.to_dict() == {"KZ-15": "no figure found", "KZ-10": "not yet a region",
                                 "KZ-33": "not yet a region", "KZ-62": "not yet a region"}
    assert d[d["status"] != "figure"]["turnout_pct"].isna().all()
    assert spec.parts["why"] == {"KZ-15": "2022: no figure found", "KZ-10": "2022: not yet a region",
                                 "KZ-33": "2022: not yet a region", "KZ-62": "2022: not yet a region"}
    assert spec.parts["highlight"] == "KZ-75"


def test_turnout_rows_are_named_in_words_and_sorted(spec):
    rows = referendums._compared_rows(spec.parts["regions"], spec.data, narrow=False)
    assert rows.index[-1] == "KZ" and rows.index[0] == "KZ-75"  # lowest at the bottom, the country on top
    assert list(rows[2026].iloc[:-1]) == sorted(rows[2026].iloc[:-1])
    assert "North Kazakhstan Region" in set(rows["label"]) and not any(len(n) <= 4 for n in rows["label"])


def test_year_colours_are_used_for_years_only(spec):
    from kzreform import charts
    assert spec.parts["roles"] == {2022: "referendum_2022", 2026: "referendum_2026"}
    assert charts.colour("referendum_2026") != charts.colour("court")


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_turnout_words_are_translated(t, lang):
    with i18n.language(lang):
        s = exhibits.REGISTRY["referendum_turnout_compared"].spec(t)
    assert "Almaty" not in s.title and "lowest" not in s.title and "2022" in s.title
    assert "no figure" not in " ".join(s.parts["why"].values())


def test_yes_by_region_is_a_sentence_and_a_table_not_a_chart(t):
    assert "referendum_2022_yes_by_region" not in exhibits.REGISTRY
    text = referendums.yes_by_region_summary(t)
    assert text.startswith("Where a regional yes share was found (5 of the 17 units;")
    assert "**65%** in Almaty (city)" in text and "**73%** in West Kazakhstan Region" in text
    assert "against **77%** nationally" in text and "65.22" not in text
    assert len(referendums.yes_by_region_table(t)) == 5


def test_turnout_chart_refuses_a_size_that_cannot_name_every_region(tmp_path, capsys):
    from kzreform.__main__ import main
    assert main(["figures", "referendum_turnout_compared", "--width", "4.5", "--height", "3.2",
                 "--out", str(tmp_path)]) == 2
    assert "the smallest size that works is 4.5 x 3.8 in with its title" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["referendum_turnout_compared", "reform_rules_changed"])
@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_headline_and_subtitle_fit_the_report_size(t, name, lang):
    from kzreform import layout
    from kzreform.charts import MARGIN_IN, Canvas
    with i18n.language(lang):
        s = exhibits.REGISTRY[name].spec(t)
    c, width = Canvas(6.5, 4), (6.5 - 2 * MARGIN_IN) * 72
    assert len(layout.wrap(s.title, width, c.pt("title"), "bold")) <= (1 if lang == "en" else 2)
    assert len(layout.wrap(s.subtitle, width, c.pt("subtitle"))) <= 2
