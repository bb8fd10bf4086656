"""The runner, end to end on a copy of the project: byte-identical outputs, skipping, failing safely."""

import json
import os
import signal
import subprocess
import sys
import time

import nbformat
import pytest

from conftest import run_kzreform, snapshot

pytestmark = pytest.mark.slow


def test_a_killed_run_leaves_committed_files_then_a_fresh_run_reproduces_them_then_skips(project_copy):
    """One copy, one full run of every notebook: a run killed mid-notebook changes nothing committed; the next
    run clears its leftovers and reproduces every committed output byte for byte; then it skips what is current.
    (Two tests each ran every notebook in a copy; the killed run's full rerun is now the fresh run itself.)"""
    before = snapshot(project_copy)
    if os.name == "posix":  # kills a process group (POSIX only)
        killed_run_leaves_committed_files_as_they_were(project_copy)
    run = run_kzreform(project_copy, "reproduce", "--force")
    assert run.returncode == 0, run.stdout + run.stderr
    assert not list((project_copy / ".cache").glob("staging-*")), "the killed run's staging folder was left"
    after = snapshot(project_copy)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == [], f"a fresh run changed committed files: {changed}"
    notebooks = sorted(p.name for p in (project_copy / "notebooks").glob("[0-9]*.ipynb"))
    for name in notebooks:
        assert f"executed  {name}" in run.stdout

    again = run_kzreform(project_copy, "reproduce")
    assert again.returncode == 0
    assert all(f"skipped  {name}" in again.stdout for name in notebooks)
    assert f"{len(notebooks)} notebooks: 0 executed, {len(notebooks)} skipped, 0 failed" in again.stdout

    # A change to a notebook, to its prose or to its code, makes it run again (tried on the quickest notebook)
    quick = "06_reform_measures.ipynb"
    path = project_copy / "notebooks" / quick
    nb = nbformat.read(path, as_version=4)
    nb.cells[0].source += "\n\nAn added sentence."
    nbformat.write(nb, path)
    assert f"executed  {quick}" in run_kzreform(project_copy, "reproduce").stdout
    nb.cells[1].source += "\n# a comment"
    nbformat.write(nb, path)
    assert f"executed  {quick}" in run_kzreform(project_copy, "reproduce", quick).stdout


FAILING = [
    "from kzreform import charts, output",
    "c = charts.Canvas()\nfig, ax = c.figure('t', 's', ['ksrk_analytics'])\nax.plot([1, 2])\n"
    "output.save_figure(fig, 'fails_chart', __import__('pandas').DataFrame({'x': [1]}), 'A line.', '99_fails', "
    "meta=c.meta)",
    "1 / 0",
]


def test_a_failing_cell_is_named_and_leaves_committed_files_as_they_were(project_copy):
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src, id=f"c{i}") for i, src in enumerate(FAILING)])
    path = project_copy / "notebooks" / "99_fails.ipynb"
    nbformat.write(nb, path)
    before = snapshot(project_copy)
    run = run_kzreform(project_copy, "reproduce", "99_fails")
    assert run.returncode == 1
    assert "failed  99_fails.ipynb" in run.stdout
    assert "cell 3 failed: ZeroDivisionError: division by zero" in run.stdout
    assert snapshot(project_copy) == before  # the notebook and figures/ untouched, no fails_chart.*
    assert not list((project_copy / ".cache").glob("staging-*"))


def test_unknown_notebook_is_refused(project_copy):
    run = run_kzreform(project_copy, "reproduce", "no_such_notebook")
    assert run.returncode != 0
    assert "no notebook 'no_such_notebook'" in run.stderr


def test_committed_notebooks_are_clean():
    from kzreform import paths
    for path in sorted(paths.NOTEBOOKS.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        assert nb["metadata"] == {"kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python",
                                                 "name": "python3"}, "language_info": {"name": "python"}}
        for cell in nb["cells"]:
            assert "execution" not in cell.get("metadata", {})
            for out in cell.get("outputs", []):
                assert out["output_type"] != "error", path.name
                assert out.get("name") != "stderr", f"{path.name}: a cell writes to stderr"
        text = path.read_text(encoding="utf-8")
        assert str(paths.ROOT) not in text


def test_check_command_reports_ok():
    import sys
    run = subprocess.run([sys.executable, "-m", "kzreform", "check"], capture_output=True, text=True)
    assert run.returncode == 0 and "data OK" in run.stdout


SLOW = [
    "from kzreform import charts, output",
    "c = charts.Canvas()\nfig, ax = c.figure('t', 's', ['ksrk_analytics'])\nax.plot([1, 2])\n"
    "output.save_figure(fig, 'slow_chart', __import__('pandas').DataFrame({'x': [1]}), 'A line.', '98_slow', "
    "meta=c.meta)",
    "import time\ntime.sleep(60)",
]


def killed_run_leaves_committed_files_as_they_were(project_copy):
    """A run killed (SIGKILL to its process group) while its notebook's figure is staged changes nothing
    committed; the notebook is removed again, leaving the staging folder for the next run to clear."""
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(src, id=f"c{i}") for i, src in enumerate(SLOW)])
    nbformat.write(nb, project_copy / "notebooks" / "98_slow.ipynb")
    before = snapshot(project_copy)
    env = dict(os.environ, PYTHONPATH=str(project_copy))
    proc = subprocess.Popen([sys.executable, "-m", "kzreform", "reproduce", "98_slow"], cwd=project_copy, env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.time() + 120
    while not list((project_copy / ".cache").glob("staging-*/slow_chart.png")) and time.time() < deadline:
        time.sleep(0.2)
    assert list((project_copy / ".cache").glob("staging-*/slow_chart.png")), "the figure was never staged"
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert snapshot(project_copy) == before
    assert not list((project_copy / "figures").glob("slow_chart*"))
    # the next run (the caller's) clears the leftovers of the killed one and succeeds on the other notebooks
    (project_copy / "notebooks" / "98_slow.ipynb").unlink()


def test_check_command_lists_every_problem_and_exits_1(project_copy):
    path = project_copy / "data" / "court_caseload.csv"
    path.write_text(path.read_text(encoding="utf-8").replace(",more than,", ",over,", 2), encoding="utf-8")
    run = run_kzreform(project_copy, "check")
    assert run.returncode == 1
    lines = run.stdout.strip().splitlines()
    assert lines[0].startswith("data/court_caseload.csv:0:-: changed since its hash was recorded in "
                               "data/datapackage.json (expected sha256 sha256:")
    assert lines[1] == ("data/court_caseload.csv:2:qualifier: expected one of exact, about, more than, at least, "
                        "almost, less than, up to; found 'over'")
    assert lines[2].startswith("data/court_caseload.csv:3:qualifier: expected one of")
    assert lines[-1] == "3 problems found"


def test_an_interrupted_write_leaves_the_old_file(tmp_path, monkeypatch):
    import os
    from kzreform.fileio import write_bytes_atomic
    target = tmp_path / "figure.png"
    target.write_bytes(b"old")

    def fail(*args):
        raise OSError("disk full")
    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(OSError):
        write_bytes_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["figure.png"]


def test_committed_outputs_reveal_nothing_of_this_machine():
    from kzreform import paths, runner
    private = runner.private_strings()
    for folder in ("notebooks", "figures", "data"):
        for path in (paths.ROOT / folder).rglob("*"):
            if path.is_file():
                text = path.read_bytes().decode("utf-8", errors="ignore")
                for p in private:
                    assert p not in text, f"{path.name} contains {p!r}"
                assert not runner.TOKEN.search(text), path.name
