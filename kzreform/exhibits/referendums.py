"""Notebook 03: the referendums, 1995 to 2026, and 2022 by region."""

from __future__ import annotations

import re

import pandas as pd
from matplotlib.lines import Line2D

from .. import axes, charts, i18n, layout, referendums as rf, wording
from ..charts import Canvas, colour
from ..axes import horizontal_bars
from ..i18n import tr
from ..tables import Tables
from ..names import unit_name
from .registry import Spec, exhibit, reader_tables

NB = "03_referendums"
TURNOUT = ("referendum_turnout_hourly", "regions")
reader_tables(NB, reads=("referendum_rules", "referendum_regions"))
SHORT_LABELS = {"1995-04-29": "1995: President's term", "1995-08-30": "1995: Constitution", "2022-06-05": "2022: amendments",
                "2024-10-06": "2024: nuclear plant", "2026-03-15": "2026: Constitution"}


DODGE = {"yes_of_ballots_pct": -0.14, "yes_of_valid_pct": 0.14}  # rows apart, of a row's height
DENOMINATOR_MARKS = {"yes_of_registered_pct": ("national", "o", "full"), "yes_of_ballots_pct": ("emphasis", "s", "none"),
                     "yes_of_valid_pct": ("context", "D", "none"), "turnout_pct": ("context", "|", "full")}


def draw_denominators(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    d, series = s.parts["shares"], s.parts["series"]
    y = list(range(len(d)))[::-1]
    for yi, (_, r) in zip(y, d.iterrows()):
        lo, hi = min(r[k] for k in series), max(r[k] for k in series)
        ax.plot([lo, hi], [yi, yi], color=colour("missing"), linewidth=1, zorder=1)
    for key, label in series.items():
        role, marker, fill = DENOMINATOR_MARKS[key]
        # the shares of ballots cast and of valid ballots differ by a point or two: drawn just above and below
        # the row's line so that neither hides the other
        dy = DODGE.get(key, 0.0)
        ax.plot(d[key], [yi + dy for yi in y], linestyle="none", marker=marker, fillstyle=fill, color=colour(role),
                markersize=(9 if marker == "|" else 5) * c.scale, markeredgewidth=1.4, label=label, zorder=3)
    ax.axvline(rf.QUORUM_PCT, color=charts.MUTED, linestyle="--", linewidth=0.9)
    ax.annotate(tr("half"), (rf.QUORUM_PCT, 0), xycoords=("data", "axes fraction"), xytext=(2, 2),
                textcoords="offset points", ha="left", va="bottom", fontsize=c.pt("small"), color=charts.MUTED)
    labels = s.parts["short_labels" if c.narrow else "labels"]
    ax.set_yticks(y, labels, fontsize=c.category_size(fig, len(d), 40))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(d) - 0.4)
    ax.set_xlabel(tr("Percent"))
    ax.tick_params(axis="y", length=0)
    horizontal_bars(ax)
    c.top_legend(fig, ax)
    return fig


def _denominator_sources(results: pd.DataFrame, dates) -> list[str]:
    """The sources of the counts behind each vote's shares."""
    src = []
    for date in dates:
        for m in ("registered_voters", "ballots_cast", "yes_votes", "invalid_ballots"):
            try:
                src.append(rf.published(results, date, m)["source_id"])
            except LookupError:
                pass
    return list(dict.fromkeys(src))


