"""A hostile contributor and a careless user: each payload is committed in a temporary git repository (with
`git add -f` where .gitignore would refuse it), the repository is cloned, and the clone is used as a person would
use it. Nothing outside the project is touched, nothing committed is taken for the program's own record, a
user's edit is never lost, and every refusal is one message without a traceback."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import pytest

from conftest import IGNORE, run_kzreform, snapshot
from kzreform import fileio, paths, runner

GIT = ["git", "-c", "user.name=Hostile", "-c", "user.email=hostile@example.org", "-c", "init.defaultBranch=main",
       "-c", "commit.gpgsign=false"]

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def git(cwd: Path, *args) -> str:
    return subprocess.run(GIT + list(args), cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture
def state_home(tmp_path, monkeypatch) -> Path:
    """The user's private state folder (holding the signing key), kept apart for each test."""
    home = tmp_path / "state-home"
    monkeypatch.setenv("KZREFORM_STATE_HOME", str(home))
    return home


@pytest.fixture
def upstream(tmp_path, state_home) -> Path:
    """A git repository holding the project as it is in this working tree."""
    repo = tmp_path / "upstream"
    shutil.copytree(paths.ROOT, repo, ignore=IGNORE)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "project")
    return repo


def hostile_clone(upstream: Path, where: Path, files: dict[str, bytes], links: dict[str, str] = ()) -> Path:
    """Commit files (forced past .gitignore) and symbolic links upstream, then clone: what a victim gets."""
    for name, data in files.items():
        (upstream / name).parent.mkdir(parents=True, exist_ok=True)
        (upstream / name).write_bytes(data)
    for name, target in dict(links).items():
        (upstream / name).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, upstream / name)
    git(upstream, "add", "-f", *files, *dict(links))
    git(upstream, "commit", "-q", "-m", "an innocent-looking change")
    git(where.parent, "clone", "-q", str(upstream), where.name)
    return where


def outside_files(tmp_path: Path) -> tuple[Path, Path]:
    """A file of the victim outside the project, and the place a journal would move a project file to."""
    victim = tmp_path / "home" / "thesis.txt"
    victim.parent.mkdir()
    victim.write_text("two years of work\n", encoding="utf-8")
    return victim, tmp_path / "home" / "stolen.md"


def evil_journal(clone_root: str, victim: Path, stolen: Path, key: bytes | None = None) -> bytes:
    record = {"root": clone_root, "rename": [[f"{clone_root}/README.md", str(stolen)]], "delete": [str(victim)]}
    return json.dumps(fileio.signed(record, key) if key else record).encode()


def git_status(root: Path) -> str:
    return subprocess.run(["git", "status", "--porcelain"], cwd=root, capture_output=True, text=True).stdout


# --- journals: never replayed unless this checkout wrote them, never outside figures/ and notebooks/ ----------

def test_a_committed_journal_is_not_replayed_and_check_names_it(upstream, tmp_path):
    victim, stolen = outside_files(tmp_path)
    clone = tmp_path / "clone"
    # the attacker knows where victims clone, and signs with a key of their own
    journal = evil_journal(str(clone), victim, stolen, key=b"k" * 32)
    hostile_clone(upstream, clone, {".cache/commit-05_claims_check.json": journal,
                                    ".cache/commit-zz.json": evil_journal(str(clone), victim, stolen)})
    run = run_kzreform(clone, "reproduce", "no_such_notebook")  # the journals are read before anything else
    assert victim.read_text(encoding="utf-8") == "two years of work\n"
    assert not stolen.exists() and (clone / "README.md").exists()
    assert "Traceback" not in run.stderr
    assert "warning: .cache/commit-05_claims_check.json is tracked by git; it was not replayed" in run.stderr
    assert "warning: .cache/commit-zz.json is tracked by git; it was not replayed" in run.stderr
    check = run_kzreform(clone, "check")
    assert check.returncode == 1
    assert ".cache/commit-05_claims_check.json:0:-: is tracked by git but lies in a folder git ignores" in check.stdout
    assert ".cache/commit-zz.json:0:-: is tracked by git" in check.stdout
    assert git_status(clone) == ""


