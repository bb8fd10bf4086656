"""The data as a product: one version everywhere, an installable package that finds its data from anywhere,
and the schema engine agreeing with Frictionless on every constraint it implements."""

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib

import pytest

import kzreform
from kzreform import datasets, paths

from conftest import IGNORE
from test_corrupt import CASES, data, edit_line  # noqa: F401  (the data fixture)


def test_one_version_everywhere():
    version = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]["version"]
    assert kzreform.__version__ == version
    assert re.search(rf'^version: "{re.escape(version)}"$', (paths.ROOT / "CITATION.cff").read_text(), re.M)
    assert re.search(r'^date-released: "\d{4}-\d{2}-\d{2}"$', (paths.ROOT / "CITATION.cff").read_text(), re.M)
    assert json.loads(paths.DATAPACKAGE.read_text())["version"] == version
    headings = re.findall(r"^## (\d+\.\d+\.\d+)", (paths.ROOT / "CHANGELOG.md").read_text(), re.M)
    assert headings[0] == version
    assert headings == sorted(headings, key=lambda v: tuple(map(int, v.split("."))), reverse=True)  # newest first


def test_the_descriptor_says_what_it_is():
    package = json.loads(paths.DATAPACKAGE.read_text())
    for key in ("profile", "id", "version", "created", "contributors", "licenses", "sources", "keywords"):
        assert package.get(key), key
    for r in package["resources"]:
        assert r["dialect"]["delimiter"] == "," and r["profile"] == "tabular-data-resource"


@pytest.mark.slow
def test_pip_install_from_another_folder_gives_a_working_command_and_loader(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(paths.ROOT, project, ignore=IGNORE)
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(project),
                    "-w", str(wheels)], check=True, cwd=tmp_path, capture_output=True)
    wheel = next(wheels.glob("kzreform-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KZREFORM_DATA")}
    env["PYTHONPATH"] = str(target)
    version = subprocess.run([str(target / "bin" / "kzreform"), "--version"], cwd="/", env=env, text=True,
                             capture_output=True)
    assert version.stdout.strip() == f"kzreform {kzreform.__version__}", version.stderr
    loaded = subprocess.run([sys.executable, "-c", "import kzreform.datasets as d, kzreform.paths as p; "
                             "print(len(d.load('regions')), p.DATA.name)"], cwd="/", env=env, text=True,
                            capture_output=True)
    assert loaded.stdout.split() == ["20", "kzreform_data"], loaded.stderr
    # KZREFORM_DATA points an installed package at another copy of the data
    env["KZREFORM_DATA"] = str(project / "data")
    moved = subprocess.run([sys.executable, "-c", "import kzreform.paths as p; print(p.DATA)"], cwd="/", env=env,
                           text=True, capture_output=True)
    assert moved.stdout.strip() == str(project / "data")


# --- the engine and Frictionless agree -------------------------------------------------------------------

def frictionless_errors(folder) -> set[tuple[str, int, str]]:
    from frictionless import Package
    report = Package(str(folder / "datapackage.json")).validate()
    out = set()
    for task in report.tasks:
        for e in task.errors:
            if getattr(e, "type", "") in ("hash-count", "byte-count"):
                continue
            out.add((task.name, getattr(e, "row_number", 0) or 0, getattr(e, "field_name", "") or ""))
    return out


def engine_errors() -> set[tuple[str, int, str]]:
    names = {r["path"]: r["name"] for r in datasets.datapackage()["resources"]}
    return {(names.get(p.file.removeprefix("data/"), p.file), p.row, p.column) for p in datasets.check_all()
            if "changed since its hash" not in p.message}


def set_constraint(folder, resource, field, **constraints):
    package = json.loads((folder / "datapackage.json").read_text())
    r = next(x for x in package["resources"] if x["name"] == resource)
    f = next(x for x in r["schema"]["fields"] if x["name"] == field)
    f.setdefault("constraints", {}).update(constraints)
    (folder / "datapackage.json").write_text(json.dumps(package))


CONSTRAINTS = {
    "required": ("court_rulings", "title_original", {"required": True}),  # every number is now dated
    "unique": ("regions", "tile_x", {"unique": True}),
    "enum": ("regions", "name_en", {"enum": ["Akmola Region"]}),
    "pattern": ("sources", "language", {"pattern": "ru|kk"}),
    "minLength": ("sources", "publisher", {"minLength": 12}),
    "maxLength": ("sources", "publisher", {"maxLength": 12}),
    "minimum": ("regions", "tile_x", {"minimum": 2}),
    "maximum": ("regions", "tile_x", {"maximum": 2}),
}
V2_ONLY = {"exclusiveMinimum": ("regions", "tile_y", {"exclusiveMinimum": 1}),
           "exclusiveMaximum": ("regions", "tile_y", {"exclusiveMaximum": 3})}


@pytest.mark.parametrize("keyword", sorted(CONSTRAINTS))
def test_each_constraint_keyword_is_checked_as_frictionless_checks_it(data, keyword):
    resource, field, constraint = CONSTRAINTS[keyword]
    set_constraint(data, resource, field, **constraint)
    ours = {e for e in engine_errors() if e[0] == resource}
    theirs = {e for e in frictionless_errors(data) if e[0] == resource}
    assert ours and ours == theirs


@pytest.mark.parametrize("keyword", sorted(V2_ONLY))
def test_a_keyword_neither_implements_is_refused_by_both(data, keyword):
    from frictionless import FrictionlessException
    resource, field, constraint = V2_ONLY[keyword]
    set_constraint(data, resource, field, **constraint)
    assert any(f"constraint '{keyword}' is not implemented" in p.message for p in datasets.check_all())
    with pytest.raises(FrictionlessException, match=keyword):
        frictionless_errors(data)


def test_a_foreign_key_to_another_table_is_checked_by_both(data):
    package = json.loads((data / "datapackage.json").read_text())
    r = next(x for x in package["resources"] if x["name"] == "referendum_turnout_hourly")
    r["schema"]["foreignKeys"].append({"fields": "region_code",
                                       "reference": {"resource": "regions", "fields": "region_code"}})
    (data / "datapackage.json").write_text(json.dumps(package))
    ours = {e[1] for e in engine_errors() if e[0] == "referendum_turnout_hourly"}
    theirs = {e[1] for e in frictionless_errors(data) if e[0] == "referendum_turnout_hourly"}
    assert ours and ours == theirs  # the national rows (KZ) are not regions


# Cases of the corruption corpus that are Table Schema matters (the others are project rules Frictionless
# does not know: periods that run backwards, parts that do not add up, the semicolon hint...).
SCHEMA_CASES = ["not a number", "negative count", "date in another format", "impossible date",
                "empty required field", "qualifier outside the vocabulary", "unknown source id",
                "region code not ISO 3166-2:KZ", "truncated last line", "trailing garbage", "missing column",
                "extra column", "renamed column"]


@pytest.mark.parametrize("case", SCHEMA_CASES)
def test_the_corruption_corpus_is_refused_by_both(data, case):
    name, line, change, expected = CASES[case]
    edit_line(data, name, line, change)
    resource = name.removesuffix(".csv")
    assert {e for e in engine_errors() if e[0] == resource}
    assert {e for e in frictionless_errors(data) if e[0] == resource}


def test_a_semicolon_file_is_refused_by_both_now_that_the_dialect_is_declared(data):
    path = data / "court_caseload.csv"
    path.write_bytes(path.read_bytes().replace(b",", b";"))
    assert {e for e in engine_errors() if e[0] == "court_caseload"}
    assert {e for e in frictionless_errors(data) if e[0] == "court_caseload"}
