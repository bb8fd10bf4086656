"""Schema, provenance and integrity of data/: every value sourced, every column documented."""

import csv
import json

import pytest

from kzreform import catalogue, datasets, paths
from kzreform.validate import DataError


def package():
    return json.loads(paths.DATAPACKAGE.read_text(encoding="utf-8"))


def test_all_data_passes_every_check():
    assert [str(p) for p in datasets.check_all()] == []


def test_frictionless_validates_the_package():
    from frictionless import Package
    report = Package(str(paths.DATAPACKAGE)).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_every_csv_is_described_and_every_field_documented():
    resources = {r["path"]: r for r in package()["resources"]}
    assert sorted(p.name for p in paths.DATA.glob("*.csv")) == sorted(resources)
    for r in resources.values():
        assert r.get("title") and r.get("description"), r["name"]
        for f in r["schema"]["fields"]:
            assert f.get("type") and f.get("description"), f"{r['name']}.{f['name']}"


def test_every_table_names_its_source_and_has_a_note():
    for r in package()["resources"]:
        if r["name"] == "sources":
            continue
        names = [f["name"] for f in r["schema"]["fields"]]
        assert "source_id" in names and "note" in names, r["name"]
        assert {"fields": "source_id", "reference": {"resource": "sources", "fields": "source_id"}} \
            in r["schema"]["foreignKeys"], r["name"]


def test_every_source_is_used_and_complete():
    used = set()
    for r in package()["resources"]:
        if r["name"] != "sources":
            df = datasets.load(r["name"])
            used |= set(df["source_id"].dropna())
            if "cross_check_source_ids" in df:
                used |= {s for ids in df["cross_check_source_ids"].dropna() for s in ids.split(";")}
    sources = datasets.load("sources")
    assert set(sources["source_id"]) == used
    assert sources[["publisher", "title", "url", "date_accessed", "language"]].notna().all().all()


def test_codebook_is_generated_from_the_package():
    assert (paths.DATA / "README.md").read_text(encoding="utf-8") == catalogue.codebook_markdown(package())


def test_loaded_types():
    df = datasets.load("court_caseload")
    assert str(df["period_end"].dtype).startswith("datetime64")
    assert str(df["value"].dtype) == "Float64"
    assert df.attrs["rows"][0] == 2


def test_published_values_as_transcribed():
    df = datasets.load("court_caseload")
    row = df[(df["source_id"] == "zakon_2025_09_09") & (df["measure"] == "final_decisions")].iloc[0]
    assert (row["value"], row["qualifier"], f"{row['period_end']:%Y-%m-%d}") == (74, "exact", "2025-09-09")
    # The Council's own breakdown of appeals by applicant: 27 + 77 + 27 + 71 = 202, 'more than 200'.
    ksrk = df[(df["source_id"] == "ksrk_analytics") & df["measure"].str.startswith("appeals_from_")]
    assert ksrk["value"].sum() == 202


def test_parts_that_do_not_add_up_are_refused(tmp_path, monkeypatch):
    data = tmp_path / "data"
    data.mkdir()
    for p in paths.DATA.iterdir():
        (data / p.name).write_bytes(p.read_bytes())
    text = (data / "court_caseload.csv").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    i = next(i for i, l in enumerate(lines) if l.startswith("constitutional_council,appeals_from_courts")
             and "ksrk_analytics" in l)
    lines[i] = lines[i].replace(",71,", ",51,")
    (data / "court_caseload.csv").write_text("".join(lines), encoding="utf-8")
    monkeypatch.setattr(paths, "DATA", data)
    monkeypatch.setattr(paths, "DATAPACKAGE", data / "datapackage.json")
    with pytest.raises(DataError) as e:
        datasets.load("court_caseload")
    total_row = next(n for n, l in enumerate(lines, 1) if l.startswith("constitutional_council,appeals_received")
                     and "ksrk_analytics" in l)
    assert str(e.value.problems[0]) == (
        f"data/court_caseload.csv:{total_row}:value: appeals by applicant from ksrk_analytics add up to 182, "
        "which does not fit more than 200 (expected parts to match the total)")
    messages = [str(p) for p in datasets.check_all()]
    assert any("changed since its hash was recorded" in m for m in messages)