def test_a_journal_signed_here_that_leaves_the_output_folders_is_refused(project_copy, monkeypatch, tmp_path,
                                                                         state_home):
    """Even this user's own key cannot move a file out of figures/ and notebooks/ (a copied journal, a bug)."""
    from test_hostile_runs import use_copy
    use_copy(monkeypatch, project_copy)
    victim, stolen = outside_files(tmp_path)
    cache = project_copy / ".cache"
    cache.mkdir()
    key = fileio.local_key()
    (cache / "commit-a.json").write_bytes(evil_journal(str(project_copy), victim, stolen, key))
    figure = project_copy / "figures" / "mazhilis_indices.csv"
    sneaky = {"root": str(project_copy), "rename": [], "delete": [str(project_copy / "figures" / ".." / "data" /
                                                                      "regions.csv")]}
    (cache / "commit-b.json").write_bytes(json.dumps(fileio.signed(sneaky, key)).encode())
    other_root = {"root": str(tmp_path / "elsewhere"), "rename": [], "delete": [str(figure)]}
    (cache / "commit-c.json").write_bytes(json.dumps(fileio.signed(other_root, key)).encode())
    before = snapshot(project_copy)
    runner.remove_leftovers()
    assert victim.exists() and not stolen.exists()
    assert snapshot(project_copy) == before
    assert sorted(p.name for p in cache.glob("commit-*.json")) == ["commit-a.json", "commit-b.json", "commit-c.json"]
    # and one of its own, naming only figures/, is completed as before
    (cache / "commit-a.json").unlink(), (cache / "commit-b.json").unlink(), (cache / "commit-c.json").unlink()
    own = {"root": str(project_copy), "rename": [], "delete": [str(figure)]}
    (cache / "commit-d.json").write_bytes(json.dumps(fileio.signed(own, key)).encode())
    runner.remove_leftovers()
    assert not figure.exists() and not (cache / "commit-d.json").exists()


def test_a_committed_link_for_cache_or_figures_is_refused(upstream, tmp_path):
    outside = tmp_path / "home"
    outside.mkdir()
    (outside / ".keep.tmp").write_text("mine", encoding="utf-8")
    clone = hostile_clone(upstream, tmp_path / "clone", {}, {".cache": str(outside)})
    run = run_kzreform(clone, "reproduce")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert ".cache is a link to another place (expected a real folder of this project" in run.stderr
    assert sorted(p.name for p in outside.iterdir()) == [".keep.tmp"]
    check = run_kzreform(clone, "check")
    assert check.returncode == 1 and ".cache:0:-: is tracked by git" in check.stdout


# --- run state: a cache, never evidence ---------------------------------------------------------------------

NOTEBOOK, FIGURE = "04_mazhilis_elections", "mazhilis_indices"


def forged_state(root: Path) -> bytes:
    """What the runner before this defence would have accepted for a hand-edited figure."""
    shared = runner.shared_inputs_digest()
    nb = root / "notebooks" / f"{NOTEBOOK}.ipynb"
    return json.dumps({NOTEBOOK: {"inputs": runner.code_digest(nb, shared), "outputs": runner.output_digests(nb),
                                  "seconds": 1}}).encode()


