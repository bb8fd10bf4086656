"""What a reader sees is in plain words: each hedge rule gives the sentence it must, in English, Russian and
Kazakh; no notation reaches a title, subtitle, alt text, caption, README finding or ledger entry; subtitles
hold two lines at the report size."""

import json
import re

import pytest

from kzreform import charts, claims, i18n, layout, paths, wording
from kzreform.hedges import Hedged, per_year

H = Hedged.published
YEAR = 365.25

# rule -> (the value, how it is said, {language: the exact words})
RULES = {
    # an upper bound on a ratio is "at most", never "less than ... times" (read as "fewer")
    "upper bound on a ratio": (H(74) / (983 / YEAR) / (H(140, "more than") / (9792 / YEAR)), wording.times,
                               {"en": "at most 5.3 times", "ru": "не более чем в 5,3 раза", "kk": "ең көбі 5,3 есе"}),
    # an approximate upper bound: "at most about", never "less than about" or "<~"
    "approximate upper bound": (H(13000, "about") / (1029 / YEAR) / (H(190, "more than") / (7306 / YEAR)),
                                wording.times, {"en": "at most about 490 times",
                                                "ru": "самое большее примерно в 490 раз",
                                                "kk": "ең көбі шамамен 490 есе"}),
    # both sides minimums: the ratio of the published figures with its caveat, never "cannot be bounded"
    "ratio of two minimums": (per_year(H(10000, "more than"), 983 / YEAR) / per_year(H(200, "more than"), 27.0),
                              wording.times, {"en": "on the published minimums, about 500 times",
                                              "ru": "по опубликованным минимумам — примерно в 500 раз",
                                              "kk": "жарияланған ең аз мәндер бойынша шамамен 500 есе"}),
    # a floor on a count per year in whole units ("more than 7", not "more than 7.4")
    "floor per year in whole units": (per_year(H(200, "more than"), 27.0), wording.a_year,
                                      {"en": "more than 7 a year", "ru": "более 7 в год", "kk": "жылына 7-ден астам"}),
    # a floor under one a year is stated over the whole period, with the total as published
    "floor over the whole period": (per_year(H(20, "more than"), 27.0), wording.a_year,
                                    {"en": "more than 20 in 27 years", "ru": "более 20 за 27 лет",
                                     "kk": "27 жылда 20-дан астам"}),
    # a bound at two significant figures at most, rounded toward safety
    "two significant figures": (H(4614).at_least(), wording.hedged,
                                {"en": "at least 4,600", "ru": "не менее 4\u00a0600", "kk": "кемінде 4\u00a0600"}),
    "about, at its precision": (H(4000, "about") / (243 / YEAR), wording.hedged,
                                {"en": "about 6,000", "ru": "около 6\u00a0000", "kk": "шамамен 6\u00a0000"}),
}


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
@pytest.mark.parametrize("rule", list(RULES))
def test_each_hedge_rule_gives_its_sentence(rule, lang):
    value, say, expected = RULES[rule]
    with i18n.language(lang):
        assert say(value) == expected[lang]


def test_a_count_per_year_can_carry_its_noun():
    assert wording.a_year(per_year(H(20, "more than"), 27.0), "appeals") == "more than 20 appeals in 27 years"
    assert wording.a_year(per_year(H(200, "more than"), 27.0), "appeals") == "more than 7 appeals a year"


@pytest.mark.parametrize("lang,expected", [("en", "less than 5"), ("ru", "менее 5"), ("kk", "5-тен кем")])
def test_a_published_value_keeps_the_words_it_was_published_with(lang, expected):
    with i18n.language(lang):
        assert wording.published(5, "less than") == expected


# what no reader should meet: signs for hedges, lab words, code names
NOTATION = re.compile(r"<|>|~|÷|≤|≥|less than about|more than about|cannot be bounded|не ограничено|кем көп"
                      r"|\b[a-z][a-z0-9]*_[a-z0-9_]+\b")


def _bad(text: str) -> list[str]:
    return [m.group() for m in NOTATION.finditer(text)]


