"""Explorers: the what-ifs readers ask, answered by the package's own functions (no second implementation).

Each explorer shows its controls and, below them, a view that changes when a control does. Run headless
(`reproduce` sets KZREFORM_HEADLESS), an explorer leaves only a static rendering of its default settings (and the
runner strips any widget output, whose ids change from run to run), so the committed notebook
reads on GitHub and in the reports. Every text from data is escaped.
"""

from __future__ import annotations

import html
import io
import os

import pandas as pd

from . import elections as el, referendums as rf, wording
from .names import PARTY_SHORT, region_abbreviation, region_name
from .readable import mended
from .tables import tables as loaded_tables

THRESHOLDS = [x / 2 for x in range(0, 21)]  # 0% to 10% in half points


def _html(title: str, lines: list[str], table: pd.DataFrame | None = None, attrs: str = "", figure: str = "") -> str:
    """A view: a heading, sentences, a chart (markup made here, not from data) and a table; text from data is
    untrusted and escaped."""
    out = [f'<div class="kz-explorer jp-RenderedHTMLCommon" {attrs}><p><b>{html.escape(title)}</b></p>']
    out += [f"<p>{html.escape(line)}</p>" for line in lines]
    if figure:
        out.append(f"<p>{figure}</p>")
    if table is not None:
        out.append(mended(table.to_html(escape=True, border=0, classes="kz-table")))
    out.append("</div>")
    return "\n".join(out)


def headless() -> bool:
    """Run by `reproduce` (no browser to draw controls): the explorers then leave only their default view."""
    return os.environ.get("KZREFORM_HEADLESS") == "1"


def _show(controls: list, view) -> None:
    """With a browser: the controls above a view that follows them. Headless: the view of the default settings,
    as static HTML (nothing of the controls is left in the notebook)."""
    from IPython.display import HTML, display
    if headless():
        display(HTML(view()))
        return
    import ipywidgets as w
    shown = w.HTML(value=view())

    def update(_change=None):
        shown.value = view()
    for control in controls:
        control.observe(update, "value")
    display(w.VBox([w.HBox(controls, layout=w.Layout(flex_flow="row wrap")), shown]))


# --- seats under another threshold ----------------------------------------------------------------------

def seats_table(t, date, threshold: float, list_seats: int) -> tuple[pd.DataFrame, list[str]]:
    """Seats per list under a threshold and a number of list seats (kzreform.elections.allocate_seats), beside the
    official result; with the sentences that say who crosses and what changes."""
    results, totals, rules = t.mazhilis_results, t.mazhilis_totals, t.mazhilis_rules
    votes = el.list_votes(results, date)
    denominator = votes.sum() + el.against_all(totals, date)
    seats = el.allocate_seats(votes, list_seats, threshold, denominator)
    official = results[(results["election_date"] == pd.Timestamp(date)) & results["list_votes"].notna()] \
        .set_index("contestant_id")["list_seats"].reindex(votes.index).fillna(0).astype(int)
    share = el.shares(votes, denominator)
    table = pd.DataFrame({"List": [PARTY_SHORT[p] for p in votes.index], "Share of the list vote, %": share.round(2),
                          "Crosses the threshold": ["yes" if s >= threshold - 1e-12 else "no" for s in share],
                          "Seats": seats.values, "Official list seats": official.values,
                          "Difference": [wording.signed(d) for d in (seats - official).values]}).set_index("List")
    rule = el.rules_for(rules, date)
    crossing = [PARTY_SHORT[p] for p in votes.index[share >= threshold - 1e-12]]
    lines = [f"At {threshold:g}% and {list_seats} list seats, {wording.plural(len(crossing), 'list')} "
             f"cross{'es' if len(crossing) == 1 else ''} the threshold: {wording.listing(crossing) or 'none'}.",
             f"The official result used {rule['threshold_pct']:g}% and {int(rule['list_seats'])} list seats."]
    admitted = [PARTY_SHORT[p] for p in votes.index if seats[p] > 0 and PARTY_SHORT[p] not in crossing]
    if admitted:
        lines.insert(1, f"{wording.listing(admitted)} also take{'s' if len(admitted) == 1 else ''} seats: with fewer "
                        "than two lists across the threshold, the law admits the next-best list.")
    return table, lines


