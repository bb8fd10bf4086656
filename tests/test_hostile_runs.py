"""Hostile and accidental runs: a full disk, a kill mid-commit, Ctrl-C, two notebooks claiming one figure, a
copied project, a machine path in an output, scripts hidden in data, bad options. Committed files stay as
they were, nothing runs that should not, and every failure is one line without a traceback."""

import csv
import errno
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import IGNORE, kernels_under, run_kzreform, snapshot
from kzreform import fileio, paths, runner
from kzreform.__main__ import main


def notebook(path: Path, *cells: str) -> None:
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src, id=f"c{i}") for i, src in enumerate(cells)])
    nbformat.write(nb, path)


def use_copy(monkeypatch, root: Path) -> None:
    for name, sub in (("ROOT", ""), ("DATA", "data"), ("FIGURES", "figures"), ("NOTEBOOKS", "notebooks"),
                      ("CACHE", ".cache"), ("REPORTS", "reports")):
        monkeypatch.setattr(paths, name, root / sub if sub else root)
    monkeypatch.setattr(paths, "DATAPACKAGE", root / "data" / "datapackage.json")


# --- all or nothing ----------------------------------------------------------------------------------

def staged_run(root: Path):
    """A successful run of 02_court_rulings as the runner would commit it: one figure changed, one dropped,
    one added, and the notebook itself changed."""
    staging = root / ".cache" / "staging-test"
    staging.mkdir(parents=True)
    for p in sorted((root / "figures").glob("court_rulings_areas.*")):
        (staging / p.name).write_bytes(p.read_bytes() + (b"\n" if p.suffix in (".csv", ".json") else b"new"))
    (staging / "court_rulings_new.csv").write_text("a\n1\n", encoding="utf-8")
    (staging / "court_rulings_new.json").write_text(json.dumps({"name": "court_rulings_new",
                                                                "notebook": "02_court_rulings"}), encoding="utf-8")
    nb_path = root / "notebooks" / "02_court_rulings.ipynb"
    nb = nbformat.read(nb_path, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("An added cell.", id="added"))
    return nb_path, nb, staging


def test_a_full_disk_at_any_write_leaves_every_committed_file_as_it_was(project_copy, monkeypatch):
    use_copy(monkeypatch, project_copy)
    nb_path, nb, staging = staged_run(project_copy)
    before = snapshot(project_copy)
    real = fileio._write_temp
    for k in range(1, 40):
        calls = {"n": 0}

        def full_disk(folder, name, data):
            calls["n"] += 1
            if calls["n"] == k:
                raise OSError(errno.ENOSPC, "No space left on device")
            return real(folder, name, data)
        monkeypatch.setattr(fileio, "_write_temp", full_disk)
        try:
            runner.commit(nb_path, nb, staging)
        except runner.RunError as e:
            assert "No space left on device" in str(e) and "left as it was" in str(e)
            assert snapshot(project_copy) == before, f"write {k} failed and changed committed files"
            assert not [p for p in project_copy.rglob(".*.tmp")], "a temporary file was left behind"
            continue
        break  # k is past the last write: the commit went through
    else:
        pytest.fail("the commit never succeeded")
    after = snapshot(project_copy)
    assert after["figures/court_rulings_new.csv"] == b"a\n1\n"
    assert after["figures/court_rulings_areas.png"].endswith(b"new")
    assert "figures/court_rulings_coverage.png" not in after  # no longer made: removed in the same commit
    assert "An added cell." in after["notebooks/02_court_rulings.ipynb"].decode()


def test_a_run_killed_while_renaming_is_completed_at_the_next_start(project_copy, monkeypatch):
    use_copy(monkeypatch, project_copy)
    nb_path, nb, staging = staged_run(project_copy)
    real = os.replace
    calls = {"n": 0}

    def killed(src, dst):
        calls["n"] += 1
        if calls["n"] == 4:  # the journal, then two renames, then the "crash"
            raise OSError(errno.EIO, "Input/output error")
        return real(src, dst)
    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(runner.RunError, match="the next run completes it"):
        runner.commit(nb_path, nb, staging)
    monkeypatch.setattr(os, "replace", real)
    assert list((project_copy / ".cache").glob("commit-*.json"))
    runner.remove_leftovers()
    after = snapshot(project_copy)
    assert after["figures/court_rulings_new.csv"] == b"a\n1\n"
    assert after["figures/court_rulings_areas.png"].endswith(b"new")
    assert "figures/court_rulings_coverage.png" not in after
    assert not list((project_copy / ".cache").glob("commit-*.json"))
    assert not list((project_copy / ".cache").glob("staging-*"))


