"""One registry of exhibits, drawn at any size: the layout test, the figures command, caption mode, refusals."""

import struct

import matplotlib.pyplot as plt
import pytest

from kzreform import catalogue, exhibits, layout, paths
from kzreform.__main__ import main

CHARTS = [n for n, e in exhibits.REGISTRY.items() if e.kind == "chart"]
# The grid of the layout test: one journal column in caption mode, a half page, a report page, a wide page and a
# 16:9 slide; every size with titles and in caption mode.
GRID = [(3.5, 2.5), (4.5, 3.2), (6.5, 4.0), (10.0, 5.6), (13.3, 7.5)]
LEGIBLE_EVERYWHERE = [(6.5, 4.0), (13.3, 7.5)]  # the committed figures' size and a slide (other languages: test_i18n)


def accepts(name, width, height, titles) -> bool:
    """Whether an exhibit takes a size: at least its declared minimum (a larger one for a chart of many rows)."""
    e = exhibits.REGISTRY[name]
    need = e.min_size if titles else e.min_caption
    return width >= need[0] - 1e-9 and height >= need[1] - 1e-9


def png_size(path):
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_every_published_figure_is_one_registered_exhibit():
    charts = [e for e in catalogue.figure_entries() if e.get("kind") != "table"]
    assert sorted(CHARTS) == sorted(e["name"] for e in charts)
    assert {n: exhibits.REGISTRY[n].notebook for n in CHARTS} == {e["name"]: e["notebook"] for e in charts}
    tables = [e for e in catalogue.figure_entries() if e.get("kind") == "table"]
    assert sorted(e["name"] for e in tables) == sorted(n for n, e in exhibits.REGISTRY.items() if e.kind == "table")


def test_notebooks_show_exhibits_with_one_call_and_assemble_no_chart_words():
    import json
    for path in sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb")):
        code = "\n".join("".join(c["source"]) for c in json.loads(path.read_text(encoding="utf-8"))["cells"]
                         if c["cell_type"] == "code")
        for forbidden in ("save_figure", "alt=", "charts.", "read_csv", "datasets.load"):
            assert forbidden not in code, (path.name, forbidden)
        shown = {n for n in exhibits.REGISTRY if f'exhibits.show("{n}")' in code}
        assert shown == set(exhibits.of_notebook(path.stem)), path.name


def assert_header_stays_on_the_canvas(fig, name, width) -> None:
    """Titles, subtitles and source lines are wrapped once, in points; drawn at 50 to 300 dpi they stay inside the
    figure (glyph hinting would make some lines wider at some resolutions)."""
    for dpi in (50, 137, 200, 300):
        fig.set_dpi(dpi)
        renderer = fig.canvas.get_renderer()  # text is measured at this resolution; nothing else needs drawing
        for text in fig.texts:
            box = text.get_window_extent(renderer)
            assert box.x0 >= 0 and box.x1 / dpi <= fig.get_figwidth(), (name, width, dpi, text.get_text())


@pytest.mark.grid
@pytest.mark.parametrize("name", CHARTS)
def test_layout_at_every_size_with_and_without_titles_and_header_at_any_resolution(name):
    """Each chart drawn once per size of the grid: the layout check, and for the titled sizes also the header
    check at 50 to 300 dpi (one drawing serves both: they were two tests drawing the same titled canvases)."""
    failures = []
    for width, height in GRID:
        for titles in (True, False):
            if titles and (width, height) == GRID[0]:
                continue  # 3.5 x 2.5 is the caption-mode size; with titles it is refused (tested below)
            if not accepts(name, width, height, titles):  # refused, naming the smallest size that works
                with pytest.raises(exhibits.ExportError, match="the smallest size that works is"):
                    exhibits.canvas_for(name, width, height, titles)
                continue
            result = exhibits.draw(name, exhibits.canvas_for(name, width, height, titles))
            try:
                found = layout.problems(result.fig)
                if titles:
                    assert_header_stays_on_the_canvas(result.fig, name, width)
                if titles and (width, height) in LEGIBLE_EVERYWHERE:  # legible, not only fitting (issue 23)
                    found += layout.legibility(result.fig, result.meta.get("needs", ()))
            finally:
                plt.close(result.fig)
            failures += [f"{width} x {height} {'titled' if titles else 'caption'}: {p}" for p in found]
    assert failures == []


def test_the_layout_check_sees_overlap_small_and_outside_text():
    from kzreform.charts import Canvas
    fig, ax = Canvas().figure("Title", "Subtitle", ["ksrk_analytics"])
    ax.text(0.5, 0.5, "one", transform=ax.transAxes, fontsize=8)
    ax.text(0.5, 0.5, "one again\nand a line", transform=ax.transAxes, fontsize=8)
    ax.text(0.1, 0.1, "tiny", transform=ax.transAxes, fontsize=4)
    ax.text(1.5, 0.5, "far off", transform=fig.transFigure, fontsize=8)
    found = layout.problems(fig)
    plt.close(fig)
    assert "'one' overlaps 'one again\\nand a line'" in found
    assert "'tiny' is 4.0 pt (expected at least 6 pt)" in found
    assert "'far off' leaves the canvas" in found