def seats(t=None) -> None:
    """Which lists win list seats, and how many, at another threshold or number of seats."""
    import ipywidgets as w
    t = t or loaded_tables()
    dates = el.election_dates(t.mazhilis_rules)
    latest = el.rules_for(t.mazhilis_rules, dates[-1])
    election = w.Dropdown(options=[(str(d.year), d) for d in dates], value=dates[-1], description="Election")
    threshold = w.Dropdown(options=[(f"{x:g}%", x) for x in THRESHOLDS], value=float(latest["threshold_pct"]),
                           description="Threshold")
    list_seats = w.BoundedIntText(value=int(latest["list_seats"]), min=1, max=500, description="List seats")

    def official_seats(change):  # another election: its own number of list seats (the threshold stays)
        list_seats.value = int(el.rules_for(t.mazhilis_rules, change["new"])["list_seats"])
    election.observe(official_seats, "value")

    def view():
        table, lines = seats_table(t, election.value, threshold.value, list_seats.value)
        return _html(f"Mazhilis {election.value.year}: list seats at {threshold.value:g}%", lines, table,
                     f'data-explorer="seats" data-threshold="{threshold.value:g}"')
    _show([election, threshold, list_seats], view)


# --- referendums on another base ----------------------------------------------------------------------

BASES = {"ballots cast": "yes_of_ballots_pct", "valid ballots": "yes_of_valid_pct",
         "registered voters": "yes_of_registered_pct"}


def referendum_view(t, date, base: str) -> tuple[pd.DataFrame, list[str]]:
    d = rf.denominators(t.referendum_results).set_index("vote_date").loc[pd.Timestamp(date)]
    a = rf.adoption(t.referendum_results, t.referendum_rules).set_index("vote_date").loc[pd.Timestamp(date)]
    share = d[BASES[base]]
    lines = [f"{d['label']}: yes was {share:.2f}% of {base}; turnout {d['turnout_pct']:.2f}% ({d['stages']})."]
    rows = [("Turnout above half of the registered voters", "yes" if a["quorum_met"] else "no"),
            ("Yes above half of the ballots cast", "yes" if a["majority_met"] else "no")]
    if pd.notna(a["regional_units"]):
        rows.append((f"Yes majority in at least two-thirds of the {int(a['regional_units'])} units",
                     "not evaluated (the number of units with a yes majority was not found)" if a["regional_rule_met"] is None
                     else ("yes" if a["regional_rule_met"] else "no")))
    return pd.DataFrame(rows, columns=["Rule", "Met"]).set_index("Rule"), lines


def _default_vote(dates: pd.Series):
    """The 2022 referendum (the reform's own), or the latest vote if the data has none."""
    of_2022 = dates[dates.dt.year == 2022]
    return of_2022.iloc[0] if len(of_2022) else dates.max()


def referendum(t=None) -> None:
    """A vote's yes share on the base you choose, and its adoption rules evaluated."""
    import ipywidgets as w
    t = t or loaded_tables()
    d = rf.denominators(t.referendum_results)
    vote = w.Dropdown(options=list(zip(d["label"], d["vote_date"])), value=_default_vote(d["vote_date"]), description="Vote",
                      layout=w.Layout(width="26em"))
    base = w.Dropdown(options=list(BASES), value="ballots cast", description="Base")

    def view():
        table, lines = referendum_view(t, vote.value, base.value)
        return _html("Referendum", lines, table, 'data-explorer="referendum"')
    _show([vote, base], view)


# --- turnout through the day --------------------------------------------------------------------------

