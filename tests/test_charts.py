"""save_figure: four formats plus the data and the catalogue entry, deterministic, with the title and alt text
inside every file; the house style's colour roles; the catalogue and README generated from the figures."""

import itertools
import json
import struct
import zlib

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from kzreform import catalogue, charts, output, paths
from kzreform.charts import Canvas

ALT = "Two bars, a at 1 and b at 2."


def drawn(title="A title that states the finding"):
    """A figure in the house style and the canvas's record of it."""
    canvas = Canvas()
    fig, ax = canvas.figure(title, "Measure, unit", ["ksrk_analytics"])
    ax.bar(["a", "b"], [1, 2])
    return fig, canvas.meta


def draw(title="A title that states the finding"):
    return drawn(title)[0]


def test_save_figure_writes_five_files_byte_identical_across_runs(tmp_path):
    data = pd.DataFrame({"label": ["a", "b"], "value": [1, 2]})
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        fig, meta = drawn()
        output.save_figure(fig, "demo_chart", data, ALT, "99_demo", out=out, meta=meta)
        plt.close(fig)
    names = sorted(p.name for p in first.iterdir())
    assert names == [f"demo_chart.{ext}" for ext in ("csv", "json", "pdf", "png", "svg")]
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert (first / "demo_chart.csv").read_text() == "label,value\na,1\nb,2\n"
    svg, pdf, png = ((first / f"demo_chart.{e}").read_bytes() for e in ("svg", "pdf", "png"))
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg
    assert b"CreationDate" not in pdf and b"Producer" not in pdf
    assert b"Software" not in png
    assert png[16:24] == (1300).to_bytes(4, "big") + (800).to_bytes(4, "big")  # 6.5 x 4 in at 200 dpi
    entry = json.loads((first / "demo_chart.json").read_text())
    assert entry["publishers"] == ["Constitutional Council of Kazakhstan (ksrk.gov.kz)"]
    assert entry["alt"] == ALT and entry["notebook"] == "99_demo"


def png_text(png: bytes) -> dict:
    """The tEXt and iTXt chunks of a PNG."""
    out, pos = {}, 8
    while pos < len(png):
        length, kind = struct.unpack(">I4s", png[pos:pos + 8])
        body = png[pos + 8:pos + 8 + length]
        if kind == b"tEXt":
            key, value = body.split(b"\0", 1)
            out[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"iTXt":
            key, rest = body.split(b"\0", 1)
            compressed, rest = rest[0], rest[2:]
            _, rest = rest.split(b"\0", 1)
            _, text = rest.split(b"\0", 1)
            out[key.decode("latin-1")] = (zlib.decompress(text) if compressed else text).decode("utf-8")
        pos += 12 + length
    return out


def pdf_info(pdf: bytes) -> dict:
    """The document information dictionary of a PDF written by matplotlib (literal strings, UTF-16 when needed)."""
    import re
    start = pdf.rindex(b"/Title") - 3
    block = pdf[start:pdf.index(b">>", start)]
    out = {}
    for key, raw in re.findall(rb"/(\w+) \(((?:\\.|[^\\)])*)\)", block, re.S):
        raw = re.sub(rb"\\(.)", rb"\1", raw)
        out[key.decode()] = raw[2:].decode("utf-16-be") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")
    return out


def test_title_and_alt_text_travel_inside_every_file():
    title = 'Ampersands & <angles> "quoted" – and ×'
    fig = draw(title)
    svg = output.render(fig, "svg", title=title, alt=ALT).decode("utf-8")
    pdf = output.render(fig, "pdf", title=title, alt=ALT)
    png = output.render(fig, "png", dpi=50, title=title, alt=ALT)
    plt.close(fig)
    opening = svg[svg.index("<svg"):]
    assert '<title id="kz-title">Ampersands &amp; &lt;angles&gt; "quoted" – and ×</title>' in opening
    assert f'<desc id="kz-desc">{ALT}</desc>' in opening
    assert 'role="img"' in opening[:opening.index(">")]
    import xml.dom.minidom
    xml.dom.minidom.parseString(svg)  # still well-formed
    info = pdf_info(pdf)
    assert info["Title"] == title and info["Subject"] == ALT and info["Author"] == charts.PROJECT
    assert "CreationDate" not in info and "Producer" not in info
    text = png_text(png)
    assert text["Title"] == title and text["Description"] == ALT and text["Author"] == charts.PROJECT


def test_svg_text_as_paths_by_default_or_as_text_on_request():
    fig = draw()
    paths_svg = output.render(fig, "svg", title="t", alt=ALT)
    plt.close(fig)
    fig, ax = Canvas(svg_text=True).figure("A title that states the finding", "Measure, unit", ["ksrk_analytics"])
    text_svg = output.render(fig, "svg", title="t", alt=ALT)
    plt.close(fig)
    assert b">A title that states the finding</text>" in text_svg
    assert b"A title that states the finding</text>" not in paths_svg


def test_text_from_data_is_never_read_as_mathematics():
    fig, ax = Canvas().figure("Costs of $5 and KZT 10$ per unit", "x_1^2 stays", ["ksrk_analytics"])
    fig.canvas.draw()
    assert [t.get_text() for t in fig.texts][:1] == ["Costs of $5 and KZT 10$ per unit"]
    assert not any(t._get_layout(fig.canvas.get_renderer()) is None for t in fig.texts)
    plt.close(fig)


def test_formula_like_text_is_kept_as_text_in_chart_csvs():
    data = pd.DataFrame({"publisher": ["=HYPERLINK(\"http://x\")", "+cmd", "plain", "-3"]})
    assert output.csv_bytes(data).decode() == "publisher\n\"'=HYPERLINK(\"\"http://x\"\")\"\n'+cmd\nplain\n-3\n"


# --- colour roles -------------------------------------------------------------------------------------

# Machado, Oliveira & Fernandes (2009), full severity.
SIMULATIONS = {
    "normal": np.eye(3),
    "deuteranopia": np.array([[0.367322, 0.860646, -0.227968], [0.280085, 0.672501, 0.047413],
                              [-0.011820, 0.042940, 0.968881]]),
    "protanopia": np.array([[0.152286, 1.052583, -0.204868], [0.114503, 0.786281, 0.099216],
                            [-0.003882, -0.048116, 1.051998]]),
}
# Roles shown together in one chart (the exhibits use these groups).
TOGETHER = [("court", "council", "context"), ("national", "emphasis", "context"),
            ("election_2016", "election_2021", "election_2023"),
            ("referendum_2022", "referendum_2026", "national", "emphasis", "context"),
            ("consistent", "consistent_with_caveat", "misleading_comparison", "not_consistent", "missing"),
            ("court", "context", "missing"),
            ("text_kept", "text_edited", "text_rewritten", "text_new", "text_removed")]


def lab(hex_colour: str, matrix) -> np.ndarray:
    rgb = np.array([int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    linear = np.where(rgb <= 0.04045, rgb / 12.92, ((rgb + 0.055) / 1.055) ** 2.4)
    linear = np.clip(matrix @ linear, 0, 1)
    xyz = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]]) @ linear
    xyz = xyz / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > 0.008856, np.cbrt(xyz), 7.787 * xyz + 16 / 116)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


