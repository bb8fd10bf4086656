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

# each test commits in a temporary repository, clones it and runs the clone: the slow tier
pytestmark = [pytest.mark.skipif(shutil.which("git") is None, reason="needs git"), pytest.mark.slow]


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
    assert victim.read_text(encoding="utf-8") == "two years of work\n" and not stolen.exists()
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
    lie["title"] = "In 2023 seats followed votes 4.6 times more closely than in 2021"  # a number typed by hand
    assert lie["title"] != json.loads(good)["title"]
    entry.write_text(json.dumps(lie, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    git(upstream, "commit", "-q", "-am", "a typed number")
    with monkeypatch.context() as m:
        use_copy(m, upstream)
        state = forged_state(upstream)
    victim, stolen = outside_files(tmp_path)
    clone = tmp_path / "clone"
    hostile_clone(upstream, clone, {".cache/reproduce.json": state,
                                    ".cache/commit-x.json": evil_journal(str(clone), victim, stolen)},
                  {f".cache/kernel-{NOTEBOOK}.log": str(victim), ".cache/reproduce.lock": str(victim)})
    run = run_kzreform(clone, "reproduce", NOTEBOOK)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "warning: .cache/reproduce.json is tracked by git (run state is a cache, never evidence); ignored" \
        in run.stderr
    assert f"executed  {NOTEBOOK}.ipynb" in run.stdout
    assert (clone / "figures" / f"{FIGURE}.json").read_bytes() == good  # the typed number is gone
    # the diff shows the lie (and the state, lock and log are now this checkout's own, no longer links)
    assert set(git_status(clone).splitlines()) == {f" D .cache/kernel-{NOTEBOOK}.log", " M .cache/reproduce.json",
                                                   " T .cache/reproduce.lock", f" M figures/{FIGURE}.json"}
    assert victim.read_text(encoding="utf-8") == "two years of work\n" and not stolen.exists()


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

SAVED_DURING = ("from kzreform import output\nimport pandas as pd\n"
                "output.save_table('saved_during_t', pd.DataFrame({'x': [1]}), 't', 'd', ['ksrk_analytics'], "
                "'92_saved_during')", "import time\ntime.sleep(5)")


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


# --- hostile data and descriptors, committed and cloned: `check` refuses each, in seconds ------------------------

def _set_line(path: Path, start: bytes, old: bytes, new: bytes) -> None:
    lines = path.read_bytes().split(b"\n")
    i = next(i for i, line in enumerate(lines) if line.startswith(start))
    assert old in lines[i], (old, lines[i])
    lines[i] = lines[i].replace(old, new, 1)
    path.write_bytes(b"\n".join(lines))


INVISIBLE = {"\u2060": "WORD JOINER", "\u200c": "ZERO WIDTH NON-JOINER", "\u200d": "ZERO WIDTH JOINER",
             "\u00ad": "SOFT HYPHEN", "\u3164": "HANGUL FILLER", "\U000e0041": "TAG LATIN CAPITAL LETTER A",
             "\u2028": "LINE SEPARATOR", "\u2029": "PARAGRAPH SEPARATOR", "\ue000": "Co character",
             "\u0378": "Cn character", "\u115f": "HANGUL CHOSEONG FILLER"}


@pytest.mark.parametrize("char", sorted(INVISIBLE), ids=[INVISIBLE[c] for c in sorted(INVISIBLE)])
def test_every_invisible_character_is_refused(char):
    from kzreform.validate import text_problem
    found = text_problem(f"Court{char}press service", "string")
    assert found == f"contains an invisible or control character (U+{ord(char):04X} {INVISIBLE[char]}) at position 6 " \
                    "(expected printable text; delete it)"
    assert text_problem("Конституционный суд, Қазақстан – «жаңа»", "string") is None


def test_hostile_data_committed_and_cloned_is_refused_by_check(upstream, tmp_path):
    data = upstream / "data"
    _set_line(data / "population.csv", b"Kazakhstan,2024-01-01,", b",20033546,", b",200335460,")
    _set_line(data / "referendum_regions.csv", b"2022-06-05,KZ-15,yes_pct,", b",71.47,", b",165.47,")
    _set_line(data / "regions.csv", b"KZ-10,", b",2022-06-08,4,2,", b",2022-06-08,3,2,")
    _set_line(data / "court_caseload.csv", b"constitutional_court,appeals_received,count,2023-01-01,2023-01-23,",
              b"Court press service", "Court\u2060press service".encode())
    _set_line(data / "mazhilis_rules.csv", b"2023-03-19,", b"2023-03-19,5,", b"2023-03-19,7,")
    _set_line(data / "referendum_turnout_hourly.csv", b"2022-06-05,KZ-23,12:00,37.77,", b",sources_agree; turnout_rises",
              b",")  # the note still says 'Known discrepancy'
    _set_line(data / "sources.csv", b"abai_153057,", b"abai_153057,Abai.kz,", b"abai_153057,Abai.kz " + b"x" * 100_000 + b",")
    git(upstream, "commit", "-q", "-am", "data")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), clone.name)
    start = time.monotonic()
    check = run_kzreform(clone, "check")
    assert time.monotonic() - start < 60
    assert check.returncode == 1 and "Traceback" not in check.stderr
    for expected in ("data/population.csv:16:value: Kazakhstan population 200,335,460 on 2024-01-01 is +914%",
                     ":value: a share must lie between 0 and 100 (found 165.47)",
                     "data/regions.csv:19:tile_y: tile (3, 2) already holds KZ-35 (row 8)",
                     "data/court_caseload.csv:2:note: contains an invisible or control character (U+2060 WORD JOINER)",
                     "data/mazhilis_rules.csv:4:threshold_pct: 7% for 2023-03-19, but osdp won 4 list seats with 5.2%",
                     "KZ-23 turnout falls to 37.33% at 12:00 from 37.77% earlier",
                     ":publisher: expected at most 10000 characters (the limit for a cell; a field may declare a "
                     "larger maxLength), found 100008"):
        assert expected in check.stdout, expected
    # and nothing downstream runs on it
    run = run_kzreform(clone, "reproduce", "04_mazhilis_elections")
    assert run.returncode == 1 and "Traceback" not in run.stderr
    assert git_status(clone) == ""


