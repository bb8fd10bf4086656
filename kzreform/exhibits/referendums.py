"""Notebook 03: the referendums, 1995 to 2026, and 2022 by region."""

from __future__ import annotations

import math
import re

import matplotlib as mpl
import pandas as pd
from matplotlib.lines import Line2D

from .. import charts, i18n, layout, referendums as rf, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from ..names import region_abbreviation, tile_name, unit_name
from .registry import Chart, exhibit, reader_tables

NB = "03_referendums"
TURNOUT = ("referendum_turnout_hourly", "regions")
reader_tables(NB, reads=("referendum_rules",))
SHORT_LABELS = {"1995-04-29": "1995: term", "1995-08-30": "1995: Constitution", "2022-06-05": "2022: amendments",
                "2024-10-06": "2024: nuclear plant", "2026-03-15": "2026: Constitution"}


@exhibit(NB, reads=("referendum_results",))
def referendum_denominators(t: Tables, c: Canvas) -> Chart:
    results = t.referendum_results
    d = rf.denominators(results)
    y2022 = d[d["vote_date"] == pd.Timestamp("2022-06-05")].iloc[0]
    src = []
    for date in d["vote_date"]:
        for m in ("registered_voters", "ballots_cast", "yes_votes", "invalid_ballots"):
            try:
                src.append(rf.published(results, date, m)["source_id"])
            except LookupError:
                pass
    fig, ax = c.figure(
        tr("The 2022 amendments won {b} of ballots cast, the votes of {r} of registered voters",
           b=wording.pct(y2022["yes_of_ballots_pct"], 0), r=wording.pct(y2022["yes_of_registered_pct"], 0)),
        tr("Yes votes as a percentage of three bases, and turnout, at each nationwide referendum. Final "
           "results where published, preliminary otherwise (2024: invalid ballots preliminary)."),
        list(dict.fromkeys(src)))
    series = [("yes_of_registered_pct", tr("yes, of registered voters"), colour("national"), "o", "full"),
              ("yes_of_ballots_pct", tr("yes, of ballots cast"), colour("emphasis"), "s", "none"),
              ("yes_of_valid_pct", tr("yes, of valid ballots"), colour("context"), "D", "none"),
              ("turnout_pct", tr("turnout"), colour("context"), "|", "full")]
    y = list(range(len(d)))[::-1]
    for yi, (_, r) in zip(y, d.iterrows()):
        lo, hi = min(r[k] for k, *_ in series), max(r[k] for k, *_ in series)
        ax.plot([lo, hi], [yi, yi], color=colour("missing"), linewidth=1, zorder=1)
    for key, label, tint, marker, fill in series:
        ax.plot(d[key], y, linestyle="none", marker=marker, fillstyle=fill, color=tint,
                markersize=(9 if marker == "|" else 5) * c.scale, markeredgewidth=1.4, label=label, zorder=3)
    ax.axvline(rf.QUORUM_PCT, color=charts.MUTED, linestyle="--", linewidth=0.9)
    ax.annotate(tr("half"), (rf.QUORUM_PCT, 0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                textcoords="offset points", ha="left", va="bottom", fontsize=c.pt("small"), color=charts.MUTED)
    labels = [tr(SHORT_LABELS[f"{v:%Y-%m-%d}"] if c.narrow else rf.LABELS[f"{v:%Y-%m-%d}"]) for v in d["vote_date"]]
    ax.set_yticks(y, labels, fontsize=c.category_size(fig, len(d), 40))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(d) - 0.4)
    ax.set_xlabel(tr("Percent"))
    ax.tick_params(axis="y", length=0)
    charts.horizontal_bars(ax)
    c.top_legend(fig, ax)
    data = d.assign(vote_date=d["vote_date"].map(wording.iso)).round(3)
    alt = tr("Dot chart of five referendums: the 2022 amendments won {b} of ballots cast, {v} of valid ballots and "
             "{r} of registered voters, with turnout of {t}.", b=wording.pct(y2022["yes_of_ballots_pct"]),
             v=wording.pct(y2022["yes_of_valid_pct"]), r=wording.pct(y2022["yes_of_registered_pct"]),
             t=wording.pct(y2022["turnout_pct"]))
    return Chart(fig, data, alt)


