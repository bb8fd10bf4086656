"""HTML reports: self-contained, offline, rendered by a real browser with no errors and no requests."""

import html
import os

import pytest

from browser import chromium, load_many
from kzreform import report

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