@exhibit(NB, reads=("referendum_results",), drawing=draw_denominators)
def referendum_denominators(t: Tables) -> Spec:
    results = t.referendum_results
    d = rf.denominators(results)
    y2022 = d[d["vote_date"] == pd.Timestamp("2022-06-05")].iloc[0]
    title = tr("The 2022 amendments won {b} of ballots cast, the votes of {r} of registered voters",
               b=wording.pct(y2022["yes_of_ballots_pct"], 0), r=wording.pct(y2022["yes_of_registered_pct"], 0))
    subtitle = tr("Yes votes as a percentage of three bases, and turnout, at each nationwide referendum. Final "
                  "results where published, preliminary otherwise (2024: invalid ballots preliminary).")
    series = {"yes_of_registered_pct": tr("yes, of registered voters"), "yes_of_ballots_pct": tr("yes, of ballots cast"),
              "yes_of_valid_pct": tr("yes, of valid ballots"), "turnout_pct": tr("turnout")}
    days = [f"{v:%Y-%m-%d}" for v in d["vote_date"]]
    data = d.assign(vote_date=d["vote_date"].map(wording.iso)).round(3)
    alt = tr("Dot chart of five referendums: the 2022 amendments won {b} of ballots cast, {v} of valid ballots and "
             "{r} of registered voters, with turnout of {t}.", b=wording.pct(y2022["yes_of_ballots_pct"]),
             v=wording.pct(y2022["yes_of_valid_pct"]), r=wording.pct(y2022["yes_of_registered_pct"]),
             t=wording.pct(y2022["turnout_pct"]))
    return Spec(title, subtitle, _denominator_sources(results, d["vote_date"]), alt, data,
                {"shares": d, "series": series, "labels": [tr(rf.LABELS[day]) for day in days],
                 "short_labels": [tr(SHORT_LABELS[day]) for day in days]})


def _turnout_bars(ax, reg: pd.DataFrame, highlight, size: float) -> None:
    """A bar per region with its turnout, the lowest and the highest in the accent colour."""
    colours = [colour("emphasis") if code in highlight else colour("context") for code in reg["region_code"]]
    ax.barh(range(len(reg)), reg["turnout_pct"], color=colours, height=0.72)
    for i, v in enumerate(reg["turnout_pct"]):
        ax.annotate(wording.number(v, 1), (v, i), xytext=(2, 0), textcoords="offset points", va="center",
                    fontsize=size, color=charts.TEXT, zorder=4,  # the national line passes behind the value
                    bbox={"boxstyle": "square,pad=0.05", "facecolor": "white", "edgecolor": "none"})


def draw_turnout_by_region(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    reg, nat = s.parts["regions"], s.parts["national"]
    size = c.category_size(fig, len(reg) + 1, 14 if c.narrow else 28)
    _turnout_bars(ax, reg, s.parts["highlight"], size)
    ax.set_yticks(range(len(reg)), s.parts["short_labels" if c.narrow else "labels"], fontsize=size)
    ax.axvline(nat, color=colour("national"), linewidth=1.2, zorder=3)
    gap = "\n" if c.narrow and i18n.locale().long_words else " "  # longer words: the value under the name
    ax.annotate(f"{s.parts['national_name']}{gap}{wording.pct(nat)}", (nat, len(reg) - 0.45), xytext=(3, 0),
                textcoords="offset points", ha="left", va="bottom", fontsize=size, color=colour("national"))
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(reg) + 0.6)
    ax.tick_params(axis="y", length=0)
    horizontal_bars(ax)
    if not c.narrow:
        ax.set_xlabel(tr("Percent of voters on the lists"))
    return fig


@exhibit(NB, reads=TURNOUT, default=(6.5, 4.6), drawing=draw_turnout_by_region)
def referendum_2022_turnout_by_region(t: Tables) -> Spec:
    date, time = "2022-06-05", "22:00"
    tb = rf.regions_latest_turnout(t.referendum_turnout_hourly, t.regions, date, time)
    nat = tb[tb["region_code"] == "KZ"].iloc[0]
    reg = tb[tb["region_code"] != "KZ"].sort_values("turnout_pct")
    lo, hi = reg.iloc[0], reg.iloc[-1]
    fields = {"lo": wording.pct(lo["turnout_pct"], 0), "hi": wording.pct(hi["turnout_pct"], 0),
              "a": unit_name(lo["region_code"], t.regions), "b": unit_name(hi["region_code"], t.regions),
              "time": time, "day": wording.day(date)}
    alt = tr("Bar chart of turnout by region at {time} on {day}, from {lo1} in {a} to {hi1} in {b}.",
             lo1=wording.pct(lo["turnout_pct"]), hi1=wording.pct(hi["turnout_pct"]), **fields)
    return Spec(tr("Turnout ranged from {lo} in {a} to {hi} in {b}", **fields),
                tr("Share of voters on the lists who had received a ballot by {time} (capital's time), {day}, by "
                   "region: the commission's preliminary voting-day bulletin, not the final count.", **fields),
                list(dict.fromkeys(tb["source_id"])), alt, tb[["region_code", "name_en", "turnout_pct", "source_id"]],
                {"regions": reg, "national": nat["turnout_pct"], "national_name": unit_name("KZ", t.regions),
                 "highlight": (lo["region_code"], hi["region_code"]),
                 "labels": [unit_name(code, t.regions, False) for code in reg["region_code"]],
                 "short_labels": [unit_name(code, t.regions, True) for code in reg["region_code"]]})