@exhibit(NB, reads=TURNOUT, default=(6.5, 4.6))
def referendum_2022_turnout_by_region(t: Tables, c: Canvas) -> Chart:
    date, time = "2022-06-05", "22:00"
    tb = rf.regions_latest_turnout(t.referendum_turnout_hourly, t.regions, date, time)
    nat = tb[tb["region_code"] == "KZ"].iloc[0]
    reg = tb[tb["region_code"] != "KZ"].sort_values("turnout_pct")
    lo, hi = reg.iloc[0], reg.iloc[-1]
    fields = {"lo": wording.pct(lo["turnout_pct"], 0), "hi": wording.pct(hi["turnout_pct"], 0),
              "a": unit_name(lo["region_code"], t.regions), "b": unit_name(hi["region_code"], t.regions),
              "time": time, "day": wording.day(date)}
    fig, ax = c.figure(
        tr("Turnout ranged from {lo} in {a} to {hi} in {b}", **fields),
        tr("Share of voters on the lists who had received a ballot by {time} (capital's time), {day}, by region: the "
           "commission's preliminary voting-day bulletin, not the final count.", **fields),
        list(dict.fromkeys(tb["source_id"])))
    size = c.category_size(fig, len(reg) + 1, 14 if c.narrow else 28)
    colours = [colour("emphasis") if code in (lo["region_code"], hi["region_code"]) else colour("context")
               for code in reg["region_code"]]
    ax.barh(range(len(reg)), reg["turnout_pct"], color=colours, height=0.72)
    ax.set_yticks(range(len(reg)), [unit_name(code, t.regions, c.narrow) for code in reg["region_code"]],
                  fontsize=size)
    for i, v in enumerate(reg["turnout_pct"]):
        ax.annotate(wording.number(v, 1), (v, i), xytext=(2, 0), textcoords="offset points", va="center",
                    fontsize=size, color=charts.TEXT)
    ax.axvline(nat["turnout_pct"], color=colour("national"), linewidth=1.2)
    gap = "\n" if c.narrow and i18n.current() != "en" else " "  # longer words: the value under the name
    ax.annotate(f"{unit_name('KZ', t.regions)}{gap}{wording.pct(nat['turnout_pct'])}",
                (nat["turnout_pct"], len(reg) - 0.45), xytext=(3, 0), textcoords="offset points", ha="left",
                va="bottom", fontsize=size, color=colour("national"))
    ax.axvline(rf.QUORUM_PCT, color=charts.MUTED, linestyle="--", linewidth=0.8)
    ax.annotate(tr("half"), (rf.QUORUM_PCT, len(reg) - 0.45), xytext=(-3, 0), textcoords="offset points",
                ha="right", va="bottom", fontsize=size, color=charts.MUTED)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(reg) + 0.6)
    ax.tick_params(axis="y", length=0)
    charts.horizontal_bars(ax)
    if not c.narrow:
        ax.set_xlabel(tr("Percent of voters on the lists"))
    data = tb[["region_code", "name_en", "turnout_pct", "source_id"]]
    alt = tr("Bar chart of turnout by region at {time} on {day}, from {lo1} in {a} to {hi1} in {b}.",
             lo1=wording.pct(lo["turnout_pct"]), hi1=wording.pct(hi["turnout_pct"]), **fields)
    return Chart(fig, data, alt)


def tile_panels(t: Tables) -> list[tuple[pd.Timestamp, str]]:
    """The votes with regional turnout bulletins, each at the latest hour that every one of them published for
    all its units: the same hour in every panel, so the maps compare like with like."""
    h = t.referendum_turnout_hourly.dropna(subset=["turnout_pct"])
    regional = h[h["region_code"] != "KZ"]
    units = regional.groupby("vote_date")["region_code"].nunique()
    complete = regional.groupby(["vote_date", "time"])["region_code"].nunique()
    hours = [set(tm for (d, tm), n in complete.items() if d == date and n == units[date]) for date in units.index]
    common = sorted(set.intersection(*hours))
    return [(date, common[-1]) for date in units.index]


