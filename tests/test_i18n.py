"""Russian and Kazakh editions: the catalogue, locale formats, Kazakh suffixes, glyphs, and no English left."""

from __future__ import annotations

import csv
import string
import warnings

import matplotlib
import pytest
from test_plain_words import title_lines

from kzreform import exhibits, i18n, layout, wording
from kzreform.hedges import Hedged

matplotlib.use("Agg")

KAZAKH_LETTERS = "әғқңөұүһіӘҒҚҢӨҰҮҺІ"
CHARTS = [n for n, e in exhibits.REGISTRY.items() if e.kind == "chart"]
# Every chart has a Russian and a Kazakh edition (every word translated, none left in English, a clean layout at
# the default size); a chart that loses one (a template without its text) is refused by `figures --lang`.
EDITIONS = {"ru": CHARTS, "kk": CHARTS}
# The editions whose layout holds at every size of the grid, with and without titles (drawn with smaller text
# where the longer words need it, as `figures --lang` does). A size an edition cannot hold is refused with the
# smallest that works (tests/test_legibility.py).
NOT_EVERY_SIZE: dict[str, list[str]] = {}
PROVEN = {lang: [n for n in CHARTS if n not in NOT_EVERY_SIZE.get(lang, [])] for lang in ("ru", "kk")}
GRID = [(3.5, 2.5, False), (4.5, 3.2, True), (4.5, 3.2, False), (6.5, 4.0, True), (13.3, 7.5, True)]
# the committed figures' size and a slide: every chart is legible there in every language (English in
# test_figures_cli's grid); drawn once for both checks
LEGIBLE_EVERYWHERE = [(6.5, 4.0), (13.3, 7.5)]


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_catalogue_rows_are_complete_and_fill_the_same_fields():
    with open(i18n.CATALOGUE, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    assert rows and list(rows[0]) == ["key", "ru", "kk", "note", "en"]  # en: only where it differs from the key
    keys = [r["key"] for r in rows]
    assert len(keys) == len(set(keys)), "a template appears twice"
    for r in rows:
        for lang in ("ru", "kk"):
            assert r[lang], (r["key"], lang)
            assert fields(r[lang]) == fields(r["key"]), (r["key"], lang, r[lang])
            sample = {name: "5" for name in fields(r["key"])}
            with i18n.language(lang):
                assert "{" not in i18n.tr(r["key"], **sample)  # every spec (abl, dat, p/...) is understood
        if r.get("en"):
            assert fields(r["en"]) == fields(r["key"]), (r["key"], "en", r["en"])
            with i18n.language("en"):
                assert "{" not in i18n.tr(r["key"], **{name: "5" for name in fields(r["key"])})
        if "official Russian name keeps the Kazakh letters" not in r["note"]:  # 'область Жетісу', as decreed
            assert not set(r["ru"]) & set(KAZAKH_LETTERS), (r["key"], "Kazakh letters in the Russian text")


def test_missing_template_is_refused_by_name():
    with i18n.language("ru"), pytest.raises(i18n.MissingTranslation, match="no Russian text for 'no such text'"):
        i18n.tr("no such text")
    assert i18n.tr("no such text") == "no such text"  # English is the template itself


@pytest.mark.parametrize("lang,expected", [
    ("en", ["27.1%", "11,734,642", "5 June 2022", "a, b and c", "more than 5,000", "at most 5.3 times"]),
    ("ru", ["27,1\u00a0%", "11\u00a0734\u00a0642", "5 июня 2022\u00a0г.", "a, b и c", "более 5\u00a0000",
            "не более чем в 5,3 раза"]),
    ("kk", ["27,1%", "11\u00a0734\u00a0642", "2022\u00a0ж. 5 маусым", "a, b және c", "5\u00a0000-нан астам",
            "ең көбі 5,3 есе"]),
])
def test_locale_formats(lang, expected):
    with i18n.language(lang):
        got = [wording.pct(27.14), wording.count(11734642), wording.day("2022-06-05"), wording.listing("abc"),
               wording.hedged(Hedged.published(5000, "more than")), wording.times(Hedged.published(5.3, "less than"))]
    assert got == expected


@pytest.mark.parametrize("number,ablative,dative", [
    ("1", "ден", "ге"), ("3", "тен", "ке"), ("6", "дан", "ға"), ("9", "дан", "ға"), ("10", "нан", "ға"),
    ("40", "тан", "қа"), ("80", "нен", "ге"), ("100", "ден", "ге"), ("1\u00a0000", "нан", "ға"),
    ("1\u00a0200", "ден", "ге"), ("5,3", "тен", "ке"), ("0,042", "ден", "ге"), ("27,1%", "дан", "ға"),
    ("1\u00a0000\u00a0000", "нан", "ға"),
    ("22:00", "ден", "ге"), ("18:00", "ден", "ге"), ("10:30", "дан", "ға"),  # a clock time is read as its hour
])
def test_kazakh_case_suffixes_follow_the_last_word_read_aloud(number, ablative, dative):
    assert i18n.kazakh_ablative(number) == ablative
    assert i18n.kazakh_dative(number) == dative


def test_a_name_that_opens_a_sentence_is_capitalised_and_nothing_else_changes():
    with i18n.language("ru"):
        assert i18n.tr("{name} trailed the other regions all day", name="город Алматы").startswith("Город Алматы")


@pytest.mark.parametrize("n,form", [(1, "раз"), (2, "раза"), (5, "раз"), (11, "раз"), (21, "раз"), (22, "раза"),
                                    (490, "раз"), (5.3, "раза")])
def test_russian_plural_forms(n, form):
    with i18n.language("ru"):
        assert wording.times(Hedged.published(n, "exact")).endswith(" " + form)


def test_every_kazakh_letter_renders_from_the_bundled_font():
    import io

    import matplotlib.pyplot as plt
    fig = plt.figure()
    fig.text(0.1, 0.5, KAZAKH_LETTERS + " Қазақстан", family="DejaVu Sans")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph ... missing from font(s)" would fail here
        for fmt in ("png", "svg", "pdf"):
            fig.savefig(io.BytesIO(), format=fmt)
    plt.close(fig)


@pytest.mark.grid
def test_editions_are_complete_and_hold_no_english():
    assert exhibits.editions("ru") == EDITIONS["ru"]  # Kazakh: through the command line, below


# Hedges now said in words, never as signs (issue 23, item 1): the Kazakh rates chart's panel titles no longer hold
# in caption mode at 3.5 x 2.5 in. That chart is being redrawn (issue 23, item 3); the lead lifts this after merge.
AWAITING_REDRAW: set = set()  # (chart, language) pairs whose redraw is pending; none since issue 23's charts landed


@pytest.mark.grid
@pytest.mark.parametrize("name,lang", [pytest.param(name, lang, marks=pytest.mark.xfail(
    reason=f"{name} ({lang}): hedges in words need the chart's redraw to hold at 3.5 x 2.5 in"))
    if (name, lang) in AWAITING_REDRAW else (name, lang) for lang in PROVEN for name in PROVEN[lang]])
def test_edition_holds_its_layout_at_every_size_without_missing_glyphs(name, lang):
    import matplotlib.pyplot as plt

    from kzreform import output
    e = exhibits.REGISTRY[name]
    for width, height, titles in GRID:
        need = e.min_size if titles else e.min_caption
        if width < need[0] or height < need[1]:
            continue  # below the chart's declared minimum: refused in every language (test_figures_cli)
        with i18n.language(lang), warnings.catch_warnings():
            warnings.filterwarnings("error", message=".*missing from")  # "Glyph ... missing from font(s) ..."
            # checked as drawn: LayoutError naming the first overlap or overflow if the text does not fit
            result = exhibits.draw_edition(name, exhibits.canvas_for(name, width, height, titles))
            try:
                if (width, height, titles) == GRID[3]:  # every glyph rendered once (the same letters at any size)
                    output.render(result.fig, "png", 100)
                    for size in ((width, height), e.default):  # the headline: two lines at most (issue 23)
                        assert title_lines(result.meta["title"], *size) <= 2, (size, result.meta["title"])
                    assert not result.meta["title"][:1].islower(), result.meta["title"]  # opens as a sentence
                assert exhibits.english_leaks(result, lang) == [], (width, height, titles)
                if titles and (width, height) in LEGIBLE_EVERYWHERE:  # legible, not only fitting (issue 23)
                    assert layout.legibility(result.fig, result.meta.get("needs", ())) == [], (width, height)
                text = " ".join(exhibits.figure_texts(result))
                assert any(c in text for c in (KAZAKH_LETTERS if lang == "kk" else "абвгдеж"))
            finally:
                plt.close(result.fig)


@pytest.mark.grid
@pytest.mark.parametrize("name", CHARTS)  # one chart a test: the workers share the drawing
def test_english_figures_are_unchanged_by_the_editions(name):
    """The committed English figures are the English edition: drawing in English goes through the same
    templates and gives the same title and alt text as the committed catalogue entry (the committed titles are
    what the code draws now)."""
    import json

    import matplotlib.pyplot as plt

    from kzreform import paths
    entry = json.loads((paths.FIGURES / f"{name}.json").read_text(encoding="utf-8"))
    result = exhibits.draw(name)
    plt.close(result.fig)
    assert result.meta["title"] == entry["title"], name
    assert result.alt == entry["alt"], name


def test_figures_cli_refuses_a_language_without_an_edition(tmp_path, capsys, monkeypatch):
    from kzreform.__main__ import main
    gone = "The Court issues {times} as many final decisions a year as the Council did"  # court_council_rates' title
    missing = {k: v for k, v in i18n.catalogue().items() if k != gone}
    monkeypatch.setattr(i18n, "catalogue", lambda: missing)
    assert main(["figures", "court_council_rates", "--lang", "kk", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "no Kazakh edition yet of court_council_rates" in err and "figures --list --lang kk" in err
    assert list(tmp_path.iterdir()) == []
    assert main(["figures", "mazhilis_women_share", "--lang", "kk", "--format", "png", "--out", str(tmp_path)]) == 0
    assert (tmp_path / "mazhilis_women_share.png").stat().st_size > 10_000


@pytest.mark.grid
def test_figures_list_says_which_charts_have_an_edition(capsys):  # the Kazakh editions complete, as listed
    from kzreform.__main__ import main
    assert main(["figures", "--list", "--lang", "kk"]) == 0
    lines = capsys.readouterr().out.splitlines()
    ready = [line.split()[0] for line in lines[:-1] if line.split()[2] == "ready"]
    assert ready == EDITIONS["kk"]
    assert lines[-1] == f"{len(EDITIONS['kk'])} of {len(CHARTS)} charts have a Kazakh edition"
