"""Explorers: the same numbers as the package's functions, a static view in the committed notebook, and the
controls working in a real browser (the Voilà page and JupyterLab), offline and without console errors."""

from __future__ import annotations

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
import pandas as pd
import pytest

from browser import Browser, chromium
from kzreform import elections as el, exhibits, explorers, paths, referendums as rf, wording
from kzreform.names import PARTY_SHORT

NOTEBOOK = paths.NOTEBOOKS / "07_explore.ipynb"
SCREENSHOTS = os.environ.get("KZREFORM_SCREENSHOTS")  # a folder: keep the screenshots there (the README's)
needs_chromium = pytest.mark.skipif(not chromium() and not os.environ.get("CI"),
                                    reason="Chromium is not installed; CI installs it and never skips")


@pytest.fixture(scope="module")
def t():
    return exhibits.tables()


def expected_seats(t, date: str, threshold: float, list_seats: int) -> dict[str, int]:
    votes = el.list_votes(t.mazhilis_results, date)
    seats = el.allocate_seats(votes, list_seats, threshold, votes.sum() + el.against_all(t.mazhilis_totals, date))
    return {PARTY_SHORT[p]: int(s) for p, s in seats.items()}


# --- the functions behind the views ------------------------------------------------------------------------

@pytest.mark.parametrize("date,threshold,seats", [("2023-03-19", 0, 69), ("2023-03-19", 7, 69),
                                                  ("2021-01-10", 5, 98), ("2021-01-10", 10, 98),
                                                  ("2016-03-20", 10, 98), ("2023-03-19", 5, 1)])
def test_seats_view_is_allocate_seats(t, date, threshold, seats):
    table, lines = explorers.seats_table(t, pd.Timestamp(date), threshold, seats)
    assert table["Seats"].to_dict() == expected_seats(t, date, threshold, seats)
    assert table["Seats"].sum() == seats
    change = table["Seats"] - table["Official list seats"]  # written with its sign: +6, −5 (a minus sign), 0
    assert table["Difference"].tolist() == [wording.signed(d) for d in change]
    assert all(d == "0" or d[0] in "+\u2212" for d in table["Difference"])
    assert f"At {threshold:g}% and {seats} list seats" in lines[0]


def test_seats_at_the_official_rules_are_the_official_result(t):
    for date in exhibits.elections.election_dates(t):
        rule = el.rules_for(t.mazhilis_rules, date)
        table, _ = explorers.seats_table(t, date, float(rule["threshold_pct"]), int(rule["list_seats"]))
        assert (table["Difference"] == "0").all(), date


def test_seats_at_seven_percent_in_2023_drop_two_lists(t):
    table, lines = explorers.seats_table(t, pd.Timestamp("2023-03-19"), 7, 69)
    assert table.loc["People's Party", "Seats"] == 0 and table.loc["OSDP", "Seats"] == 0
    assert table.loc["People's Party", "Official list seats"] == 5 and table.loc["OSDP", "Official list seats"] == 4
    assert "4 lists cross the threshold" in lines[0]


def test_runner_up_admitted_is_said(t):
    table, lines = explorers.seats_table(t, pd.Timestamp("2016-03-20"), 10, 98)
    assert table.loc["Ak Zhol", "Crosses the threshold"] == "no" and table.loc["Ak Zhol", "Seats"] > 0
    assert any("admits the next-best list" in line for line in lines)


@pytest.mark.parametrize("base,column", list(explorers.BASES.items()))
def test_referendum_view_uses_the_chosen_base(t, base, column):
    d = rf.denominators(t.referendum_results).set_index("vote_date")
    for date, row in d.iterrows():
        _, lines = explorers.referendum_view(t, date, base)
        assert f"yes was {row[column]:.2f}% of {base}" in lines[0]


def test_referendum_rules_match_adoption(t):
    a = rf.adoption(t.referendum_results, t.referendum_rules).set_index("vote_date")
    for date, row in a.iterrows():
        table, _ = explorers.referendum_view(t, date, "ballots cast")
        assert table.loc["Turnout above half of the registered voters", "Met"] == ("yes" if row["quorum_met"] else "no")
        assert table.loc["Yes above half of the ballots cast", "Met"] == ("yes" if row["majority_met"] else "no")


def test_table_filter_searches_every_column_case_blind(t):
    everything = explorers.table_rows(t, "resolutions")
    assert len(everything) == len(t.court_rulings)
    criminal = explorers.table_rows(t, "resolutions", "CRIMINAL")
    assert 0 < len(criminal) < len(everything)
    text = criminal.reset_index().astype(str).apply(lambda c: c.str.lower().str.contains("criminal")).any(axis=1)
    assert text.all()
    assert len(explorers.table_rows(t, "sources", "akorda.kz")) >= 1
    assert len(explorers.table_rows(t, "claims", "no such text at all")) == 0
    assert len(explorers.table_rows(t, "sources", "[(")) == 0  # typed text is not a pattern