@exhibit(NB, reads=TURNOUT)
def referendum_turnout_map(t: Tables, c: Canvas) -> Chart:
    regions = t.regions
    names = regions.set_index("region_code")["name_en"]
    panels = tile_panels(t)
    tables = [(d, h, rf.regions_latest_turnout(t.referendum_turnout_hourly, regions, d, h)) for d, h in panels]
    values = pd.concat([tb[tb["region_code"] != "KZ"]["turnout_pct"] for _, _, tb in tables])
    norm = mpl.colors.Normalize(vmin=math.floor(values.min() / 10) * 10, vmax=math.ceil(values.max() / 10) * 10)
    cmap = mpl.colormaps["cividis"]
    src = list(dict.fromkeys(s for _, _, tb in tables for s in tb["source_id"]))
    lowest = [tb[tb["region_code"] != "KZ"].sort_values("turnout_pct").iloc[0] for _, _, tb in tables]
    grid = regions.set_index("region_code")[["tile_x", "tile_y"]]
    cols, rows = int(grid["tile_x"].max()) + 1, int(grid["tile_y"].max()) + 1
    hour = panels[0][1]
    years = wording.listing(str(d.year) for d, _ in panels)
    same = len({r["region_code"] for r in lowest}) == 1
    low_name = unit_name(lowest[0]["region_code"], regions)
    title = (tr("{name} had the lowest turnout at {hour} in both the {years} referendums", name=low_name, hour=hour,
                years=years) if same else tr("Turnout by region at {hour} on voting day, {years}", hour=hour,
                                             years=years))
    subtitle = tr("Share of voters on the lists who had received a ballot by {hour} (capital's time), by region: the "
                  "commission's preliminary voting-day bulletins, the same hour for every vote. Each square is a "
                  "region or city, placed roughly as on the map.", hour=hour)
    english = i18n.current() == "en"
    tile_names = {code: tile_name(names[code]) if english else tr(tile_name(names[code])) for code in names.index}

    bar_in = 0.75 if c.width >= 5 else 0.45  # the colour bar, on the right

    def tile_size(sub):  # in points, from the panels the frame leaves (colour bar and panel titles aside)
        rows_, cols_, pw, ph = Canvas(c.width - bar_in, c.height, c.titles, compact=c.compact).panels(title, sub, src, len(tables),
                                                                                 (1.5, 1.0))
        return min(pw * 72 / (cols + 0.25), (ph * 72 - 1.6 * c.pt("small") - 8) / (rows + 0.3))

    # Tile labels scale with the tiles: a name and the value where both fit; a three-letter code (with a key in
    # the subtitle, or in the caption) and the value where a name does not; the value alone on tiles too small
    # for two lines at 6 pt.
    tile = tile_size(subtitle)
    line = tile * 0.44 / 1.2  # two lines of text in a tile
    name_size = min(c.pt("small"), line)
    value_size = max(layout.MIN_PT, min(c.pt("label"), line * 1.05))
    names_fit = name_size >= layout.MIN_PT and \
        max(layout.text_width(n, name_size) for n in tile_names.values()) <= tile * 0.95
    codes = {code: region_abbreviation(code, regions) if english else tr(region_abbreviation(code, regions))
             for code in grid.index}
    show_names = True
    if not names_fit:
        key = "; ".join(f"{codes[code]} {unit_name(code, regions, True)}" for code in sorted(grid.index, key=codes.get))
        keyed = subtitle + tr(" Key: {key}.", key=key)
        line = tile_size(keyed) * 0.44 / 1.2
        show_names = line >= layout.MIN_PT
        if show_names:
            subtitle = keyed
            tile = tile_size(subtitle)
            name_size = max(layout.MIN_PT, min(c.pt("small"), line))
            value_size = max(layout.MIN_PT, min(c.pt("label"), line * 1.05))
    if not show_names:
        value_size = max(layout.MIN_PT, min(c.pt("label"), tile * 0.5))
    fig, axes = c.figure(title, subtitle, src, panels=len(tables), panel_min=(1.5, 1.0))
    rows_out = []
    for ax, (date, time, tb) in zip(axes, tables):
        vals = tb.set_index("region_code")["turnout_pct"]
        for code, (x, y) in grid.iterrows():
            if code not in vals.index:
                continue
            v = vals[code]
            ax.add_patch(mpl.patches.Rectangle((x, -y), 0.94, -0.94, facecolor=cmap(norm(v)), edgecolor="white"))
            ink = "white" if norm(v) < 0.55 else "black"
            if show_names:
                ax.text(x + 0.47, -y - 0.26, tile_names[code] if names_fit else codes[code], ha="center",
                        va="center", fontsize=name_size, color=ink)
            ax.text(x + 0.47, -y - (0.7 if show_names else 0.47), f"{v:.0f}", ha="center", va="center",
                    fontsize=value_size, color=ink, fontweight="bold")
            rows_out.append({"vote_date": wording.iso(date), "time": time, "region_code": code, "turnout_pct": v})
        ax.set_xlim(-0.1, cols + 0.05)
        ax.set_ylim(-rows - 0.1, 0.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(tr("{day}, {time}: {n} units", day=wording.day(date), time=time, n=len(vals) - 1), loc="left",
                     fontsize=c.pt("small"), color=charts.TEXT)
    cbar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=list(axes), orientation="vertical",
                        fraction=0.05, pad=0.02, aspect=18, shrink=0.9)
    cbar.set_label(tr("Turnout, %"), fontsize=c.pt("small"))
    cbar.ax.tick_params(labelsize=c.pt("small"))
    c.wrap_titles(fig, axes)  # a panel title longer than its panel (a narrow figure, longer words) takes two lines
    alt = (tr("Tile maps of Kazakhstan's regions coloured by turnout at {hour} in {years}; {name} is lowest in each, "
              "at {values}.", hour=hour, years=years, name=low_name,
              values=wording.listing(wording.pct(r.turnout_pct, 0) for r in lowest)) if same else
           tr("Tile maps of Kazakhstan's regions coloured by turnout at {hour} in {years}; the lowest unit differs "
              "between the votes.", hour=hour, years=years))
    return Chart(fig, pd.DataFrame(rows_out), alt)