@pytest.mark.slow
def test_a_committed_run_state_does_not_vouch_for_a_hand_typed_number(upstream, tmp_path, monkeypatch):
    from test_hostile_runs import use_copy
    entry = upstream / "figures" / f"{FIGURE}.json"
    good = entry.read_bytes()
    lie = json.loads(good)
    lie["title"] = lie["title"].replace("2.1 in 2023", "4.6 in 2023")
    assert lie["title"] != json.loads(good)["title"]
    entry.write_text(json.dumps(lie, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    git(upstream, "commit", "-q", "-am", "a typed number")
    with monkeypatch.context() as m:
        use_copy(m, upstream)
        state = forged_state(upstream)
    victim, stolen = outside_files(tmp_path)
    clone = tmp_path / "clone"
    hostile_clone(upstream, clone, {".cache/reproduce.json": state,
                                    ".cache/commit-x.json": evil_journal(str(clone), victim, stolen)})
    run = run_kzreform(clone, "reproduce", NOTEBOOK)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning: .cache/reproduce.json is tracked by git (run state is a cache, never evidence); ignored" \
        in run.stderr
    assert f"executed  {NOTEBOOK}.ipynb" in run.stdout
    assert (clone / "figures" / f"{FIGURE}.json").read_bytes() == good  # the typed number is gone
    # the diff shows the lie (and the state now is this checkout's own)
    assert git_status(clone).splitlines() == [" M .cache/reproduce.json", f" M figures/{FIGURE}.json"]
    assert victim.exists() and not stolen.exists()


def test_a_state_copied_from_another_checkout_is_not_trusted(project_copy, monkeypatch, state_home, capsys):
    from test_hostile_runs import use_copy
    use_copy(monkeypatch, project_copy)
    (project_copy / ".cache").mkdir()
    record = fileio.signed({"root": "/somewhere/else", "notebooks": {NOTEBOOK: {"inputs": "x"}}}, fileio.local_key())
    (project_copy / ".cache" / "reproduce.json").write_text(json.dumps(record), encoding="utf-8")
    assert runner.load_state() == {}
    assert "was not written by a run in this checkout (copied or edited); ignored" in capsys.readouterr().err
    runner.save_state({NOTEBOOK: {"inputs": "y"}})
    assert runner.load_state() == {NOTEBOOK: {"inputs": "y"}}
    forged = json.loads((project_copy / ".cache" / "reproduce.json").read_text(encoding="utf-8"))
    forged["notebooks"][NOTEBOOK]["inputs"] = "z"
    (project_copy / ".cache" / "reproduce.json").write_text(json.dumps(forged), encoding="utf-8")
    assert runner.load_state() == {}
    (project_copy / ".cache" / "reproduce.json").write_text(json.dumps({NOTEBOOK: {"inputs": "y"}}), encoding="utf-8")
    assert runner.load_state() == {}  # unsigned: not ours


def test_check_fails_when_git_tracks_anything_in_an_ignored_folder(upstream, tmp_path):
    clone = hostile_clone(upstream, tmp_path / "clone", {"reports/index.html": b"<p>x</p>\n",
                                                         "figures/.x.png.1.tmp": b"x"})
    check = run_kzreform(clone, "check")
    assert check.returncode == 1 and "Traceback" not in check.stderr
    lines = check.stdout.splitlines()
    assert any(line.startswith("reports/index.html:0:-: is tracked by git but lies in a folder git ignores")
               for line in lines)
    assert any(line.startswith("figures/.x.png.1.tmp:0:-: is tracked by git") for line in lines)
    assert lines[-1] == "2 problems found"


# --- a user's edit saved during a run is never lost ---------------------------------------------------------

SAVED_DURING = ("from kzreform import charts\nimport pandas as pd\n"
                "charts.save_table('saved_during_t', pd.DataFrame({'x': [1]}), 't', 'd', ['ksrk_analytics'], "
                "'92_saved_during')", "import time\ntime.sleep(8)")


def test_a_notebook_saved_during_a_run_is_kept(project_copy, state_home):
    path = project_copy / "notebooks" / "92_saved_during.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c, id=f"c{i}") for i, c in enumerate(SAVED_DURING)])
    nbformat.write(nb, path)
    env = dict(os.environ, PYTHONPATH=str(project_copy))
    proc = subprocess.Popen([sys.executable, "-m", "kzreform", "reproduce", "92_saved_during"], cwd=project_copy,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not list((project_copy / ".cache").glob("staging-*/saved_during_t.csv")) and time.time() < deadline:
        time.sleep(0.1)
    nb.cells.append(nbformat.v4.new_markdown_cell("The user's new paragraph, saved by autosave.", id="mine"))
    nbformat.write(nb, path)  # as JupyterLab saves: the whole file
    mine = path.read_bytes()
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 1, out + err
    assert "notebooks/92_saved_during.ipynb was saved by someone else while it ran (an editor's autosave?): your " \
           "version was kept and nothing of this run was written; the executed copy is in " \
           ".cache/executed/92_saved_during.ipynb; run reproduce again" in out
    assert "Traceback" not in out + err
    assert path.read_bytes() == mine
    assert not list((project_copy / "figures").glob("saved_during_t*"))
    executed = nbformat.read(project_copy / ".cache" / "executed" / "92_saved_during.ipynb", as_version=4)
    assert len(executed.cells) == 2
    # run again: now it is committed, the user's paragraph with it
    again = run_kzreform(project_copy, "reproduce", "92_saved_during")
    assert again.returncode == 0, again.stdout
    assert "The user's new paragraph" in path.read_text(encoding="utf-8")


def test_commit_refuses_when_the_notebook_changed(project_copy, monkeypatch, state_home):
    from test_hostile_runs import staged_run, use_copy
    use_copy(monkeypatch, project_copy)
    nb_path, nb, staging = staged_run(project_copy)
    source = nb_path.read_bytes()
    nb_path.write_bytes(source.replace(b'"cells": [', b'"cells": [ ', 1))
    before = snapshot(project_copy)
    with pytest.raises(runner.RunError, match="was saved by someone else while it ran"):
        runner.commit(nb_path, nb, staging, source)
    assert snapshot(project_copy) == before
    assert not list(project_copy.rglob(".*.tmp"))


# --- an environment variable does not redirect a checkout ----------------------------------------------------

def test_kzreform_data_in_a_checkout(project_copy, tmp_path):
    other = tmp_path / "other-data"
    shutil.copytree(project_copy / "data", other)
    before = snapshot(project_copy)
    env = dict(os.environ, PYTHONPATH=str(project_copy), KZREFORM_DATA=str(other))

    def run(*args):
        return subprocess.run([sys.executable, "-m", "kzreform", *args], cwd=project_copy, env=env,
                              capture_output=True, text=True, timeout=600)
    r = run("reproduce")
    assert r.returncode == 1 and "Traceback" not in r.stderr
    assert f"KZREFORM_DATA is set ({other}), but this is a checkout of the project: reproduce writes the committed " \
           "notebooks, figures and README from the checkout's own data/ only" in r.stderr
    r = run("figures", "mazhilis_indices", "--format", "svg", "--out", str(tmp_path / "out"))
    assert r.returncode == 0, r.stderr
    assert f"NOTE: reading the data in {other} (KZREFORM_DATA is set), not this checkout's data/" in r.stderr
    r = run("check")
    assert r.returncode == 0 and f"reading the data in {other}" in r.stderr
    assert snapshot(project_copy) == before


def test_the_key_is_private_and_stable(state_home):
    key = fileio.local_key()
    assert key == fileio.local_key() and len(key) >= 32
    if os.name == "posix":
        assert (state_home / "key").stat().st_mode & 0o077 == 0
    assert hashlib.sha256(key).hexdigest() not in json.dumps(fileio.signed({"a": 1}, key))