def same_hour_votes(t: Tables) -> list[tuple[pd.Timestamp, str]]:
    """The votes with regional turnout bulletins, each at the latest hour that every one of them published for
    all its units: the same hour for every vote, so the votes compare like with like."""
    h = t.referendum_turnout_hourly.dropna(subset=["turnout_pct"])
    regional = h[h["region_code"] != "KZ"]
    units = regional.groupby("vote_date")["region_code"].nunique()
    complete = regional.groupby(["vote_date", "time"])["region_code"].nunique()
    hours = [set(tm for (d, tm), n in complete.items() if d == date and n == units[date]) for date in units.index]
    common = sorted(set.intersection(*hours))
    return [(date, common[-1]) for date in units.index]


def vote_role(date) -> str:
    """The colour of a referendum's year (one colour per vote, used for nothing else)."""
    return f"referendum_{pd.Timestamp(date).year}"


def _turnout_status(established, date, value) -> str:
    """'figure'; 'not yet a region' for a unit created after the vote; else 'no figure found'."""
    if pd.notna(value):
        return "figure"
    return "not yet a region" if pd.notna(established) and established > date else "no figure found"


def same_hour_table(t: Tables, votes) -> pd.DataFrame:
    """One row per unit and vote (Kazakhstan first, then every region in regions.csv): turnout at the vote's hour,
    or why there is none."""
    regions = t.regions
    established = regions.set_index("region_code")["established"]
    rows = []
    for date, hour in votes:
        tb = rf.regions_latest_turnout(t.referendum_turnout_hourly, regions, date, hour).set_index("region_code")
        for code in ["KZ"] + list(regions["region_code"]):
            v = tb["turnout_pct"].get(code)
            rows.append({"vote_date": wording.iso(date), "time": hour, "region_code": code, "turnout_pct": v,
                         "status": _turnout_status(established.get(code), date, v),
                         "source_id": tb["source_id"].get(code, "")})
    return pd.DataFrame(rows)


def _compared_rows(regions: pd.DataFrame, table: pd.DataFrame, narrow: bool) -> pd.DataFrame:
    """The chart's rows: one per unit, a column per vote year, sorted by the latest vote (lowest at the bottom),
    Kazakhstan on top; the unit's name and why a value is missing, in words."""
    wide = table.assign(year=pd.to_datetime(table["vote_date"]).dt.year).pivot(
        index="region_code", columns="year", values="turnout_pct")
    years = list(wide.columns)
    order = wide.drop(index="KZ").sort_values(years[-1], kind="stable").index.tolist() + ["KZ"]
    rows = wide.loc[order]
    rows["label"] = [unit_name(code, regions, narrow) for code in order]
    return rows


