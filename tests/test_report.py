"""HTML reports: self-contained, offline, rendered by a real browser with no errors and no requests."""

import html
import os

import pytest

from browser import chromium, load_many
from kzreform import i18n, report

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    return report.build(out, stream=open(os.devnull, "w"))


def test_one_page_per_notebook_an_index_and_one_page_per_edition(pages):
    from kzreform import paths
    out = pages[-1].parent
    names = sorted(p.relative_to(out).as_posix() for p in pages)
    assert names == sorted([p.stem + ".html" for p in paths.NOTEBOOKS.glob("[0-9]*.ipynb")]
                           + ["index.html", "ru/index.html", "kk/index.html"])
    index = (out / "index.html").read_text(encoding="utf-8")
    assert '<a href="ru/index.html" hreflang="ru" lang="ru">Русский</a>' in index
    assert '<a href="kk/index.html" hreflang="kk" lang="kk">Қазақша</a>' in index


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_an_edition_page_shows_every_chart_in_its_language(pages, lang):
    from kzreform import exhibits, i18n
    out = pages[-1].parent
    text = (out / lang / "index.html").read_text(encoding="utf-8").replace("&nbsp;", "\u00a0")  # as the sanitiser writes it
    assert f'<html lang="{lang}">' in text and '<a href="../index.html">' in text
    charts = [n for n, e in exhibits.REGISTRY.items() if e.kind == "chart"]
    assert text.count("data:image/png;base64,") == len(charts)  # every chart, none left out
    for name in ("court_council_rates", "mazhilis_women_share", "referendum_turnout_compared"):
        with i18n.language(lang):
            result = exhibits.draw(name, exhibits.canvas_for(name, titles=False))
        assert f'<h2 id="{name}">{html.escape(result.meta["title"])}</h2>' in text
        assert html.escape(result.alt) in text  # the alt text on the image and under it
    assert "Court receives" not in text and "Women's share" not in text  # no English title
    assert "ksrk.gov.kz" in text  # the sources are listed


def test_pages_are_self_contained(pages):
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text
        for attr in ('src="http', "src='http", 'href="//', "@import", "url(http"):
            assert attr not in text, (page.name, attr)
        assert 'rel="stylesheet"' not in text


def test_report_shows_prose_outputs_figures_and_sources_but_no_code(pages):
    page = next(p for p in pages if p.name.startswith("01_"))
    text = page.read_text(encoding="utf-8")
    assert "data:image/png;base64," in text
    assert 'id="sources"' in text and "ksrk.gov.kz" in text
    assert '<nav class="toc">' in text
    assert "exhibits.show" not in text  # code is hidden


@pytest.mark.browser
@pytest.mark.skipif(not chromium() and not os.environ.get("CI"),
                    reason="Chromium is not installed (apt-get install chromium); CI installs it and never skips")
def test_reports_render_in_chromium_without_errors_or_requests(pages, tmp_path):
    assert chromium(), "CI must have Chromium (.ci/run installs it)"
    shots = [tmp_path / f"{page.parent.name}_{page.stem}.png" for page in pages]
    for page, shot, result in zip(pages, shots, load_many([(p.as_uri(), s) for p, s in zip(pages, shots)])):
        assert result["requests"] == [], page
        assert result["errors"] == [], page
        assert shot.stat().st_size > 10_000


def _tables_and_images(page):
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return soup.find_all("table"), soup.find_all("img")


def test_every_chart_image_in_every_report_carries_its_alt_text(pages):
    for page in pages:  # the notebooks' reports and the Russian and Kazakh editions
        _, images = _tables_and_images(page)
        for img in images:
            alt = img.get("alt", "")
            assert alt and alt != report.NO_DESCRIPTION and len(alt) > 40, (page.name, alt[:80])


def test_report_tables_are_for_readers(pages):
    from readers import table_problems
    for page in pages:
        tables, _ = _tables_and_images(page)
        for table in tables:
            assert table_problems(table) == [], page.name


def test_reader_html_mends_a_pandas_table():
    body = ('<table class="dataframe"><thead><tr><th></th><th>Share</th><th>Source</th><th>Met</th></tr>'
            '<tr><th>Cut-off</th><th></th><th></th><th></th></tr></thead><tbody>'
            '<tr><th>9 June 2022</th><td>40000 → 20000</td><td>zakon_2025_09_09</td><td>True</td></tr>'
            '<tr><th>2026-03-15</th><td>turnout_quorum</td><td>kursiv_2023_01_23</td><td>False</td></tr></tbody></table>'
            '<table class="dataframe"><thead><tr><th></th><th>Party</th></tr></thead><tbody>'
            '<tr><th>1</th><td>Amanat</td></tr><tr><th>2</th><td>Auyl</td></tr></tbody></table>')
    out = report.reader_html(body)
    assert "<th>Cut-off</th>" in out.split("</thead>")[0] and out.count("<tr>") == 6  # the name joined the header
    assert "<th>1</th>" not in out and "<th>2</th>" not in out and "<th>Party</th>" in out
    assert "turnout_quorum" not in out
    assert "40,000 → 20,000" in out and "15 March 2026" in out and ">yes<" in out and ">no<" in out
    assert '>Zakon.kz</a>' in out and "zakon_2025_09_09<" not in out


def test_a_title_the_project_supplied_is_said_in_words_not_shown_as_a_bracketed_note():
    from kzreform.report import title_html
    assert title_html("Kazakh <parliamentary> election") == "“Kazakh &lt;parliamentary&gt; election”"
    assert title_html("[headline not captured in stored copy]") == "<i>headline not recorded</i>"
    assert title_html("[Newsflash, March 2023; headline not captured] Court resolution on the Tax Code") == \
        "<i>Court resolution on the Tax Code</i> (headline not recorded)"
    with i18n.language("ru"):
        assert title_html("[headline not captured in stored copy]") == "<i>заголовок не записан</i>"
