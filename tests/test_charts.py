"""save_figure: four formats plus the data and the catalogue entry, deterministic, in the house style."""

import json

import matplotlib.pyplot as plt
import pandas as pd
import pytest

from kzreform import catalogue, charts, paths


def draw():
    fig, ax = charts.figure("A title that states the finding", "Measure, unit", ["ksrk_analytics"])
    ax.bar(["a", "b"], [1, 2])
    return fig


def test_save_figure_writes_five_files_byte_identical_across_runs(tmp_path):
    data = pd.DataFrame({"label": ["a", "b"], "value": [1, 2]})
    first, second = tmp_path / "one", tmp_path / "two"
    for out in (first, second):
        fig = draw()
        charts.save_figure(fig, "demo_chart", data, alt="Two bars, a at 1 and b at 2.", out=out)
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
    assert entry["alt"] == "Two bars, a at 1 and b at 2."


def test_save_figure_refuses_bad_input(tmp_path):
    data = pd.DataFrame({"x": [1]})
    with pytest.raises(ValueError, match="snake_case"):
        charts.save_figure(draw(), "Bad Name", data, alt="x", out=tmp_path)
    with pytest.raises(ValueError, match="alt text"):
        charts.save_figure(draw(), "ok_name", data, alt="", out=tmp_path)
    fig, _ = plt.subplots()
    with pytest.raises(ValueError, match="kzreform.charts.figure"):
        charts.save_figure(fig, "ok_name", data, alt="x", out=tmp_path)
    with pytest.raises(KeyError, match="unknown source_id"):
        charts.figure("t", "s", ["no_such_source"])
    plt.close("all")
    assert list(tmp_path.iterdir()) == []


def test_source_line_names_publishers():
    assert charts.source_line(["zakon_2025_09_09", "kazzakon_2025_09_09"]) == \
        "Source: Zakon.kz. Chart: kzreform: Kazakhstan constitutional reform in numbers."


def test_figure_catalogue_is_current_and_complete():
    entries = catalogue.figure_entries()
    assert (paths.FIGURES / "README.md").read_text(encoding="utf-8") == catalogue.figures_markdown(entries)
    for e in entries:
        for ext in (("csv",) if e.get("kind") == "table" else ("png", "svg", "pdf", "csv")):
            assert (paths.FIGURES / f"{e['name']}.{ext}").exists()
        assert e["alt"] and e["title"] and e["sources"] and e["notebook"]


def test_golden_numbers_in_the_chart_data():
    rates = pd.read_csv(paths.FIGURES / "court_council_rates.csv")
    per_year = rates.set_index(["comparison", "body"])["per_year"]
    assert per_year["appeals against appeals", "constitutional_court"] == 4614.431
    assert per_year["appeals against appeals", "constitutional_council"] == 9.499
    assert per_year["decisions against decisions", "constitutional_court"] == 27.496
    assert per_year["decisions against decisions", "constitutional_council"] == 5.222
    ratios = rates.drop_duplicates("comparison").set_index("comparison")["ratio_court_to_council"]
    assert ratios.to_dict() == {"op-ed framing": 1151.323, "appeals against appeals": 485.796,
                                "decisions against decisions": 5.265}
    cum = pd.read_csv(paths.FIGURES / "court_appeals_cumulative.csv")
    assert len(cum) == 13
    council = cum.iloc[-1]
    assert pd.isna(council["period_end"])  # the Council's own total is undated
    assert council[["series", "value", "qualifier", "source_id"]].tolist() == [
        "council_appeals_received_lifetime", 200.0, "more than", "ksrk_analytics"]
    assert cum.iloc[-2][["period_end", "value", "qualifier"]].tolist() == ["2025-10-25", 13000.0, "about"]


def test_readme_findings_are_generated_from_the_figures():
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    assert text == catalogue.readme_with_findings(text, catalogue.figure_entries())