@exhibit(NB, reads=TURNOUT)
def referendum_2022_turnout_through_the_day(t: Tables, c: Canvas) -> Chart:
    date = "2022-06-05"
    hourly, regions = t.referendum_turnout_hourly, t.regions
    h = hourly[(hourly["vote_date"] == pd.Timestamp(date)) & hourly["turnout_pct"].notna()
               & (hourly["exempt_from"].fillna("").str.strip() == "")]  # known discrepancies left out
    h = h.drop_duplicates(["region_code", "time"]).copy()
    h["hour"] = h["time"].str[:2].astype(int) + h["time"].str[3:].astype(int) / 60
    last = h[h["time"] == h["time"].max()]
    lowest = last[last["region_code"] != "KZ"].sort_values("turnout_pct").iloc[0]
    low_name = unit_name(lowest["region_code"], regions)
    fig, ax = c.figure(
        tr("{name} trailed the other regions all day", name=low_name),
        tr("Share of voters on the lists who had received a ballot, at each bulletin on {day} (capital's time; polls "
           "in five western regions closed an hour later by that clock). Grey: each region.", day=wording.day(date)),
        list(dict.fromkeys(h["source_id"])))
    for code, g in h.groupby("region_code"):
        if code in ("KZ", lowest["region_code"]):
            continue
        ax.plot(g["hour"], g["turnout_pct"], color=colour("context"), linewidth=0.9)
    labels = {"KZ": unit_name("KZ", regions), lowest["region_code"]: unit_name(lowest["region_code"], regions, True)}
    for code, tint in (("KZ", colour("national")), (lowest["region_code"], colour("emphasis"))):
        g = h[h["region_code"] == code]
        ax.plot(g["hour"], g["turnout_pct"], color=tint, linewidth=2, marker="o", markersize=3 * c.scale)
        ax.annotate(f"{labels[code]}\n{wording.pct(g['turnout_pct'].iloc[-1])}",
                    (g["hour"].iloc[-1], g["turnout_pct"].iloc[-1]), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=c.pt("small"), color=tint)
    hours = sorted(h["hour"].unique())
    step = 1 if c.width >= 5.5 else 2
    ax.set_xticks(hours[::step], [f"{int(x):02d}:00" for x in hours[::step]])
    label_room = max(layout.text_width(low_name.split(" (")[0], c.pt("small")),
                     layout.text_width(labels["KZ"], c.pt("small"))) + 8
    axes_w = c.meta["panel"][0] * 72 - 40
    span = hours[-1] - hours[0] + 0.3
    ax.set_xlim(hours[0] - 0.3, hours[-1] + span * label_room / max(axes_w - label_room, 1))
    ax.set_ylim(0, 100)
    ax.set_ylabel(tr("Percent of voters on the lists"))
    data = h[["region_code", "time", "turnout_pct", "source_id"]].reset_index(drop=True)
    alt = tr("Line chart of turnout by region through {day}: every region rises through the day; {name} stays far "
             "below the rest, at {pct} at the last bulletin.", day=wording.day(date), name=low_name,
             pct=wording.pct(lowest["turnout_pct"]))
    return Chart(fig, data, alt)


