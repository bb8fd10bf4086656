"""Exhibits drawn from a spec: their words and the numbers they plot come out of the tables without drawing, and
they are the words of the committed figures."""

import json
import re

import matplotlib.pyplot as plt
import pytest

from kzreform import exhibits, i18n, paths

SPLIT = ["claims_verdicts", "court_appeals_cumulative", "court_appeals_per_100k", "referendum_denominators",
         "referendum_2022_turnout_by_region", "referendum_2022_turnout_through_the_day"]
DRAWN_FROM_SPECS = [n for n, e in exhibits.REGISTRY.items() if e.spec is not None]


@pytest.fixture(scope="module")
def t():
    return exhibits.Tables()


def committed(name: str) -> dict:
    return json.loads((paths.FIGURES / f"{name}.json").read_text(encoding="utf-8"))


def test_the_split_exhibits_are_drawn_from_specs():
    assert set(SPLIT) <= set(DRAWN_FROM_SPECS)


@pytest.mark.parametrize("name", DRAWN_FROM_SPECS)
def test_a_spec_says_what_the_committed_figure_says_without_drawing(name, t):
    open_before = plt.get_fignums()
    s = exhibits.spec(name, t)
    assert plt.get_fignums() == open_before, f"computing the spec of {name} drew a figure"
    entry = committed(name)
    assert (s.title, s.subtitle, s.alt) == (entry["title"], entry["subtitle"], entry["alt"])
    assert list(dict.fromkeys(s.sources)) == entry["sources"]
    assert list(map(str, s.data.columns)) == entry["columns"]
    assert 0 < len(s.alt) <= 400


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("name", SPLIT)
def test_a_spec_is_worded_in_the_edition_asked_for(name, lang, t):
    with i18n.language(lang):
        s = exhibits.spec(name, t)
    english = committed(name)
    for text, original in ((s.title, english["title"]), (s.alt, english["alt"])):
        assert text != original and re.search("[А-Яа-яӘәҒғҚқҢңӨөҰұҮүҺһІі]", text), (name, lang, text)


def test_the_verdicts_chart_counts_every_statement_once(t):
    s = exhibits.spec("claims_verdicts", t)
    n = len(exhibits.REGISTRY["op_ed_claims_ledger"].draw(t, None).data)
    assert s.data["claims"].sum() == n
    assert f"the op-ed's {n} statements" in s.alt
    verdicts = s.data.groupby("verdict")["claims"].sum()
    # the headline counts those that fit as stated, out of those that could be tested; caveats are not folded in
    assert s.title == (f"Of the op-ed's {n - verdicts['not_checkable']} testable statements, {verdicts['consistent']} "
                       "fit the data without a caveat")


def test_the_turnout_specs_name_the_same_lowest_unit(t):
    by_region = exhibits.spec("referendum_2022_turnout_by_region", t)
    through_the_day = exhibits.spec("referendum_2022_turnout_through_the_day", t)
    lowest = by_region.parts["regions"].iloc[0]
    assert lowest["region_code"] == through_the_day.parts["lowest"]
    assert through_the_day.title.startswith(through_the_day.parts["lowest_name"])