def test_hostile_descriptor_committed_and_cloned_is_refused_by_check(upstream, tmp_path):
    package = json.loads((upstream / "data" / "datapackage.json").read_text(encoding="utf-8"))
    names = [r["name"] for r in package["resources"]]
    regions = package["resources"][names.index("regions")]
    regions["schema"]["fields"][0]["constraints"]["pattern"] = "(K+)+Z-[0-9]{2}"
    sources = package["resources"][names.index("sources")]
    codebook = json.loads(json.dumps(package["resources"][names.index("glossary")]))
    codebook["name"] = "codebook"
    sqlite = json.loads(json.dumps(codebook))
    sqlite["name"] = "sqlite_master"
    package["resources"] += [codebook, sqlite]
    (upstream / "data" / "datapackage.json").write_text(json.dumps(package, indent=2, ensure_ascii=False) + "\n",
                                                        encoding="utf-8")
    # a cell that makes the backtracking pattern run for ever, were it ever matched
    _set_line(upstream / "data" / "regions.csv", b"KZ-11,", b"KZ-11,", b"KKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKKK-11,")
    git(upstream, "commit", "-q", "-am", "descriptor")
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", str(upstream), clone.name)
    start = time.monotonic()
    check = run_kzreform(clone, "check", timeout=120)
    assert time.monotonic() - start < 60
    assert check.returncode == 1 and "Traceback" not in check.stderr
    i = names.index("regions")
    assert f"data/datapackage.json:0:resources[{i}].schema.fields[0]: constraint pattern '(K+)+Z-[0-9]{{2}}' has a " \
           "repeated part that can also match what follows it" in check.stdout
    for n, name in ((len(names), "codebook"), (len(names) + 1, "sqlite_master")):
        assert f"data/datapackage.json:0:resources[{n}]: name '{name}' is reserved or too long for the exports" \
            in check.stdout
    export = run_kzreform(clone, "export", "--out", str(tmp_path / "exports"), timeout=120)
    assert export.returncode == 1 and "Traceback" not in export.stderr
    assert not (tmp_path / "exports").exists() or not any((tmp_path / "exports").rglob("*.*"))