@pytest.mark.parametrize("group", TOGETHER, ids=["+".join(g) for g in TOGETHER])
def test_roles_shown_together_stay_distinguishable_for_colour_blind_readers(group):
    for a, b in itertools.combinations(group, 2):
        for name, matrix in SIMULATIONS.items():
            delta = np.linalg.norm(lab(charts.ROLES[a].colour, matrix) - lab(charts.ROLES[b].colour, matrix))
            assert delta >= 15, f"{a} and {b} differ by only {delta:.0f} (CIELAB) under {name}"


def test_one_colour_per_meaning():
    colours = [r.colour for r in charts.ROLES.values()]
    assert len(colours) == len(set(colours))


def test_source_line_names_publishers():
    assert charts.source_line(["zakon_2025_09_09", "kazzakon_2025_09_09"]) == \
        "Source: Zakon.kz. Chart: Kazakhstan's constitutional reform in numbers."


def test_source_line_names_publishers_not_mirrors_primary_first():
    # the Georgian statistics office read through a proxy mirror is credited to the office; a weak private site,
    # a machine-paraphrased copy and an encyclopedia mirror are not named but counted
    line = charts.source_line(["thewall_1000", "nichts_als_die_wahrheit_justiz", "geostat_population_mirror"])
    assert line == ("Sources: National Statistics Office of Georgia and 2 others. "
                    "Chart: Kazakhstan's constitutional reform in numbers.")
    assert charts.credit_name("Constitutional Council of Kazakhstan (ksrk.gov.kz)") == \
        "Constitutional Council of Kazakhstan"
    assert charts.credit_name("Mediazona (mediazona.ca), citing Kazinform") == "Mediazona"
    assert charts.credit_name("WikiWikiup (mirror of an encyclopedia article)") is None
    from kzreform import datasets, i18n
    ids = list(datasets.load("sources")["source_id"])[:12]
    named, others = charts.credit_publishers(ids)
    assert len(named) <= charts.CREDIT_NAMES and len(named) + others >= 2
    expected = {"ru": "График: «Конституционная реформа Казахстана в цифрах».",
                "kk": "График: «Қазақстанның конституциялық реформасы сандармен»."}
    for lang, credit in expected.items():
        with i18n.language(lang):
            assert charts.source_line(["zakon_2025_09_09"]).endswith(credit)


def test_save_figure_refuses_bad_input(tmp_path):
    data = pd.DataFrame({"x": [1]})
    fig, meta = drawn()
    with pytest.raises(ValueError, match="snake_case"):
        output.save_figure(fig, "Bad Name", data, "x", "99", out=tmp_path, meta=meta)
    with pytest.raises(ValueError, match="alt text"):
        output.save_figure(fig, "ok_name", data, "", "99", out=tmp_path, meta=meta)
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="Canvas.figure"):
        output.save_figure(fig, "ok_name", data, "x", "99", out=tmp_path, meta={})
    with pytest.raises(KeyError, match="unknown source_id"):
        Canvas().figure("t", "s", ["no_such_source"])
    plt.close("all")
    assert list(tmp_path.iterdir()) == []


# --- the catalogue ----------------------------------------------------------------------------------

def test_figure_catalogue_is_current_and_complete():
    entries = catalogue.figure_entries()
    assert (paths.FIGURES / "README.md").read_text(encoding="utf-8") == catalogue.figures_markdown(entries)
    for e in entries:
        for ext in (("csv",) if e.get("kind") == "table" else ("png", "svg", "pdf", "csv")):
            assert (paths.FIGURES / f"{e['name']}.{ext}").exists()
        assert e["alt"] and e["title"] and e["sources"] and e["notebook"]
    text = (paths.FIGURES / "README.md").read_text(encoding="utf-8")
    for role in charts.ROLES.values():
        assert role.colour in text and role.meaning in text  # the colour roles are printed in the catalogue


def test_readme_findings_are_generated_from_the_figures():
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert text == catalogue.readme_with_findings(text, catalogue.figure_entries())
