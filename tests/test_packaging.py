"""The data as a product: one version everywhere, an installable package that finds its data from anywhere,
and the schema engine agreeing with Frictionless on every constraint it implements."""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import tomllib
from pathlib import Path

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


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """A copy of the project and the wheel built from it, once per session (per worker): the tests install the
    wheel into places of their own and only read the copy."""
    tmp = tmp_path_factory.mktemp("wheel")
    project = tmp / "project"
    shutil.copytree(paths.ROOT, project, ignore=IGNORE)
    wheels = tmp / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", str(project),
                    "-w", str(wheels)], check=True, cwd=tmp, capture_output=True)
    return project, next(wheels.glob("kzreform-*.whl"))


@pytest.mark.slow
def test_pip_install_from_another_folder_gives_a_working_command_and_loader(tmp_path, built):
    project, wheel = built
    target = tmp_path / "site"
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


def fresh_environment(tmp_path, wheel):
    """The wheel built from a copy of the project, installed with pip into a new virtual environment whose
    dependencies come from this environment (offline: pip resolves every declared dependency against them)."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, capture_output=True)
    python = venv / "bin" / "python"
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True).stdout.strip()
    ours = sysconfig.get_paths()["purelib"]
    (Path(site) / "dependencies.pth").write_text(ours + "\n")
    done = subprocess.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-index", "-q",
                           str(wheel)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr  # every declared dependency (babel too) is found
    return venv, Path(site)


def files_in(folder):
    return {p for p in folder.rglob("*") if "__pycache__" not in p.parts}


@pytest.mark.slow
def test_the_installed_command_writes_only_to_the_current_folder_and_refuses_checkout_work(tmp_path, built):
    venv, site = fresh_environment(tmp_path, built[1])
    before = files_in(site)
    here = tmp_path / "empty"
    here.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KZREFORM_DATA", "VIRTUAL_ENV")}

    def run(*args):
        return subprocess.run([str(venv / "bin" / "kzreform"), *args], cwd=here, env=env, text=True,
                              capture_output=True, timeout=300)

    assert run("--version").stdout.strip() == f"kzreform {kzreform.__version__}"
    assert run("--help").stdout.startswith("usage: kzreform ")  # the command as called, not python -m
    check = run("check")
    assert check.returncode == 0 and "data OK" in check.stdout, check.stdout + check.stderr
    assert "court_appeals_cumulative" in run("figures", "--list").stdout
    drawn = run("figures", "court_appeals_cumulative", "--format", "png")
    assert drawn.returncode == 0, drawn.stderr
    assert (here / "reports" / "figures" / "court_appeals_cumulative.png").is_file()
    exported = run("export")
    assert exported.returncode == 0, exported.stderr
    assert (here / "exports" / "kzreform.xlsx").is_file() and (here / "exports" / "metadata.json").is_file()
    for command in ("reproduce", "report", "app", "lab"):
        refused = run(command)
        assert refused.returncode == 2 and refused.stdout == "", (command, refused.stdout)
        line = refused.stderr.strip()
        assert "\n" not in line and line.startswith(f"kzreform {command}: needs a checkout"), line
        assert f"make {command}" in line and "Traceback" not in line
    hidden = dict(env, PYTHONPATH=str(tmp_path / "no-pyarrow"))  # a module named pyarrow that cannot be imported
    (tmp_path / "no-pyarrow").mkdir()
    (tmp_path / "no-pyarrow" / "pyarrow.py").write_text("raise ModuleNotFoundError(name='pyarrow')\n")
    missing = subprocess.run([str(venv / "bin" / "kzreform"), "export", "--out", "x"], cwd=here, env=hidden,
                             text=True, capture_output=True, timeout=300)
    assert missing.returncode == 1 and "'export' extra" in missing.stderr and "make" not in missing.stderr, \
        missing.stderr
    shutil.rmtree(here / "x", ignore_errors=True)
    inside = run("export", "--out", str(site / "kzreform_data"))
    assert inside.returncode == 2 and "installed packages" in inside.stderr
    assert files_in(site) == before  # nothing written into site-packages
    assert sorted(p.name for p in here.iterdir()) == ["exports", "reports"]


def declared() -> dict[str, set[str]]:
    """Distribution names in pyproject.toml by where they are declared ('' for the dependencies)."""
    project = tomllib.loads((paths.ROOT / "pyproject.toml").read_text())["project"]
    groups = {"": project["dependencies"], **project["optional-dependencies"]}
    name = lambda spec: re.split(r"[<>=!~\[; ]", spec, maxsplit=1)[0].lower().replace("_", "-")
    return {group: {name(s) for s in specs} for group, specs in groups.items()}


def test_every_module_the_package_imports_is_declared():
    import ast
    from importlib.metadata import packages_distributions
    dists = packages_distributions()
    everything = set().union(*declared().values())
    core = {"kzreform/" + p for p in ("datasets.py", "validate.py", "rules.py", "paths.py", "i18n.py", "charts.py",
                                      "wording.py", "hedges.py", "__init__.py")}
    for path in sorted((paths.ROOT / "kzreform").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module]
            else:
                continue
            for top in {n.split(".")[0] for n in names} - set(sys.stdlib_module_names) - {"kzreform"}:
                where = {d.lower().replace("_", "-") for d in dists.get(top, [top])}
                assert where & everything, f"{path.name} imports {top} ({where}): declare it in pyproject.toml"
                if path.relative_to(paths.ROOT).as_posix() in core:  # what load() and check need, always installed
                    assert where & declared()[""], f"{path.name} imports {top}: a dependency, not an extra"


def test_extras_bring_widgets_voila_and_the_export_writers():
    groups = declared()
    assert {"ipywidgets", "voila"} <= groups["notebooks"] and {"voila", "ipywidgets"} <= groups["app"]
    assert {"openpyxl", "pyarrow"} <= groups["export"] and "babel" in groups[""]


def test_the_public_api_is_importable_cheaply():
    """kzreform.load, names, datapackage and check (the README's API) come from datasets on first use only."""
    code = ("import sys, kzreform; assert 'pandas' not in sys.modules; "
            "print(len(kzreform.names()), len(kzreform.load('region_codes')), len(kzreform.check()))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=paths.ROOT)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [str(len(datasets.names())), "22", "0"]
    assert set(kzreform.__all__) >= {"load", "names", "datapackage", "check"}
    with pytest.raises(AttributeError):
        kzreform.no_such_thing  # noqa: B018


def pypi_reachable() -> bool:
    import socket
    try:
        socket.create_connection(("pypi.org", 443), timeout=5).close()
        return True
    except OSError:
        return False


@pytest.mark.slow
@pytest.mark.newest
def test_the_newest_releases_of_every_dependency_pass_the_in_process_tests(tmp_path):
    """pip install ".[test]" with no lock (the newest release of each dependency), then the in-process tier.
    Skipped only where PyPI cannot be reached; bounded by a timeout."""
    if os.environ.get("KZREFORM_SKIP_NEWEST") or not pypi_reachable():
        pytest.skip("PyPI unreachable (or KZREFORM_SKIP_NEWEST set): the newest releases cannot be fetched")
    project = tmp_path / "project"
    shutil.copytree(paths.ROOT, project, ignore=IGNORE)
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, capture_output=True)
    python = str(venv / "bin" / "python")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KZREFORM_DATA", "VIRTUAL_ENV",
                                                            "PIP_CONSTRAINT", "PIP_REQUIREMENT")}
    installed = subprocess.run([python, "-m", "pip", "install", "-q", "--upgrade", "--disable-pip-version-check",
                                f"{project}[test]"], env=env, capture_output=True, text=True, timeout=900)
    assert installed.returncode == 0, installed.stderr[-2000:]
    settings = subprocess.run([python, "-m", "kzreform.environment"], cwd=project, env=env, capture_output=True,
                              text=True)  # as make does after installing: the quiet JupyterLab settings
    assert settings.returncode == 0, settings.stderr
    versions = subprocess.run([python, "-c", "import pandas, numpy, matplotlib; print(pandas.__version__, "
                               "numpy.__version__, matplotlib.__version__)"], capture_output=True, text=True, env=env)
    print("newest:", versions.stdout)
    tests = subprocess.run([python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m",
                            "not slow and not browser and not grid"], cwd=project, env=env, capture_output=True,
                           text=True, timeout=900)
    assert tests.returncode == 0, versions.stdout + tests.stdout[-4000:]