def test_views_escape_text_from_data(t):
    hostile = exhibits.Tables()
    rulings = t.court_rulings.copy()
    rulings.loc[rulings.index[0], "subject_en"] = '<img src=x onerror="alert(1)">criminal'
    hostile.court_rulings = rulings
    frame = explorers.table_rows(hostile, "resolutions", "onerror")
    assert len(frame) == 1
    page = explorers._html("<script>alert(1)</script>", ["<b>x</b>"], frame)
    assert "<img" not in page and "<script>" not in page and "<b>x</b>" not in page
    assert '&lt;img src=x onerror="alert(1)"&gt;criminal' in page  # text, not markup


# --- the committed notebook --------------------------------------------------------------------------------

def test_committed_notebook_has_the_static_views_and_no_widget_state():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    assert "widgets" not in nb.metadata
    html = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            assert "application/vnd.jupyter.widget-view+json" not in out.get("data", {})
            html.append(out.get("data", {}).get("text/html", ""))
    text = "".join(html)
    for name in ("seats", "referendum", "turnout", "tables", "article"):
        assert f'data-explorer="{name}"' in text, name
    assert 'data-article="2026:43"' in text and "<del>" in text and "<ins>" in text  # the default: the President's term
    assert 'data-threshold="5"' in text  # the default: the 2023 election at its own 5%


def test_quiet_lab_settings_are_in_the_environment(tmp_path):
    from kzreform.app import install_settings
    written = install_settings(str(tmp_path))
    assert len(written) == 2 and install_settings(str(tmp_path)) == []  # idempotent
    lab = json.loads((tmp_path / "share/jupyter/lab/settings/overrides.json").read_text())
    assert lab["@jupyterlab/apputils-extension:notification"] == {"fetchNews": "false", "checkForUpdates": False}
    assert lab["@jupyterlab/notebook-extension:tracker"]["autoStartDefaultKernel"] is True
    server = json.loads((tmp_path / "etc/jupyter/jupyter_server_config.d/kzreform.json").read_text())
    assert server["LabApp"]["news_url"] is None
    assert (Path(sys.prefix) / "share/jupyter/lab/settings/overrides.json").is_file()  # make installed them


def test_runner_strips_widget_outputs():
    from kzreform.runner import normalise
    nb = nbformat.v4.new_notebook()
    cell = nbformat.v4.new_code_cell("w")
    cell.outputs = [nbformat.v4.new_output("display_data", {"application/vnd.jupyter.widget-view+json":
                                                            {"model_id": "abc", "version_major": 2},
                                                            "text/plain": "HBox()"}),
                    nbformat.v4.new_output("display_data", {"text/html": "<p>kept</p>"})]
    nb.cells = [cell]
    nb.metadata["widgets"] = {"application/vnd.jupyter.widget-state+json": {}}
    normalise(nb)
    assert [o["data"] for o in nb.cells[0].outputs] == [{"text/html": "<p>kept</p>"}]
    assert "widgets" not in nb.metadata


# --- in a real browser -------------------------------------------------------------------------------------

# Find an explorer's control by its label, within the box that holds that explorer's view; set it as a user
# would (the widget listens for the same 'change' event a click or Enter sends).
JS = r"""
window.kz = {
  box(name) { const v = document.querySelector(`[data-explorer="${name}"]`);
              return v && v.closest('.widget-vbox'); },
  control(name, label) {
    const box = kz.box(name); if (!box) return null;
    return Array.from(box.querySelectorAll('.widget-inline-hbox')).find(
      d => d.querySelector('label') && d.querySelector('label').textContent.trim() === label) || null; },
  choose(name, label, text) {
    const s = kz.control(name, label).querySelector('select');
    const i = Array.from(s.options).findIndex(o => o.textContent.replace(/\u00a0/g, ' ').trim() === text);  // widgets show spaces as no-break spaces
    if (i < 0) throw new Error(`no option ${text} in ${label}: ${Array.from(s.options).map(o => o.textContent).join('|')}`);
    s.selectedIndex = i; s.dispatchEvent(new Event('change', {bubbles: true})); return true; },
  type(name, label, text) {
    const input = kz.control(name, label).querySelector('input');
    input.value = text; input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new Event('change', {bubbles: true}));
    input.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', keyCode: 13, bubbles: true})); return true; },
  seats() { const rows = document.querySelectorAll('[data-explorer="seats"] table tbody tr');
            return Object.fromEntries(Array.from(rows).map(r => [r.querySelector('th').textContent.trim(),
                                                                  parseInt(r.querySelectorAll('td')[2].textContent)])); },
  ready() { return ['seats', 'referendum', 'turnout', 'tables', 'article'].every(n => kz.box(n)); },
};
true
"""