@exhibit(NB, reads=TURNOUT + ("referendum_regions", "referendum_results"))
def referendum_2022_yes_by_region(t: Tables, c: Canvas) -> Chart:
    date = "2022-06-05"
    reg, regions, hourly, results = t.referendum_regions, t.regions, t.referendum_turnout_hourly, t.referendum_results
    yes = rf.regional_results(reg, regions, "yes_pct")
    time = "22:00"  # the last bulletin of voting day, the hour the yes shares are set against
    turnout = rf.regions_latest_turnout(hourly, regions, date, time).set_index("region_code")["turnout_pct"]
    yes["turnout_pct"] = yes["region_code"].map(turnout)
    # The national point at the same stage and hour as the regions: preliminary yes share, 22:00 turnout.
    prelim = results[(results["vote_date"] == pd.Timestamp(date)) & (results["measure"] == "yes_pct")
                     & (results["share_base"] == "ballots_cast") & (results["stage"] == "preliminary")].iloc[0]
    nat = {"yes_of_ballots_pct": prelim["value"], "turnout_pct": turnout["KZ"], "source_id": prelim["source_id"]}
    n_units = int(rf.published(results, date, "regional_units")["value"])
    lowest = yes.sort_values("value").iloc[0]
    published = t.sources.set_index("source_id").loc[prelim["source_id"], "date_published"]  # the preliminary count's day
    low_name = unit_name(lowest["region_code"], regions)
    fig, ax = c.figure(
        tr("Regional yes shares were found for only {n} of the {units} units; {name} had the lowest of them",
           n=len(yes), units=n_units, name=low_name),
        tr("Yes votes as a percentage of ballots cast (preliminary, {day}) against voting-day turnout at {time}, for "
           "the units where a source gives the yes share, and for the country at the same stage. Partial data: the "
           "commission's regional protocol was not found. Axes do not start at zero.",
           day=wording.day(published), time=time),
        list(dict.fromkeys(list(yes["source_id"]) + [nat["source_id"]])))
    ax.plot(yes["turnout_pct"], yes["value"], linestyle="none", marker="s", fillstyle="none", markeredgewidth=1.5,
            color=colour("emphasis"), markersize=5.5 * c.scale, zorder=3, label=tr("region (preliminary)"))
    ax.plot([nat["turnout_pct"]], [nat["yes_of_ballots_pct"]], linestyle="none", marker="s", fillstyle="none",
            markeredgewidth=1.5, color=colour("national"), markersize=5.5 * c.scale, zorder=3,
            label=tr("{name} (preliminary)", name=unit_name("KZ", regions)))
    ax.set_xlim(20, 90)
    ax.set_ylim(50, 90)
    ax.set_xlabel(tr("Turnout at {time}, %", time=time))
    ax.set_ylabel(tr("Yes, % of ballots cast"))
    english = i18n.current() == "en"
    points = [(r["turnout_pct"], r["value"], tile_name(r["name_en"]) if english else tr(tile_name(r["name_en"])),
               charts.TEXT) for _, r in yes.iterrows()]  # the map's short names, so that every point keeps its name
    points.append((nat["turnout_pct"], nat["yes_of_ballots_pct"], unit_name("KZ", regions), colour("national")))
    layout.place_labels(fig, ax, points, fontsize=c.pt("small"))
    c.legend(ax, loc="lower right", numpoints=1)
    data = yes[["region_code", "name_en", "value", "stage", "turnout_pct", "source_id"]].rename(
        columns={"value": "yes_pct"})
    alt = tr("Scatter of yes share against turnout for the {n} units with a published yes share; all are above half, "
             "lowest in {name} at {v}.", n=len(yes), name=low_name, v=wording.pct(lowest["value"], 2))
    return Chart(fig, data, alt)


# --- tables and sentences for reading (notebook 03) -----------------------------------------------------

def counts_table(t: Tables) -> pd.DataFrame:
    c = rf.counts(t.referendum_results)
    out = pd.DataFrame({"Vote": c["label"]})
    for m in rf.COUNTS:
        out[wording.words(m)] = [f"{wording.count(v)} ({s})" if s != "not found" else "– (not found)"
                                              for v, s in zip(c[m], c[f"{m}_stage"])]
    return out.set_index("Vote")