# --- the smaller items: exports all or nothing, a pixel budget, a kernel that cannot start ---------------------

def test_an_export_that_fails_half_way_writes_nothing(tmp_path, monkeypatch, state_home):
    import errno
    import io
    from kzreform import export
    out = tmp_path / "exports"
    real = fileio._write_temp
    calls = {"n": 0}

    def full_disk(folder, name, data):
        calls["n"] += 1
        if calls["n"] == 5:  # after the workbook and three Parquet files
            raise OSError(errno.ENOSPC, "No space left on device")
        return real(folder, name, data)
    monkeypatch.setattr(fileio, "_write_temp", full_disk)
    with pytest.raises(OSError, match="No space left"):
        export.write_all(out, stream=io.StringIO())
    assert [p for p in out.rglob("*") if p.is_file()] == []
    monkeypatch.setattr(fileio, "_write_temp", real)
    written = export.write_all(out, stream=io.StringIO())
    assert sorted(p.name for p in out.iterdir() if p.is_file()) == ["README.txt", "kzreform-data.zip",
                                                                    "kzreform.sqlite", "kzreform.xlsx",
                                                                    "metadata.json"]
    assert all(p.exists() for p in written)


def test_figures_refuses_a_png_beyond_the_pixel_budget(tmp_path, capsys):
    from kzreform.__main__ import main
    assert main(["figures", "mazhilis_indices", "--dpi", "1200", "--width", "40", "--height", "40",
                 "--out", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert "--dpi 1200 at 40 x 40 in makes a PNG of 2,304 million pixels (mazhilis_indices); expected at most 150 " \
           "million" in err
    assert list(tmp_path.iterdir()) == []


def test_a_kernel_that_cannot_start_is_started_again_quietly(project_copy, monkeypatch, capfd):
    """As when another process takes the kernel's port between its choice and its use (ZMQ: address in use)."""
    from test_hostile_runs import notebook, use_copy
    import nbclient
    use_copy(monkeypatch, project_copy)
    notebook(project_copy / "notebooks" / "91_port.ipynb", "print(6 * 7)")
    real, calls = nbclient.NotebookClient.execute, {"n": 0}

    def flaky(self, **kwargs):
        calls["n"] += 1
        if calls["n"] < 3:
            raise RuntimeError("Kernel died before replying to kernel_info")
        return real(self, **kwargs)
    monkeypatch.setattr(nbclient.NotebookClient, "execute", flaky)
    staging = project_copy / ".cache" / "staging-91"
    staging.mkdir(parents=True)
    nb = runner.execute(project_copy / "notebooks" / "91_port.ipynb", staging, timeout=120)
    assert calls["n"] == 3 and nb.cells[0].outputs[0]["text"] == "42\n"
    assert not (project_copy / ".cache" / "kernel-91_port.log").exists()
    calls["n"] = -10  # never starts: one message, no traceback
    with pytest.raises(runner.RunError, match=r"the kernel did not start \(Kernel died before replying to "
                                              r"kernel_info; its log: .cache/kernel-91_port.log\)"):
        runner.execute(project_copy / "notebooks" / "91_port.ipynb", staging, timeout=120)


def test_a_look_alike_letter_in_a_display_name_is_refused():
    from kzreform.validate import parse_cell
    assert parse_cell("Nur Оtan", {"name": "name_en", "type": "string"}) == (
        None, "mixes Latin and Cyrillic letters in one word ('Оtan'), as a look-alike letter does (expected each "
              "word in one alphabet; retype it)")
    assert parse_cell("Ак жол", {"name": "name_ru", "type": "string"})[1] is None
    assert parse_cell("Nur Otan (Нур Отан)", {"name": "name_en", "type": "string"})[1] is None
