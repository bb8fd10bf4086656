"""Legibility, not fit (issue 23, item 5): the figures command refuses a size at which a plot area is under
layout.MIN_PLOT_CM, bars are thinner than layout.MIN_BAR_MM or a name the headline needs is not drawn, and the
refusal (one line, exit 2) names the smallest size of the ladder that works for that chart, mode and language."""

from __future__ import annotations

import importlib

import matplotlib.pyplot as plt

from kzreform import exhibits, layout
from kzreform.__main__ import main
from kzreform.charts import Canvas

render = importlib.import_module("kzreform.exhibits.render")  # the module (the package exports its render function)

CHARTS = [n for n, e in exhibits.REGISTRY.items() if e.kind == "chart"]


def test_the_check_sees_a_short_plot_thin_bars_and_a_missing_name():
    fig, ax = Canvas(6.5, 4.0).figure("Title", "Subtitle", ["ksrk_analytics"])
    ax.barh(range(40), range(40), height=0.3)
    ax.text(0.5, 0.5, "Almaty", transform=ax.transAxes)
    found = layout.legibility(fig, needs=("Almaty", "Astana"))
    assert [p.split(" (")[0] for p in found] == ["bars are 0.5 mm thick", "the names its headline needs are not drawn"]
    assert "(Astana)" in found[-1]
    plt.close(fig)
    fig, axes = Canvas(4.5, 3.2).figure("Title", "Subtitle", ["ksrk_analytics"], panels=4, stack=True)
    assert layout.legibility(fig)[0].startswith("a plot is ") and "cm tall (expected at least 2.5 cm)" in \
        layout.legibility(fig)[0]
    plt.close(fig)


def refused(capsys, *args) -> str:
    code = main(["figures", *args, "--format", "png", "--dpi", "50"])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1, err  # one line, exit status 2
    return err.strip()


def test_a_size_with_thin_bars_is_refused_with_the_smallest_that_works(tmp_path, capsys):
    # the Kazakh counterfactual in a 3.5-inch column: 12 bars of about 1 mm
    err = refused(capsys, "mazhilis_seats_counterfactual", "--lang", "kk", "--no-title", "--width", "3.5",
                  "--height", "2.5", "--out", str(tmp_path))
    best = render.smallest_legible("mazhilis_seats_counterfactual", False, "kk")
    assert err.startswith("python -m kzreform figures: mazhilis_seats_counterfactual (the Kazakh edition) at 3.5 x "
                          "2.5 in is too small to be legible: bars are ")
    assert err.endswith(f"the smallest size that works is {best[0]:g} x {best[1]:g} in in caption mode")
    assert list(tmp_path.iterdir()) == []
    assert main(["figures", "mazhilis_seats_counterfactual", "--lang", "kk", "--no-title", "--width", str(best[0]),
                 "--height", str(best[1]), "--format", "png", "--dpi", "50", "--out", str(tmp_path)]) == 0


def test_the_smallest_size_named_is_the_first_rung_that_works(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(layout, "MIN_PLOT_CM", 6.0)  # a stricter desk: every plot 6 cm tall
    err = refused(capsys, "mazhilis_women_share", "--width", "4.5", "--height", "3.2", "--out", str(tmp_path))
    assert "is too small to be legible: a plot is " in err and "cm tall (expected at least 6 cm)" in err
    best = render.smallest_legible("mazhilis_women_share")
    assert err.endswith(f"; the smallest size that works is {best[0]:g} x {best[1]:g} in with its title")
    before = [s for s in render.LADDER if s < best and s >= (4.5, 3.2)]
    for w, h in before:  # every smaller rung is refused
        assert render.legible("mazhilis_women_share", Canvas(w, h))[0] is None
    assert list(tmp_path.iterdir()) == []


def test_an_edition_that_does_not_fit_is_refused_with_a_size_that_does(tmp_path, capsys, monkeypatch):
    editions = importlib.import_module("kzreform.exhibits.editions")
    real = editions.draw

    def narrow_fails(name, canvas=None, t=None):  # an edition whose words need 6 inches
        if canvas is not None and canvas.width < 6:
            raise layout.LayoutError("the Kazakh edition does not fit: 'a long word' leaves the canvas")
        return real(name, canvas, t)
    monkeypatch.setattr(editions, "draw", narrow_fails)
    err = refused(capsys, "mazhilis_indices", "--lang", "kk", "--width", "4.5", "--height", "3.2",
                  "--out", str(tmp_path))
    assert "mazhilis_indices (the Kazakh edition) at 4.5 x 3.2 in is too small to be legible: the Kazakh edition" in err
    assert err.endswith("the smallest size that works is 6 x 3.8 in with its title")
    assert list(tmp_path.iterdir()) == []


# Every chart is legible at the committed size and a slide in every language: checked where the size grids
# draw them (test_figures_cli for English, test_i18n for the editions), not drawn a third time here.