def _figure_texts():
    for path in sorted(paths.FIGURES.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        for key in ("title", "subtitle", "alt"):
            if isinstance(meta.get(key), str):
                yield f"{path.name} {key}", meta[key]
        if meta.get("sources"):
            yield f"{path.name} source line", charts.source_line(meta["sources"], meta.get("note", ""))


def test_no_notation_in_titles_subtitles_alt_texts_and_source_lines():
    found = {where: _bad(text) for where, text in _figure_texts() if _bad(text)}
    assert not found, found


def test_no_notation_in_the_readme_findings():
    readme = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    for block in ("findings", "claims"):  # the generated findings and the ledger's table
        text = readme[readme.index(f"<!-- {block}:start -->"):readme.index(f"<!-- {block}:end -->")]
        text = re.sub(r"\]\([^)]*\)|`[^`]*`|<!--.*?-->|<[^>]+>", "", text)  # link targets, code, comments, tags aside
        assert not _bad(text), (block, _bad(text))


def test_no_notation_in_the_ledger_text():
    ledger = claims.ledger()
    found = {(cid, col): _bad(str(v)) for cid, row in ledger.iterrows()
             for col, v in row[["computed", "explanation", "verdict_label"]].items() if _bad(str(v))}
    assert not found, found


def subtitle_lines(subtitle: str, width: float = charts.WIDTH_IN, height: float = charts.HEIGHT_IN) -> int:
    """Lines the subtitle takes on a chart of this size, as Canvas.header wraps it."""
    charts.use_house_style()  # text is measured as the figures draw it (hinting and all)
    canvas = charts.Canvas(width, height)
    return len(layout.wrap(subtitle, (width - 2 * charts.MARGIN_IN) * 72, canvas.pt("subtitle")))


def title_lines(title: str, width: float = charts.WIDTH_IN, height: float = charts.HEIGHT_IN) -> int:
    """Lines the headline takes on a chart of this size, as Canvas.header wraps it."""
    charts.use_house_style()
    canvas = charts.Canvas(width, height)
    return len(layout.balanced(title, (width - 2 * charts.MARGIN_IN) * 72, canvas.pt("title"), "bold"))


def test_every_headline_holds_two_lines_at_the_report_size_and_its_own():
    """At most two lines at 6.5 x 4 in and at the chart's default size (the Russian and Kazakh headlines: in
    test_i18n's grid, where they are drawn)."""
    from kzreform import exhibits
    long = {}
    for path in sorted(paths.FIGURES.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        e = exhibits.REGISTRY.get(path.stem)
        if e is None or e.kind != "chart":
            continue
        for size in ((charts.WIDTH_IN, charts.HEIGHT_IN), e.default):
            if title_lines(meta["title"], *size) > 2:
                long[path.stem, size] = meta["title"]
    assert long == {}


def _subtitles():
    out = {}
    for path in sorted(paths.FIGURES.glob("*.json")):
        meta = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(meta.get("subtitle"), str):
            out[meta.get("name", path.stem)] = meta["subtitle"]
    return out


@pytest.mark.parametrize("name", sorted(_subtitles()))
def test_subtitle_holds_two_lines_at_the_report_size(name):
    lines = subtitle_lines(_subtitles()[name])
    assert lines <= 2, f"{name}: the subtitle takes {lines} lines at 6.5 x 4 in"


def test_the_notebooks_show_their_tables_as_readers_read_them():
    """The committed notebooks (on GitHub, in JupyterLab) show each DataFrame mended for readers, as the reports do:
    no index-name row, no row numbers, words not codes, publishers not source ids (exhibits.setup())."""
    from bs4 import BeautifulSoup

    from readers import table_problems
    shown = 0
    for path in sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                html = output.get("data", {}).get("text/html")
                if not html:
                    continue
                for table in BeautifulSoup("".join(html), "html.parser").find_all("table"):
                    shown += 1
                    assert table_problems(table) == [], path.name
                    assert "<style" not in "".join(html) and "<script" not in "".join(html), path.name
    assert shown >= 40  # the notebooks' reader tables and exhibits' tables


def test_a_dataframe_is_shown_mended_and_its_text_escaped():
    import pandas as pd

    from kzreform.readable import dataframe_html
    df = pd.DataFrame({"Source": ["zakon_2025_09_09"], "Met": [True], "Note": ["<img src=x onerror=alert(1)>"]},
                      index=pd.Index(["legal_basis"], name="Rule"))
    out = dataframe_html(df)
    assert "<th>Rule</th>" in out.split("</thead>")[0] and out.count("<tr>") == 2  # the name joined the header
    assert ">Legal basis<" in out and ">yes<" in out and ">Zakon.kz</a>" in out
    assert "<img" not in out and "&lt;img src=x onerror=alert(1)&gt;" in out
    assert df.index.name == "Rule" and bool(df.at["legal_basis", "Met"]) is True  # the analyst's DataFrame is unchanged


def test_no_headline_opens_with_a_numeral():
    """A headline opens with a word, as a sentence in a newspaper does ("Of the 96 articles, 4 ...", not "4 of ...")."""
    titles = {path.stem: json.loads(path.read_text(encoding="utf-8")).get("title", "")
              for path in sorted(paths.FIGURES.glob("*.json"))}
    assert len(titles) >= 20
    assert {name: t for name, t in titles.items() if t[:1].isdigit() or t[:1].islower()} == {}