def draw_turnout_compared(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    years, mark = s.parts["years"], s.parts["highlight"]
    rows = _compared_rows(s.parts["regions"], s.data, c.narrow)
    size = c.category_size(fig, len(rows), 30)
    for y, (code, r) in enumerate(rows.iterrows()):
        values = [r[yr] for yr in years if pd.notna(r[yr])]
        tint = colour("emphasis") if code == mark else colour("context")
        ax.plot([min(values), max(values)], [y, y], color=tint, linewidth=2.2 if code == mark else 1, zorder=1)
        for yr in years:
            if pd.notna(r[yr]):
                ax.plot([r[yr]], [y], linestyle="none", marker="o", markersize=4.5 * c.scale,
                        color=colour(s.parts["roles"][yr]), zorder=3)
        missing = [yr for yr in years if pd.isna(r[yr])]
        if missing:  # said in words beside the dot there is
            ax.annotate(s.parts["why"][code], (min(values), y), xytext=(-5, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=size, color=charts.MUTED)
        if code == mark:  # the headline's unit: its values written out
            ax.annotate(wording.pct(min(values), 0), (min(values), y), xytext=(-5, 0), textcoords="offset points",
                        ha="right", va="center", fontsize=size, color=colour("emphasis"))
            ax.annotate(wording.pct(max(values), 0), (max(values), y), xytext=(5, 0), textcoords="offset points",
                        ha="left", va="center", fontsize=size, color=colour("emphasis"))
    ax.set_yticks(range(len(rows)), list(rows["label"]), fontsize=size)
    for tick, code in zip(ax.get_yticklabels(), rows.index):
        if code in (mark, "KZ"):
            tick.set_color(colour("emphasis") if code == mark else colour("national"))
            tick.set_fontweight("bold")
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.tick_params(axis="y", length=0)
    axes.horizontal_bars(ax)
    ax.set_xlabel(tr("Percent of voters on the lists"))
    handles = [Line2D([], [], linestyle="none", marker="o", color=colour(s.parts["roles"][yr])) for yr in years]
    c.top_legend(fig, ax, handles, [str(yr) for yr in years])
    return fig


@exhibit(NB, reads=TURNOUT, min_size=(4.5, 3.8), drawing=draw_turnout_compared)
def referendum_turnout_compared(t: Tables) -> Spec:
    votes = same_hour_votes(t)
    table = same_hour_table(t, votes)
    hour, years = votes[0][1], [d.year for d, _ in votes]
    regional = table[(table["region_code"] != "KZ") & table["turnout_pct"].notna()]
    lowest = regional.sort_values("turnout_pct").groupby("vote_date").head(1)
    mark = lowest["region_code"].iloc[-1]
    fields = {"name": unit_name(mark, t.regions), "hour": hour, "years": wording.listing(map(str, years)),
              "year": years[-1], "values": wording.listing(
                  wording.pct(v, 0) for v in table[table["region_code"] == mark]["turnout_pct"].dropna())}
    same = lowest["region_code"].nunique() == 1
    title = (tr("{name} had the lowest turnout at {hour} in {years}", **fields) if same
             else tr("{name} had the lowest turnout at {hour} in {year}", **fields))
    why = {r.region_code: tr("{year}: " + ("not yet a region" if r.status == "not yet a region" else "no figure found"),
                             year=r.vote_date[:4]) for r in table[table["status"] != "figure"].itertuples()}
    return Spec(title,
                tr("Share of voters on the lists who had received a ballot by {hour} (capital's time), by region: "
                   "the commission's preliminary voting-day bulletins, the same hour at each vote.", **fields),
                list(dict.fromkeys(s for s in table["source_id"] if s)),
                tr("Dot chart of turnout by region at {hour} in {years}: {name} is lowest, at {values}.", **fields),
                table, {"years": years, "roles": {y: vote_role(f"{y}-01-01") for y in years}, "highlight": mark,
                        "why": why, "regions": t.regions})


def _turnout_lines(ax, c: Canvas, h: pd.DataFrame, lowest: str, labels: dict) -> None:
    """A grey line per region; the country and the lowest region drawn over them, each named at its last value."""
    for code, g in h.groupby("region_code"):
        if code in ("KZ", lowest):
            continue
        ax.plot(g["hour"], g["turnout_pct"], color=colour("context"), linewidth=0.9)
    for code, tint in (("KZ", colour("national")), (lowest, colour("emphasis"))):
        g = h[h["region_code"] == code]
        ax.plot(g["hour"], g["turnout_pct"], color=tint, linewidth=2, marker="o", markersize=3 * c.scale)
        ax.annotate(f"{labels[code]}\n{wording.pct(g['turnout_pct'].iloc[-1])}",
                    (g["hour"].iloc[-1], g["turnout_pct"].iloc[-1]), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=c.pt("small"), color=tint)


def draw_turnout_through_the_day(s: Spec, c: Canvas):
    fig, ax = c.figure(s.title, s.subtitle, s.sources)
    h, labels = s.parts["hourly"], s.parts["labels"]
    _turnout_lines(ax, c, h, s.parts["lowest"], labels)
    hours = sorted(h["hour"].unique())
    step = 1 if c.width >= 5.5 else 2
    ax.set_xticks(hours[::step], [f"{int(x):02d}:00" for x in hours[::step]])
    label_room = max(layout.text_width(s.parts["lowest_name"].split(" (")[0], c.pt("small")),
                     layout.text_width(labels["KZ"], c.pt("small"))) + 8
    axes_w = c.meta["panel"][0] * 72 - 40
    span = hours[-1] - hours[0] + 0.3
    ax.set_xlim(hours[0] - 0.3, hours[-1] + span * label_room / max(axes_w - label_room, 1))
    ax.set_ylim(0, 100)
    ax.set_ylabel(tr("Percent of voters on the lists"))
    return fig


@exhibit(NB, reads=TURNOUT, drawing=draw_turnout_through_the_day)
def referendum_2022_turnout_through_the_day(t: Tables) -> Spec:
    date = "2022-06-05"
    hourly, regions = t.referendum_turnout_hourly, t.regions
    h = hourly[(hourly["vote_date"] == pd.Timestamp(date)) & hourly["turnout_pct"].notna()
               & (hourly["exempt_from"].fillna("").str.strip() == "")]  # known discrepancies left out
    h = h.drop_duplicates(["region_code", "time"]).copy()
    h["hour"] = h["time"].str[:2].astype(int) + h["time"].str[3:].astype(int) / 60
    last = h[h["time"] == h["time"].max()]
    lowest = last[last["region_code"] != "KZ"].sort_values("turnout_pct").iloc[0]
    low_name = unit_name(lowest["region_code"], regions)
    alt = tr("Line chart of turnout by region through {day}: every region rises through the day; {name} stays far "
             "below the rest, at {pct} at the last bulletin.", day=wording.day(date), name=low_name,
             pct=wording.pct(lowest["turnout_pct"]))
    return Spec(tr("{name} trailed the other regions all day", name=low_name),
                tr("Share of voters on the lists who had received a ballot, at each bulletin on {day} (capital's time; "
                   "polls in five western regions closed an hour later by that clock). Grey: each region.",
                   day=wording.day(date)),
                list(dict.fromkeys(h["source_id"])), alt,
                h[["region_code", "time", "turnout_pct", "source_id"]].reset_index(drop=True),
                {"hourly": h, "lowest": lowest["region_code"], "lowest_name": low_name,
                 "labels": {"KZ": unit_name("KZ", regions),
                            lowest["region_code"]: unit_name(lowest["region_code"], regions, True)}})


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


def yes_by_region_summary(t: Tables, date: str = "2022-06-05") -> str:
    """The 2022 yes shares found by region, in a sentence against the country's at the same (preliminary) stage:
    too few, and too partial a set, for a chart."""
    yes = rf.regional_results(t.referendum_regions, t.regions, "yes_pct").sort_values("value")
    results = t.referendum_results
    nat = results[(results["vote_date"] == pd.Timestamp(date)) & (results["measure"] == "yes_pct")
                  & (results["share_base"] == "ballots_cast") & (results["stage"] == "preliminary")].iloc[0]
    units = int(rf.published(results, date, "regional_units")["value"])
    lo, hi = yes.iloc[0], yes.iloc[-1]
    stages = " and ".join(sorted(set(yes["stage"])))
    return (f"Where a regional yes share was found ({len(yes)} of the {units} units; the commission's regional "
            f"protocol was not found), it ranged from **{wording.pct(lo['value'], 0)}** in {lo['name_en']} to "
            f"**{wording.pct(hi['value'], 0)}** in {hi['name_en']}, against **{wording.pct(nat['value'], 0)}** "
            f"nationally at the same stage ({stages}; share of ballots cast). Too few units, and not a random "
            "set, for a chart: the table lists them.")


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