def test_catalogues_are_regenerated_and_leftovers_cleared_when_no_notebook_runs(project_copy, monkeypatch):
    use_copy(monkeypatch, project_copy)
    readme = project_copy / "README.md"
    good_readme, good_catalogue = readme.read_text(encoding="utf-8"), (project_copy / "figures" / "README.md").read_bytes()
    readme.write_text(good_readme.replace("**Within", "**STALE Within"), encoding="utf-8")
    (project_copy / "figures" / "README.md").write_text("stale\n", encoding="utf-8")
    leftover = project_copy / ".cache" / "staging-01_court_caseload-abc"
    leftover.mkdir(parents=True)
    (leftover / "x.png").write_bytes(b"x")
    (project_copy / "figures" / ".x.png.123.tmp").write_bytes(b"half")
    monkeypatch.setattr(runner, "is_current", lambda *a: True)
    out = io.StringIO()
    assert runner.reproduce(out=out) == 0
    count = len(list((project_copy / "notebooks").glob("[0-9]*.ipynb")))
    assert f"0 executed, {count} skipped" in out.getvalue()
    assert readme.read_text(encoding="utf-8") == good_readme
    assert (project_copy / "figures" / "README.md").read_bytes() == good_catalogue
    assert not leftover.exists() and not (project_copy / "figures" / ".x.png.123.tmp").exists()


@pytest.mark.slow
def test_two_notebooks_making_one_figure_name_are_refused(project_copy):
    for name in ("95_a", "95_b"):
        notebook(project_copy / "notebooks" / f"{name}.ipynb",
                 "from kzreform import output\nimport pandas as pd\n"
                 f"output.save_table('dup_table', pd.DataFrame({{'x': [1]}}), 't', 'd', ['ksrk_analytics'], '{name}')")
    run = run_kzreform(project_copy, "reproduce", "--jobs", "1", "95_a", "95_b")
    assert run.returncode == 1
    assert "figure 'dup_table' is made by both 95_a and 95_b (expected each figure name in one notebook only; " \
           "rename one)" in run.stdout
    assert json.loads((project_copy / "figures" / "dup_table.json").read_text())["notebook"] == "95_a"


# --- interruption ---------------------------------------------------------------------------------

SLOW = ("from kzreform import output\nimport pandas as pd\n"
        "output.save_table('{name}_t', pd.DataFrame({{'x': [1]}}), 't', 'd', ['ksrk_analytics'], '{name}')",
        "import time\ntime.sleep(120)")


def kernels_of(root: Path) -> list[int]:
    """Pids of running ipykernel processes started for notebooks of this project copy (Linux /proc)."""
    return kernels_under(root)


def test_ctrl_c_stops_the_queue_and_the_kernels_and_exits_130(project_copy):
    for name in ("94_a", "94_b"):
        notebook(project_copy / "notebooks" / f"{name}.ipynb", *(c.format(name=name) for c in SLOW))
    before = snapshot(project_copy)
    env = dict(os.environ, PYTHONPATH=str(project_copy))
    proc = subprocess.Popen([sys.executable, "-m", "kzreform", "reproduce", "--jobs", "1", "94_a", "94_b"],
                            cwd=project_copy, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not list((project_copy / ".cache").glob("staging-*/*_t.csv")) and time.time() < deadline:
        time.sleep(0.2)
    assert kernels_of(project_copy), "no kernel was running"
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, out + err
    assert err.strip().splitlines() == ["interrupted: stopped 1 running notebook and the queue; committed outputs "
                                        "were left as they were"]
    assert "Traceback" not in out + err
    assert out.count("started") == 1  # the second notebook never started
    assert snapshot(project_copy) == before
    time.sleep(1)
    assert kernels_of(project_copy) == []


# --- a copied project ---------------------------------------------------------------------------------

def make_env(project: Path) -> Path:
    """A virtual environment in project/.venv that sees this environment's packages (like a real install)
    and is set up as `make` sets it up (python -m kzreform.environment)."""
    base = getattr(sys, "_base_executable", sys.executable)
    subprocess.run([base, "-m", "venv", "--without-pip", str(project / ".venv")], check=True)
    python = project / ".venv" / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = subprocess.run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          capture_output=True, text=True, check=True).stdout.strip()
    here = [p for p in sys.path if p.endswith("site-packages")][0]
    Path(site, "outer.pth").write_text(here + "\n", encoding="utf-8")
    subprocess.run([str(python), "-m", "kzreform.environment"], cwd=project, check=True)
    return python