def use_explorers(b: Browser, t, shots: Path, prefix: str) -> None:
    """Move each explorer's controls and check the views against the package's own functions."""
    b.evaluate(JS)
    b.wait_for("kz.ready()", 180)
    b.evaluate("kz.choose('seats', 'Election', '2023')")
    b.evaluate("kz.choose('seats', 'Threshold', '7%')")
    b.wait_for("document.querySelector('[data-explorer=seats]').dataset.threshold === '7'", 60)
    assert b.evaluate("kz.seats()") == expected_seats(t, "2023-03-19", 7, 69)
    b.evaluate("kz.box('seats').scrollIntoView()")
    b.screenshot(shots / f"{prefix}_seats.png", full=False)
    b.evaluate("kz.choose('seats', 'Election', '2021')")
    b.evaluate("kz.choose('seats', 'Threshold', '10%')")
    b.wait_for("document.querySelector('[data-explorer=seats]').textContent.includes('Mazhilis 2021: list seats at 10%')")
    assert b.evaluate("kz.seats()") == expected_seats(t, "2021-01-10", 10, 98)

    b.evaluate("kz.choose('referendum', 'Base', 'registered voters')")
    b.wait_for("document.querySelector('[data-explorer=referendum]').textContent.includes('of registered voters')")
    d = rf.denominators(t.referendum_results)
    shown = b.evaluate("document.querySelector('[data-explorer=referendum]').textContent")
    row = d[d["vote_date"] == pd.Timestamp("2022-06-05")].iloc[0]
    assert f"yes was {row['yes_of_registered_pct']:.2f}% of registered voters" in shown

    b.evaluate("kz.choose('turnout', 'Hour', '10:00')")
    b.wait_for("document.querySelector('[data-explorer=turnout]').textContent.includes('Turnout at 10:00')")
    at = rf.regions_latest_turnout(t.referendum_turnout_hourly, t.regions, pd.Timestamp("2022-06-05"), "10:00")
    shown = b.evaluate("document.querySelector('[data-explorer=turnout]').textContent")
    assert f"{at['turnout_pct'].max():.2f}" in shown
    b.evaluate("kz.box('turnout').scrollIntoView()")
    b.screenshot(shots / f"{prefix}_turnout.png", full=False)

    b.evaluate("kz.type('tables', 'Contains', 'akorda')")
    b.evaluate("kz.choose('tables', 'Table', 'Sources')")
    from kzreform import wording
    n = wording.plural(len(explorers.table_rows(t, "sources", "akorda")), "row")
    b.wait_for(f"document.querySelector('[data-explorer=tables]').textContent.includes('{n}')", 60)

    # the article explorer: words narrow the list, the chosen article's changes are marked
    b.evaluate("kz.type('article', 'Search', 'ста сорока пяти')")
    b.wait_for("document.querySelector('[data-explorer=article]').dataset.article === '2026:53'", 60)
    side, _, laws = explorers.article_view(t, "2026:53")
    shown = b.evaluate("document.querySelector('[data-explorer=article] .kz-sides').innerHTML")
    assert "<ins>" in shown and "<del>" in shown and "Курултай" in shown
    assert b.evaluate("document.querySelectorAll('[data-explorer=article] table').length") == (2 if len(laws) else 1)
    b.evaluate("kz.box('article').scrollIntoView()")
    b.screenshot(shots / f"{prefix}_article.png", full=False)


def start(command: list[str], env: dict | None = None, pattern: str = r"http://127\.0\.0\.1:\d+/\S*",
          timeout: float = 180) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                            cwd=paths.ROOT, env=env, start_new_session=True)
    deadline, seen = time.time() + timeout, []
    while time.time() < deadline:
        line = proc.stdout.readline()
        if not line and proc.poll() is not None:
            break
        seen.append(line)
        found = re.search(pattern, line)
        if found:
            return proc, found.group(0)
    proc.kill()
    raise AssertionError("server did not start:\n" + "".join(seen[-30:]))