def test_a_size_too_small_is_refused_with_the_smallest_that_works(tmp_path, capsys):
    assert main(["figures", "mazhilis_indices", "--width", "3", "--height", "2", "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("python -m kzreform figures: mazhilis_indices at 3 x 2 in is too small to be legible: the "
                           "smallest size that works is 4.5 x 3.2 in with its title; in caption mode (--no-title) it "
                           "holds down to 3.5 x 2.5 in")
    assert main(["figures", "--no-title", "--width", "3.4", "--height", "2.5", "--out", str(tmp_path)]) == 2
    assert "the smallest size that works is 3.5 x 2.5 in in caption mode" in capsys.readouterr().err
    assert list(tmp_path.iterdir()) == []


def test_caption_mode_writes_the_words_beside_the_image(tmp_path, capsys):
    assert main(["figures", "referendum_turnout_compared", "--no-title", "--width", "3.5", "--height", "2.5",
                 "--format", "png", "--dpi", "100", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["referendum_turnout_compared.png",
                                                          "referendum_turnout_compared.txt"]
    caption = (tmp_path / "referendum_turnout_compared.txt").read_text(encoding="utf-8")
    entry = {e["name"]: e for e in catalogue.figure_entries()}["referendum_turnout_compared"]
    assert caption.startswith(entry["title"] + ".\n\n")
    assert "Sources: Kazinform; Sn.kz." in caption and "Key: " not in caption  # every row named in words
    assert caption.rstrip().endswith(entry["alt"])
    assert png_size(tmp_path / "referendum_turnout_compared.png") == (350, 250)
    assert "[1/1] referendum_turnout_compared: referendum_turnout_compared.png, referendum_turnout_compared.txt" in \
        capsys.readouterr().out


@pytest.mark.slow
@pytest.mark.parametrize("name", CHARTS)  # one chart a test: the workers share the drawing
def test_default_rendering_is_the_committed_figure(name, tmp_path):
    exhibits.render(name, ["png"], out=tmp_path)
    assert (tmp_path / f"{name}.png").read_bytes() == (paths.FIGURES / f"{name}.png").read_bytes(), name


def test_options(tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()}
    assert main(["figures", "mazhilis_indices", "court_council_rates", "--format", "png,pdf", "--dpi", "300",
                 "--width", "8", "--height", "5", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["court_council_rates.pdf", "court_council_rates.png",
                                                          "mazhilis_indices.pdf", "mazhilis_indices.png"]
    assert png_size(tmp_path / "mazhilis_indices.png") == (2400, 1500)  # 8 x 5 in at 300 dpi
    assert main(["figures", "court_appeals_cumulative", "--format", "svg", "--svg-text",
                 "--out", str(tmp_path / "svg")]) == 0
    svg = (tmp_path / "svg" / "court_appeals_cumulative.svg").read_bytes()
    assert svg.startswith(b"<?xml") and b"<title id=\"kz-title\">Open to citizens" in svg and b"</text>" in svg
    assert {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()} == before  # figures/ untouched
    out = capsys.readouterr().out
    assert "[1/2] mazhilis_indices" in out and "[2/2] court_council_rates" in out


def test_default_out_is_anchored_in_the_project(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert exhibits.default_out() == paths.REPORTS / "figures"
    assert exhibits.default_out().is_absolute()


def test_list(capsys):
    assert main(["figures", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(CHARTS)
    assert out[0].startswith("court_appeals_cumulative") and "in 23 days" in out[0]


def test_bad_name_or_format_exits_2(tmp_path, capsys):
    assert main(["figures", "no_such_figure", "--out", str(tmp_path)]) == 2
    assert "figures: no figure named 'no_such_figure' (see `python -m kzreform figures --list`)" in \
        capsys.readouterr().err
    assert main(["figures", "mazhilis_indices", "--format", "png,gif", "--out", str(tmp_path)]) == 2
    assert "figures: unknown format 'gif' (expected some of: png, svg, pdf)" in capsys.readouterr().err
    with pytest.raises(SystemExit) as e:
        main(["figures", "--dpi", "0"])
    assert e.value.code == 2
    assert list(tmp_path.iterdir()) == []


def test_registry_refuses_a_second_exhibit_of_the_same_name():
    with pytest.raises(ValueError, match="registered twice"):
        exhibits.exhibit("99_other", reads=())(exhibits.REGISTRY["mazhilis_indices"].draw)


def test_every_chart_asked_leaves_out_one_not_legible_at_the_size_and_draws_the_rest(tmp_path, capsys, monkeypatch):
    """Asked for every chart at a size, a chart found illegible while drawn is left out and named with the size
    that works, like the charts refused before drawing; the others are still drawn (it once stopped half-way)."""
    drawn = []

    def fake_render(name, formats, dpi, width, height, out, titles, svg_text, lang):
        if name == "referendum_denominators":
            raise exhibits.ExportError(f"{name} (the Russian edition) at 4.5 x 3.2 in is too small to be legible: "
                                       "the smallest size that works is 5 x 3.4 in with its title")
        drawn.append(name)
        path = out / f"{name}.png"
        path.write_bytes(b"png")
        return [path]
    monkeypatch.setattr(exhibits, "render", fake_render)
    monkeypatch.setattr(exhibits, "edition_ready", lambda name, lang: True)
    assert main(["figures", "--lang", "ru", "--width", "4.5", "--height", "3.2", "--format", "png",
                 "--out", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "left out referendum_denominators (the Russian edition) at 4.5 x 3.2 in is too small" in out
    assert "referendum_denominators" not in drawn and len(drawn) == len(CHARTS) - 2  # and the one refused before
    assert f"{len(drawn)} figures in" in out
