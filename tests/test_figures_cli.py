"""`python -m kzreform figures`: every exhibit re-rendered from the same code, at any size, format or dpi."""

import struct

import pytest

from kzreform import catalogue, exhibits, paths
from kzreform.__main__ import main


def png_size(path):
    return struct.unpack(">II", path.read_bytes()[16:24])


def test_every_published_figure_can_be_re_rendered():
    charts = [e for e in catalogue.figure_entries() if e.get("kind") != "table"]
    assert sorted(exhibits.EXHIBITS) == sorted(e["name"] for e in charts)
    assert {n: nb for n, (nb, _) in exhibits.EXHIBITS.items()} == {e["name"]: e["notebook"] for e in charts}


@pytest.mark.slow
def test_default_rendering_is_the_committed_figure(tmp_path):
    for name in exhibits.EXHIBITS:
        exhibits.render(name, ["png"], out=tmp_path)
        assert (tmp_path / f"{name}.png").read_bytes() == (paths.FIGURES / f"{name}.png").read_bytes(), name


def test_options(tmp_path, capsys):
    before = {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()}
    assert main(["figures", "mazhilis_indices", "court_council_rates", "--format", "png,pdf", "--dpi", "300",
                 "--width", "8", "--height", "5", "--out", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["court_council_rates.pdf", "court_council_rates.png",
                                                          "mazhilis_indices.pdf", "mazhilis_indices.png"]
    assert png_size(tmp_path / "mazhilis_indices.png") == (2400, 1500)  # 8 x 5 in at 300 dpi
    assert main(["figures", "court_appeals_cumulative", "--format", "svg", "--out", str(tmp_path / "svg")]) == 0
    assert (tmp_path / "svg" / "court_appeals_cumulative.svg").read_bytes().startswith(b"<?xml")
    assert {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()} == before  # figures/ untouched
    assert "wrote" in capsys.readouterr().out


def test_list(capsys):
    assert main(["figures", "--list"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(exhibits.EXHIBITS)
    assert out[0].startswith("court_appeals_cumulative") and "Within 23 days" in out[0]


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