@pytest.fixture
def shots(tmp_path):
    folder = Path(SCREENSHOTS) if SCREENSHOTS else tmp_path
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.mark.checkout_kernels
@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_app_serves_the_explorers_offline_and_stops_on_ctrl_c(t, shots):
    assert chromium(), "CI must have Chromium (.ci/run installs it)"
    proc, url = start([sys.executable, "-m", "kzreform", "app"])
    try:
        assert url.startswith("http://127.0.0.1:")
        with Browser(1200, 900) as b:
            b.goto(url, settle=1)
            use_explorers(b, t, shots, "app")
            text = b.evaluate("document.body.innerText")
            assert "explorers.seats(t)" not in text and "from kzreform import" not in text  # no code shown
            assert b.evaluate("document.querySelectorAll('.jp-CodeCell .jp-InputArea, .jp-CodeMirrorEditor').length") == 0
            assert b.requests_beyond_localhost() == []
            assert b.errors == []
    finally:
        os.killpg(proc.pid, signal.SIGINT)  # Ctrl-C in the terminal reaches the whole group
        try:
            rc = proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
            raise
    rest = proc.stdout.read()
    assert rc == 0 and "Stopped." in rest and "Traceback" not in rest
    for _ in range(50):  # the port is free again: the server and its kernels are gone
        if not _listening(url):
            break
        time.sleep(0.1)
    assert not _listening(url)


def _listening(url: str) -> bool:
    import socket
    port = int(re.search(r":(\d+)/", url).group(1))
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) == 0


@pytest.mark.checkout_kernels
@pytest.mark.slow
@pytest.mark.browser
@needs_chromium
def test_jupyterlab_opens_quietly_on_the_project_kernel_and_runs_the_explorers(t, shots, tmp_path):
    assert chromium(), "CI must have Chromium (.ci/run installs it)"
    from kzreform.app import free_port, install_settings
    install_settings()
    work = tmp_path / "notebooks"  # a copy: nothing JupyterLab saves can touch the committed notebooks
    work.mkdir()
    shutil.copy(NOTEBOOK, work / NOTEBOOK.name)
    second = paths.NOTEBOOKS / "01_court_caseload.ipynb"
    shutil.copy(second, work / second.name)
    settings = tmp_path / "user-settings"  # a fresh user: no settings of this machine's home
    (settings / "@jupyterlab" / "docmanager-extension").mkdir(parents=True)
    (settings / "@jupyterlab" / "docmanager-extension" / "plugin.jupyterlab-settings").write_text(
        json.dumps({"autosave": False}))
    env = dict(os.environ, JUPYTERLAB_SETTINGS_DIR=str(settings), JUPYTERLAB_WORKSPACES_DIR=str(tmp_path / "ws"))
    port, token = free_port(), "kzreform-test"
    proc, _ = start([sys.executable, "-m", "kzreform", "lab", "--no-browser", f"--port={port}",
                     "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={token}",
                     f"--ServerApp.root_dir={work}", "--LabApp.expose_app_in_browser=True"], env=env)
    try:
        with Browser(1280, 1000) as b:
            b.goto(f"http://127.0.0.1:{port}/lab/tree/{NOTEBOOK.name}?token={token}&reset", settle=2)
            panel = ("window.jupyterapp && Array.from(jupyterapp.shell.widgets('main'))"
                     ".find(w => w.context && w.context.path.endsWith('.ipynb'))")
            b.wait_for(f"(() => {{ const p = {panel}; const k = p && p.sessionContext.session && "
                       "p.sessionContext.session.kernel; return k && k.status === 'idle'; })()", 180)
            assert b.evaluate("document.querySelectorAll('.jp-Dialog').length") == 0  # no kernel choice, no news
            assert b.evaluate(f"({panel}).sessionContext.session.kernel.name") == "python3"
            b.evaluate(f"jupyterapp.shell.activateById(({panel}).id)")
            b.evaluate("jupyterapp.commands.execute('notebook:run-all-cells').then(() => true)")
            b.wait_for("document.querySelectorAll('.widget-dropdown').length >= 8", 180)
            use_explorers(b, t, shots, "lab")
            b.evaluate(f"jupyterapp.commands.execute('docmanager:open', {{path: '{second.name}'}}).then(() => true)")  # a second one
            b.wait_for("(() => { const p = Array.from(jupyterapp.shell.widgets('main')).find(w => w.context && "
                       f"w.context.path === '{second.name}'); const k = p && p.sessionContext.session && "
                       "p.sessionContext.session.kernel; return k && k.status === 'idle'; })()", 180)
            assert b.evaluate("document.querySelectorAll('.jp-Dialog').length") == 0
            assert b.evaluate("document.querySelectorAll('.jp-Notification-Toast, .Toastify__toast').length") == 0
            assert b.evaluate("(document.querySelector('.jp-Notification-Status') || {}).innerText") in ("0", None)
            assert b.requests_beyond_localhost() == []
            assert b.errors == []
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(60)
        except subprocess.TimeoutExpired:
            proc.kill()
    assert nbformat.read(NOTEBOOK, as_version=4) == nbformat.read(work / NOTEBOOK.name, as_version=4)