def shares_table(t: Tables) -> pd.DataFrame:
    d = rf.denominators(t.referendum_results)
    return wording.table(d, {"label": "Vote", "turnout_pct": "Turnout, %", "yes_of_ballots_pct": "Yes, % of ballots",
                             "yes_of_valid_pct": "Yes, % of valid ballots",
                             "yes_of_registered_pct": "Yes, % of registered voters", "stages": "Stages"},
                         index="label", decimals={k: 2 for k in d.columns if k.endswith("_pct")})


def yes_2022_summary(t: Tables) -> str:
    y = rf.denominators(t.referendum_results).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    return (f"In June 2022, **{y['yes_of_ballots_pct']:.2f}%** of those who took part voted yes. Turnout was "
            f"{y['turnout_pct']:.2f}%, so the yes votes came from **{y['yes_of_registered_pct']:.2f}%** of all "
            "registered voters. The op-ed's phrase *eligible voters* fits the first figure only if read as those who "
            "voted.")


def adoption_table(t: Tables) -> pd.DataFrame:
    a = rf.adoption(t.referendum_results, t.referendum_rules)
    return wording.table(a, {"label": "Vote", "turnout_pct": "Turnout, %", "quorum_met": "Quorum met",
                             "yes_of_ballots_pct": "Yes, % of ballots", "majority_met": "Majority met",
                             "regional_units": "Regional units", "units_needed": "Units needed",
                             "units_with_yes_majority": "Units with a yes majority",
                             "regional_rule_met": "Regional rule met"}, index="label",
                         decimals={"turnout_pct": 2, "yes_of_ballots_pct": 2})


def rules_table(t: Tables, date: str = "2022-06-05") -> pd.DataFrame:
    r = t.referendum_rules[t.referendum_rules["vote_date"] == pd.Timestamp(date)]
    return wording.table(r, {"rule": "Rule", "value": "As the source states it", "source_id": "Source"})


def regional_summary(t: Tables) -> str:
    reg = t.referendum_regions
    found = reg.dropna(subset=["value"]).groupby("measure")["region_code"].nunique()
    return ("Units with a figure found, by measure: " + "; ".join(f"{wording.words(m)}: {n}" for m, n in found.items())
            + f". {int(reg['value'].isna().sum())} wanted figures were not found; they stay in the data as empty rows "
              "with a note.")


def regional_table(t: Tables) -> pd.DataFrame:
    m = rf.regional_matrix(t.referendum_regions, t.regions).replace("", "–")
    m.columns = [wording.words(c) for c in m.columns]
    return m.rename_axis("Unit")


def yes_by_region_table(t: Tables) -> pd.DataFrame:
    yes = rf.regional_results(t.referendum_regions, t.regions, "yes_pct")
    return wording.table(yes, {"name_en": "Unit", "value": "Yes, % of ballots", "stage": "Stage",
                               "source_id": "Source"}, index="name_en", decimals={"value": 2})


def adoption_summary(t: Tables, date: str = "2022-06-05") -> str:
    """The regional rule of a constitutional referendum evaluated from the law's words, with an official's count
    beside it where one differs."""
    results = t.referendum_results
    units = int(rf.published(results, date, "regional_units")["value"])
    won = int(rf.published(results, date, "regions_with_yes_majority")["value"])
    rule = rf.regional_rule(t.referendum_rules, date)
    _, share = rf.share_rule(rule["value"])
    needed = rf.units_needed(rule["value"], units)
    official = rf.official_count(t.referendum_rules, date)
    stated = int(re.search(r"=\s*(\d+)", official["value"])[1]) if official is not None else needed
    met = "met on either count" if won >= max(needed, stated) else \
        ("met only on the official's count" if won >= stated else "not met")
    text = (f"The law asks for a yes majority in *{wording.md(rule['value'])}* of the units. Two-thirds of the {units} "
            f"units is {float(share * units):.2f}, so that needs **{needed}** units (computed).")
    if stated != needed:
        text += (f" The election commission's spokesperson counted **{stated}** (two-thirds rounded down): an "
                 "official's arithmetic, kept as a separate row of the rules table with its source.")
    return text + f" The yes side won a majority in **{won} of {units}** units, so the regional rule was {met}."