def root_seen(python: Path, cwd: Path) -> str:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run([str(python), "-c", "import kzreform.paths as p; print(p.ROOT)"], cwd=cwd, env=env,
                          capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.slow
def test_a_copied_or_moved_project_with_its_venv_uses_its_own_files(tmp_path):
    original = tmp_path / "original"
    shutil.copytree(paths.ROOT, original, ignore=IGNORE)
    make_env(original)
    copy = tmp_path / "copy"
    shutil.copytree(original, copy, symlinks=True)
    python = copy / ".venv" / "bin" / "python"
    assert root_seen(python, copy / "notebooks") == str(copy)
    assert root_seen(python, Path("/")) == str(copy)
    # a change to the copy's data is seen by the copy only
    path = copy / "data" / "regions.csv"
    path.write_text(path.read_text(encoding="utf-8").replace("KZ-11,", "KZ-1X,"), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    check = subprocess.run([str(python), "-m", "kzreform", "check"], cwd="/", env=env, capture_output=True, text=True)
    assert check.returncode == 1 and "data/regions.csv:2:region_code" in check.stdout
    check = subprocess.run([str(original / ".venv" / "bin" / "python"), "-m", "kzreform", "check"], cwd="/", env=env,
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    # the notebooks' kernels import the copy's package too
    path.write_text(path.read_text(encoding="utf-8").replace("KZ-1X,", "KZ-11,"), encoding="utf-8")
    run = subprocess.run([str(python), "-m", "kzreform", "reproduce", "--force", "05_claims_check"], cwd="/", env=env,
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stdout + run.stderr
    assert str(original) not in (copy / "notebooks" / "05_claims_check.ipynb").read_text(encoding="utf-8")
    # a moved folder keeps working
    moved = tmp_path / "moved"
    copy.rename(moved)
    assert root_seen(moved / ".venv" / "bin" / "python", Path("/")) == str(moved)


# --- what leaks -------------------------------------------------------------------------------------

@pytest.mark.slow
def test_the_leak_guard_sees_a_path_with_non_ascii_letters(tmp_path):
    project = tmp_path / "проект ü"
    shutil.copytree(paths.ROOT, project, ignore=IGNORE)
    notebook(project / "notebooks" / "93_leak.ipynb", "import os\nprint(os.getcwd())")
    run = run_kzreform(project, "reproduce", "93_leak")
    assert run.returncode == 1
    assert "cell 1 prints a path or name of this machine" in run.stdout
    assert not (project / "notebooks" / "93_leak.ipynb").read_text(encoding="utf-8").count("outputs\": [{")


# --- the command line: no traceback for any input ------------------------------------------------------

BAD_OPTIONS = [
    (["figures", "--width", "nan"], "argument --width: expected a width in inches between 1 and 40, found 'nan'"),
    (["figures", "--height", "inf"], "argument --height: expected a height in inches between 1 and 40, found 'inf'"),
    (["figures", "--width", "-3"], "argument --width: expected a width in inches between 1 and 40, found '-3'"),
    (["figures", "--dpi", "1"], "argument --dpi: expected a whole number of dots per inch between 50 and 1200, "
                                "found '1'"),
    (["figures", "--dpi", "100000"], "argument --dpi: expected a whole number of dots per inch between 50 and 1200"),
    (["figures", "--format", ","], "--format ',': no format given (expected some of: png, svg, pdf, separated by "
                                   "commas)"),
    (["figures", "--out", "figures"], "figures/ holds committed files; figures go to another folder"),
    (["figures", "--out", "data/x"], "data/ holds committed files"),
    (["reproduce", "--timeout", "0"], "argument --timeout: expected a whole number of seconds between 1 and 86400"),
    (["reproduce", "--timeout", "-1"], "argument --timeout: expected a whole number of seconds between 1 and 86400"),
    (["reproduce", "--jobs", "0"], "argument --jobs: expected a whole number of notebooks between 1 and 64"),
]


@pytest.mark.parametrize("argv,message", BAD_OPTIONS, ids=[" ".join(a) for a, _ in BAD_OPTIONS])
def test_bad_options_exit_2_with_one_message(argv, message, capsys, monkeypatch):
    monkeypatch.chdir(paths.ROOT)
    before = {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()}
    try:
        code = main(argv)
    except SystemExit as e:  # argparse's own errors
        code = e.code
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err
    assert {p.name: p.read_bytes() for p in paths.FIGURES.iterdir()} == before


def test_out_naming_a_file_or_an_unwritable_place(tmp_path, capsys):
    afile = tmp_path / "a.txt"
    afile.write_text("x")
    assert main(["figures", "mazhilis_indices", "--out", str(afile)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    assert main(["report", "--out", str(afile)]) == 2
    assert "is a file, not a folder" in capsys.readouterr().err
    if os.name == "posix" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        assert main(["figures", "mazhilis_indices", "--out", str(locked / "sub")]) == 2
        assert "cannot write there" in capsys.readouterr().err


def test_reports_being_a_file(monkeypatch, tmp_path, capsys):
    afile = tmp_path / "reports"
    afile.write_text("x")
    monkeypatch.setattr(paths, "REPORTS", afile)
    assert main(["report"]) == 2
    assert "is a file, not a folder (expected a folder to write reports to)" in capsys.readouterr().err


def test_a_python_without_the_project_environment_is_told_how_to_get_it(monkeypatch, capsys):
    import sys

    import kzreform
    monkeypatch.delitem(sys.modules, "kzreform.exhibits", raising=False)
    monkeypatch.delattr(kzreform, "exhibits", raising=False)  # so that `from . import exhibits` imports again
    monkeypatch.setitem(sys.modules, "pandas", None)  # as in a Python where pandas is not installed
    assert main(["figures", "--list"]) == 1
    err = capsys.readouterr().err
    assert "lacks the package 'pandas' the project needs" in err and "make reproduce" in err
    assert "Traceback" not in err


def set_cell(path: Path, key: str, column: str, value: str, key_column: int = 0) -> None:
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
    col = rows[0].index(column)
    row = next(r for r in rows[1:] if r[key_column] == key)
    row[col] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


@pytest.mark.slow
def test_invalid_data_then_figures_or_report_is_one_message(project_copy):
    set_cell(project_copy / "data" / "regions.csv", "KZ-11", "tile_x", "x")
    for args in (["figures", "referendum_turnout_compared", "--out", str(project_copy / "out")], ["report"],
                 ["check", "--update-hashes"]):
        run = run_kzreform(project_copy, *args)
        assert run.returncode == 1, args
        assert "Traceback" not in run.stderr and "data/regions.csv:2:tile_x: expected a whole number" in \
            run.stdout + run.stderr


@pytest.mark.slow
def test_a_broken_descriptor_is_one_message(project_copy):
    (project_copy / "data" / "datapackage.json").write_text('{"resources": [', encoding="utf-8")
    for args in (["check"], ["figures", "mazhilis_indices", "--out", str(project_copy / "out")], ["report"]):
        run = run_kzreform(project_copy, *args)
        assert run.returncode == 1 and "Traceback" not in run.stderr, args
        assert "data/datapackage.json:1:-: is not valid JSON" in run.stdout + run.stderr


@pytest.mark.slow
def test_a_notebook_with_merge_conflict_markers(project_copy):
    path = project_copy / "notebooks" / "05_claims_check.ipynb"
    text = path.read_text(encoding="utf-8")
    path.write_text("<<<<<<< HEAD\n" + text + "=======\n" + text + ">>>>>>> branch\n", encoding="utf-8")
    run = run_kzreform(project_copy, "reproduce", "05_claims_check")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "notebooks/05_claims_check.ipynb is not a valid notebook: line 1: Expecting value " \
           "(merge-conflict markers?)" in run.stdout
    run = run_kzreform(project_copy, "report")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert "05_claims_check.ipynb is not a valid notebook" in run.stderr


def test_messages_print_under_any_terminal_encoding(project_copy):
    set_cell(project_copy / "data" / "regions.csv", "KZ-11", "tile_x", "Алматы")
    env = dict(os.environ, PYTHONPATH=str(project_copy), PYTHONIOENCODING="ascii")
    run = subprocess.run([sys.executable, "-m", "kzreform", "check"], cwd=project_copy, env=env, capture_output=True)
    assert run.returncode == 1 and b"Traceback" not in run.stderr
    assert b"data/regions.csv:2:tile_x: expected a whole number without separators or spaces, found " \
           b"'\\u0410\\u043b\\u043c\\u0430\\u0442\\u044b'" in run.stdout


# --- scripts hidden in data never run in a report -------------------------------------------------------

PAYLOADS = [
    ("op_ed_claims.csv", "C01", "claim_en",
     "<img src=x onerror=\"window.pwned=1;fetch('http://127.0.0.1:9/a')\"> The amendments were approved in June."),
    ("sources.csv", "newjurist_2023_08_28", "publisher",
     "New Jurist <svg onload=\"window.pwned=2\"></svg><iframe src=\"http://127.0.0.1:9/b\"></iframe>"),
    ("court_rulings.csv", "1", "subject_en",
     "[rules](javascript:window.pwned=3) <style>body{background:url(http://127.0.0.1:9/c)}</style>"),
    ("court_rulings.csv", "3", "subject_en", "<a href=\"javascript:window.pwned=4\">Tax Code</a>"),
    ("mazhilis_results.csv", "ak_zhol", "name_en",
     "Ak Zhol <object data=\"http://127.0.0.1:9/d\"></object><script>window.pwned=5</script>"),
]
# the notebooks whose outputs show the cells PAYLOADS poison: the rulings' subjects (02 and the explorer, 07), the
# party names (04, 05 and 07) and the op-ed's claims and their source (05)
SHOWN_IN = ("02_court_rulings", "04_mazhilis_elections", "05_claims_check", "07_explore")
PROBE = ("JSON.stringify({pwned: typeof window.pwned, active: document.querySelectorAll("
         "'script,iframe,object,embed,svg,form,link,meta[http-equiv=refresh]').length, "
         "handlers: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some("
         "a => a.name.startsWith('on'))).length, "
         "jslinks: document.querySelectorAll('a[href^=\"javascript\" i]').length})")


@pytest.mark.slow
@pytest.mark.browser
def test_scripts_in_data_never_run_in_a_report(project_copy, tmp_path):
    from browser import chromium, load_many
    if not chromium() and not os.environ.get("CI"):
        pytest.skip("Chromium is not installed (apt-get install chromium); CI installs it and never skips")
    for name, key, column, value in PAYLOADS:
        set_cell(project_copy / "data" / name, key, column, value, key_column=1 if name.startswith("mazhilis") else 0)
    assert run_kzreform(project_copy, "check", "--update-hashes").returncode == 0
    # the notebooks that show the poisoned cells run again (the others never show them: their committed pages are
    # the report's); every page's source list is written by the report itself, from the poisoned sources.csv
    run = run_kzreform(project_copy, "reproduce", "--force", *SHOWN_IN)
    assert run.returncode == 0, run.stdout + run.stderr
    assert all(f"executed  {name}.ipynb" in run.stdout for name in SHOWN_IN)
    # the English pages and the Russian edition (the Kazakh edition is written by the same code: its page is
    # tested in test_report; drawing its charts again here would add about 8 s to the suite)
    report = run_kzreform(project_copy, "report", "--out", str(tmp_path / "reports"), "--lang", "en", "--lang", "ru")
    assert report.returncode == 0, report.stdout + report.stderr
    pages = sorted((tmp_path / "reports").rglob("*.html"))
    assert len(pages) == len(list((project_copy / "notebooks").glob("[0-9]*.ipynb"))) + 1 + 1
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'' in text
        for tag in ("<iframe", "<svg", "<object", "<script", "<embed"):
            assert tag not in text.lower(), (page.name, tag)
        live = re.search(r"<[a-z][^<>]*\s(on[a-z]+\s*=|href\s*=\s*[\"']?\s*javascript)", text, re.I)
        assert live is None, (page.name, live and live.group(0))
    results = load_many([(page.as_uri(), tmp_path / f"{page.parent.name}_{page.stem}.png") for page in pages],
                        evaluate=PROBE)
    for page, result in zip(pages, results):
        assert result["requests"] == [], page
        assert result["errors"] == [], page
        assert json.loads(result["value"]) == {"pwned": "undefined", "active": 0, "handlers": 0, "jslinks": 0}
    ledger = (tmp_path / "reports" / "05_claims_check.html").read_text(encoding="utf-8")
    assert "The amendments were approved in June." in ledger  # the text itself is still shown
    rulings = (tmp_path / "reports" / "02_court_rulings.html").read_text(encoding="utf-8")
    assert "Tax Code" in rulings and "Ak Zhol" in (tmp_path / "reports" / "04_mazhilis_elections.html").read_text(
        encoding="utf-8")  # every poisoned cell reached a page, as text