# --- the engine and Frictionless agree -------------------------------------------------------------------

def frictionless_errors(folder, resource: str | None = None) -> set[tuple[str, int, str]]:
    """Frictionless's errors for the package, or for one of its resources (validated in the package, about 20
    times faster than the whole package: each test below changes one table)."""
    from frictionless import Package
    package = Package(str(folder / "datapackage.json"))
    report = package.get_resource(resource).validate() if resource else package.validate()
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
    theirs = frictionless_errors(data, resource)
    assert ours and ours == theirs


@pytest.mark.parametrize("keyword", sorted(V2_ONLY))
def test_a_keyword_neither_implements_is_refused_by_both(data, keyword):
    from frictionless import FrictionlessException
    resource, field, constraint = V2_ONLY[keyword]
    set_constraint(data, resource, field, **constraint)
    assert any(f"constraint '{keyword}' is not implemented" in p.message for p in datasets.check_all())
    with pytest.raises(FrictionlessException, match=keyword):
        frictionless_errors(data, resource)


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
    assert frictionless_errors(data, resource)


def test_a_semicolon_file_is_refused_by_both_now_that_the_dialect_is_declared(data):
    path = data / "court_caseload.csv"
    path.write_bytes(path.read_bytes().replace(b",", b";"))
    assert {e for e in engine_errors() if e[0] == "court_caseload"}
    assert frictionless_errors(data, "court_caseload")