def turnout_png(t, date, code: str, time: str) -> bytes:
    """A tile map of every unit at the hour (the chosen one outlined), and a line chart: every unit's turnout
    through the day in grey, the chosen one in colour, a dashed line at the hour. One colour scale per vote (the
    day's range), so moving the hour shows the map filling up."""
    import matplotlib as mpl
    import matplotlib.pyplot as plt
    from . import charts
    h = t.referendum_turnout_hourly
    h = h[(h["vote_date"] == pd.Timestamp(date)) & h["turnout_pct"].notna()
          & (h["exempt_from"].fillna("").str.strip() == "")].drop_duplicates(["region_code", "time"])
    h = h.assign(hour=h["time"].str[:2].astype(int) + h["time"].str[3:].astype(int) / 60)
    charts.use_house_style()
    fig, (ax_map, ax) = plt.subplots(1, 2, figsize=(9, 3.2), layout="constrained", width_ratios=[1, 1.25])
    # the map
    grid = t.regions.set_index("region_code")[["tile_x", "tile_y"]]
    at = rf.regions_latest_turnout(t.referendum_turnout_hourly, t.regions, date, time).set_index("region_code")
    regional = h[h["region_code"] != "KZ"]["turnout_pct"]
    norm = mpl.colors.Normalize(vmin=10 * (regional.min() // 10), vmax=10 * -(-regional.max() // 10))
    cmap = mpl.colormaps["cividis"]
    for unit, (x, y) in grid.iterrows():
        chosen = unit == code
        if unit in at.index and pd.notna(at.loc[unit, "turnout_pct"]):
            v = at.loc[unit, "turnout_pct"]
            face, label, ink = cmap(norm(v)), f"{v:.0f}", "white" if norm(v) < 0.55 else "black"
        else:
            face, label, ink = charts.colour("missing"), "–", charts.MUTED  # no figure, or no such unit then
        ax_map.add_patch(mpl.patches.Rectangle((x, -y), 0.94, -0.94, facecolor=face,
                                               edgecolor=charts.colour("emphasis") if chosen else "#d0d0d0",
                                               linewidth=2.5 if chosen else 0.6, zorder=3 if chosen else 2))
        ax_map.text(x + 0.47, -y - 0.3, region_abbreviation(unit, t.regions), ha="center", va="center", fontsize=6,
                    color=ink, zorder=4)
        ax_map.text(x + 0.47, -y - 0.66, label, ha="center", va="center", fontsize=7.5, color=ink, zorder=4,
                    fontweight="bold")
    ax_map.set_xlim(-0.1, grid["tile_x"].max() + 1.05)
    ax_map.set_ylim(-grid["tile_y"].max() - 1.1, 0.1)
    ax_map.set_aspect("equal")
    ax_map.axis("off")
    ax_map.set_title(f"By region at {time}, %", loc="left", fontsize=8)
    # the line
    for c, g in h.groupby("region_code"):
        if c != code:
            ax.plot(g["hour"], g["turnout_pct"], color=charts.colour("context"), linewidth=0.8)
    g = h[h["region_code"] == code]
    ax.plot(g["hour"], g["turnout_pct"], color=charts.colour("national" if code == "KZ" else "emphasis"),
            linewidth=2, marker="o", markersize=3)
    ax.axvline(int(time[:2]) + int(time[3:]) / 60, color=charts.MUTED, linestyle="--", linewidth=0.8)
    ax.set_ylim(0, 100)
    ax.set_title("Through the day, %", loc="left", fontsize=8)
    whole = range(int(h["hour"].min()), int(-(-h["hour"].max() // 1)) + 1, 2)  # every two hours: labels never touch
    ax.set_xticks(list(whole), [f"{x:02d}:00" for x in whole], fontsize=7)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=100, metadata={"Software": None})
    plt.close(fig)
    return buf.getvalue()


def turnout(t=None) -> None:
    """How a region's turnout rose through voting day, and every region at one hour."""
    import base64

    import ipywidgets as w
    t = t or loaded_tables()
    h = t.referendum_turnout_hourly.dropna(subset=["turnout_pct"])
    names = t.regions.set_index("region_code")["name_en"].to_dict() | {"KZ": "Kazakhstan (national)"}
    dates = sorted(h["vote_date"].unique())
    vote = w.Dropdown(options=[(wording.day(d), d) for d in dates], value=dates[0], description="Vote")

    def units():
        codes = sorted(h[h["vote_date"] == vote.value]["region_code"].unique(), key=lambda c: (c != "KZ", names[c]))
        return [(region_name(names[c], True), c) for c in codes]

    def hours():
        return sorted(h[h["vote_date"] == vote.value]["time"].unique())
    region = w.Dropdown(options=units(), value="KZ", description="Region")
    hour = w.Dropdown(options=hours(), value=hours()[-1], description="Hour")

    def refresh(_change):
        region.options, region.value = units(), "KZ"
        hour.options = hours()
        hour.value = hours()[-1]
    vote.observe(refresh, "value")

    def view():
        at = rf.regions_latest_turnout(t.referendum_turnout_hourly, t.regions, vote.value, hour.value)
        at = at.assign(unit=at["region_code"].map(lambda c: region_name(names.get(c, c), True)))
        table = at.sort_values("turnout_pct", ascending=False)[["unit", "turnout_pct"]] \
            .rename(columns={"unit": "Unit", "turnout_pct": f"Turnout at {hour.value}, %"}).set_index("Unit")
        png = base64.b64encode(turnout_png(t, vote.value, region.value, hour.value)).decode()
        chosen = at[at["region_code"] == region.value]["turnout_pct"]
        line = (f"{region_name(names[region.value], True)}: {chosen.iloc[0]:g}% at {hour.value} (as published)." if len(chosen)
                else f"{region_name(names[region.value], True)}: no figure at {hour.value}.")
        chart = f'<img alt="{html.escape(line)}" src="data:image/png;base64,{png}">'
        return _html("Turnout through voting day", [line], table, 'data-explorer="turnout"', figure=chart)
    _show([vote, region, hour], view)


# --- tables, filterable --------------------------------------------------------------------------------

def table_rows(t, which: str, text: str = "", column: str = "all") -> pd.DataFrame:
    """A table for reading, with the rows whose text contains `text` (case-insensitive), in one column or all."""
    from .exhibits import claims as claim_tables, rulings as ruling_tables  # the notebooks' reader tables, as shown there
    frames = {"resolutions": lambda: ruling_tables.resolutions_table(t), "claims": lambda: claim_tables.ledger_table(t),
              "sources": lambda: wording.table(t.sources, {"source_id": "Source", "publisher": "Publisher",
                                                           "title": "Title", "url": "Address",
                                                           "date_published": "Published", "language": "Language"},
                                               index="source_id")}
    frame = frames[which]()
    if text:
        target = frame.reset_index()
        columns = list(target.columns) if column == "all" else [column]
        keep = target[columns].astype(str).apply(lambda c: c.str.contains(text, case=False, regex=False)).any(axis=1)
        frame = frame[keep.values]
    return frame


def tables(t=None) -> None:
    """The resolutions, the claims ledger and the sources, filterable by any text."""
    import ipywidgets as w
    t = t or loaded_tables()
    which = w.Dropdown(options=[("Court resolutions", "resolutions"), ("The op-ed's claims", "claims"),
                                ("Sources", "sources")], value="resolutions", description="Table")
    text = w.Text(value="criminal", description="Contains", continuous_update=False)

    def view():
        frame = table_rows(t, which.value, text.value)
        return _html(wording.plural(len(frame), "row"), [], frame, 'data-explorer="tables"')
    _show([which, text], view)


# --- an article of the Constitution, 1995 and 2026 side by side --------------------------------------------

def article_options(t, search: str = "") -> list[tuple[str, str]]:
    """(label, key) of every article: the 2026 articles ('2026:12'), then the 1995 articles no 2026 article
    continues ('1995:97'); with `search`, only those whose number in either version is it, or whose text (either
    version) contains it (case ignored)."""
    from . import constitution as c
    arts, corr = t.constitution_articles, t.constitution_correspondence
    t95 = arts[arts["version"] == "1995_2023"].set_index("article")
    t26 = arts[arts["version"] == "2026"].set_index("article")
    out = []
    for _, r in corr.iterrows():
        new, old = r["article_2026"], r["article_1995"]
        if pd.notna(new):
            key, label = f"2026:{new}", f"Art. {new} (2026): {t26.loc[new, 'topic_en']}"
            texts = [t26.loc[new, "text_ru"]] + ([t95.loc[old, "text_ru"]] if pd.notna(old) else [])
        else:
            key, label = f"1995:{old}", f"Art. {old} (1995, dropped): {t95.loc[old, 'topic_en']}"
            texts = [t95.loc[old, "text_ru"]]
        numbers = {str(x) for x in (new, old) if pd.notna(x)}
        hay = " ".join(str(x) for x in texts if isinstance(x, str)).lower()
        if not search or search.strip().lower() in hay or search.strip() in numbers:
            out.append((label, key))
    return sorted(out, key=lambda o: (o[1].startswith("1995"), c.article_order(o[1].split(":")[1])))


def _marked(segments, side: str) -> str:
    """One side of a word diff as HTML: words of that side, the changed ones marked (<del> on the 1995 side,
    <ins> on the 2026 side); every text escaped."""
    tag = "del" if side == "old" else "ins"
    parts = []
    for op, old, new in segments:
        text = old if side == "old" else new
        if not text:
            continue
        parts.append(html.escape(text) if op == "equal" else f"<{tag}>{html.escape(text)}</{tag}>")
    return " ".join(parts)


def article_view(t, key: str) -> tuple[str, list[str], pd.DataFrame]:
    """The article chosen (a key from article_options): its two versions side by side as HTML with the changed
    words marked, the sentences that say how it changed, and the laws that amended the 1995 article."""
    from . import constitution as c
    arts, corr = t.constitution_articles, t.constitution_correspondence
    version, number = key.split(":")
    row = corr[corr["article_2026" if version == "2026" else "article_1995"] == number]
    row = row[row["class"] == c.REMOVED] if version == "1995" else row
    r = row.iloc[0]
    old_no, new_no = r["article_1995"], r["article_2026"]
    t95 = arts[arts["version"] == "1995_2023"].set_index("article")["text_ru"]
    t26 = arts[arts["version"] == "2026"].set_index("article")["text_ru"]
    old = t95.get(old_no) if pd.notna(old_no) else None
    new = t26.get(new_no) if pd.notna(new_no) else None
    segments = c.word_diff(old or "", new or "")
    changed = sum(len(c.words(o)) for op, o, _ in segments if op != "equal")
    added = sum(len(c.words(n)) for op, _, n in segments if op != "equal")
    lines = [f"Class: {r['class']}" + (f" (similarity {r['similarity']:.2f})" if pd.notna(r["similarity"]) else "")
             + "."]
    if old is not None and new is not None:
        lines.append(f"Words of the 1995 article not kept, in order: {changed}; words new in 2026: {added}.")
    if isinstance(r["note"], str) and r["note"]:
        lines.append(r["note"])
    laws = pd.DataFrame(columns=["Date", "Number", "Adopted by", "Change"])
    if pd.notna(old_no):
        links = t.constitution_article_amendments
        links = links[(links["target"] == "article") & (links["article"] == old_no)]
        by = t.constitution_amendments.set_index("law_id")
        laws = pd.DataFrame({"Date": [wording.day(by.loc[x, "date"]) for x in links["law_id"]],
                             "Number": [by.loc[x, "number"] if isinstance(by.loc[x, "number"], str) else "–"
                                        for x in links["law_id"]],
                             "Adopted by": [by.loc[x, "adopted_by"] for x in links["law_id"]],
                             "Change": [wording.label(ch) for ch in links["change"]]})
        lines.append(f"Laws that amended 1995 article {old_no}: {len(laws)}." if len(laws) else
                     f"No law amended 1995 article {old_no} between 1995 and 2022.")
    left = f"1995 art. {old_no} (as in force in 2023)" if pd.notna(old_no) else "1995: no article"
    right = f"2026 art. {new_no}" if pd.notna(new_no) else "2026: dropped"
    cell = 'style="vertical-align:top;text-align:left"'
    side = (f'<table class="kz-table kz-sides"><thead><tr><th {cell}>{html.escape(left)}</th>'
            f'<th {cell}>{html.escape(right)}</th></tr></thead><tbody><tr>'
            f'<td {cell}>{_marked(segments, "old")}</td><td {cell}>{_marked(segments, "new")}</td></tr></tbody></table>')
    return side, lines, laws


def article_html(title: str, lines: list[str], side: str, laws: pd.DataFrame, key: str) -> str:
    """The article view: heading and sentences (escaped), the side-by-side table, the laws that amended it."""
    page = _html(title, lines, None, f'data-explorer="article" data-article="{html.escape(key)}"')
    rest = side + (mended(laws.to_html(escape=True, border=0, classes="kz-table", index=False)) if len(laws) else "")
    return page[:-len("</div>")] + rest + "</div>"


def article(t=None) -> None:
    """One article of the Constitution: the 1995 text (as in force in 2023) and the 2026 text side by side, the
    changed words marked, and the laws that amended it. Type a number or words to narrow the list."""
    import ipywidgets as w
    t = t or loaded_tables()
    search = w.Text(value="", description="Search", continuous_update=False)
    choice = w.Dropdown(options=article_options(t), value="2026:43", description="Article",
                        layout=w.Layout(width="40em"))

    def narrow(_change):
        options = article_options(t, search.value) or article_options(t)
        keep = choice.value if choice.value in [k for _, k in options] else options[0][1]
        choice.options, choice.value = options, keep
    search.observe(narrow, "value")

    def view():
        side, lines, laws = article_view(t, choice.value)
        label = dict((k, l) for l, k in article_options(t)).get(choice.value, choice.value)
        return article_html(label, lines, side, laws, choice.value)
    _show([search, choice], view)
