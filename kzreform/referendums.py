"""Nationwide referendums: shares on three denominators, turnout, and the adoption rules.

A share depends on what it is a share of. The commission reports yes as a share of ballots cast;
other sources use valid ballots (ballots cast less invalid ones); the strictest base is the whole
registered electorate. Each is computed here from the published counts.
"""

from __future__ import annotations

import math

import pandas as pd

from . import charts

LABELS = {"1995-04-29": "1995: President's term extended to 2000", "1995-08-30": "1995: new Constitution",
          "2022-06-05": "2022: constitutional amendments", "2024-10-06": "2024: nuclear power plant",
          "2026-03-15": "2026: new Constitution"}
# The rules as data/referendum_rules.csv states them: a vote is valid if more than half of the
# registered voters take part; a constitutional change also needs a majority of those voting in at
# least two-thirds of the regions and cities of republican significance.
QUORUM_PCT = 50.0
UNITS_SHARE = 2 / 3
STAGES = ("final", "preliminary")


def best(results: pd.DataFrame) -> pd.DataFrame:
    """One row per vote, measure and base: final where published, else preliminary; the first source if
    several agree; rows whose note records a known discrepancy left out."""
    ok = results[~results["note"].fillna("").str.lower().str.contains("known discrepancy")]
    ok = ok.assign(share_base=ok["share_base"].fillna(""),
                   _rank=ok["stage"].map({s: i for i, s in enumerate(STAGES)}).fillna(len(STAGES)))
    ok = ok[ok["stage"].isin(STAGES)].sort_values("_rank", kind="stable")
    return ok.drop_duplicates(["vote_date", "measure", "share_base"]).set_index(["vote_date", "measure", "share_base"])


def published(results: pd.DataFrame, date, measure: str, share_base: str = "") -> pd.Series:
    """The row for a count (or share), final where published, else preliminary; first source if several agree."""
    key = (pd.Timestamp(date), measure, share_base)
    table = best(results)
    if key not in table.index:
        raise LookupError(f"no {measure} published for the vote of {date}")
    return table.loc[key]


COUNTS = ("registered_voters", "ballots_cast", "yes_votes", "no_votes", "invalid_ballots", "both_options_ballots")


def counts(results: pd.DataFrame) -> pd.DataFrame:
    """One row per vote: the published counts, each with the stage it comes from."""
    table = best(results)
    rows = []
    for date in sorted(results["vote_date"].unique()):
        row = {"vote_date": date, "label": LABELS[f"{date:%Y-%m-%d}"]}
        for m in COUNTS:
            key = (date, m, "")
            found = key in table.index
            row[m] = table.loc[key, "value"] if found else math.nan
            row[f"{m}_stage"] = table.loc[key, "stage"] if found else "not found"
        rows.append(row)
    out = pd.DataFrame(rows)
    for m in COUNTS:
        out[m] = out[m].astype("Int64")
    return out


def denominators(results: pd.DataFrame) -> pd.DataFrame:
    """Turnout and the yes share of ballots cast, of valid ballots and of the registered electorate (percent)."""
    c = counts(results)
    for m in ("registered_voters", "ballots_cast", "yes_votes", "invalid_ballots"):
        c[m] = c[m].astype(float)
    valid = c["ballots_cast"] - c["invalid_ballots"]
    return pd.DataFrame({
        "vote_date": c["vote_date"], "label": c["label"],
        "turnout_pct": 100 * c["ballots_cast"] / c["registered_voters"],
        "yes_of_ballots_pct": 100 * c["yes_votes"] / c["ballots_cast"],
        "yes_of_valid_pct": 100 * c["yes_votes"] / valid,
        "yes_of_registered_pct": 100 * c["yes_votes"] / c["registered_voters"],
        "stages": [", ".join(sorted({s for k, s in r.items() if k.endswith("_stage") and s != "not found"}))
                   for _, r in c.iterrows()],
    })


def _value_or_nan(results, date, measure) -> float:
    try:
        return published(results, date, measure)["value"]
    except LookupError:
        return math.nan


def adoption(results: pd.DataFrame) -> pd.DataFrame:
    """The rules evaluated from the data: quorum, national majority, and regional majorities where published."""
    d = denominators(results)
    rows = []
    for _, r in d.iterrows():
        date = r["vote_date"]
        units = _value_or_nan(results, date, "regional_units")
        won = _value_or_nan(results, date, "regions_with_yes_majority")
        needed = math.ceil(UNITS_SHARE * units) if units == units else math.nan
        rows.append({"vote_date": date, "label": r["label"], "turnout_pct": r["turnout_pct"],
                     "quorum_met": r["turnout_pct"] > QUORUM_PCT,
                     "yes_of_ballots_pct": r["yes_of_ballots_pct"], "majority_met": r["yes_of_ballots_pct"] > 50,
                     "regional_units": units, "units_needed": needed, "units_with_yes_majority": won,
                     "regional_rule_met": (won >= needed) if won == won else None})
    return pd.DataFrame(rows)


def regions_latest_turnout(hourly: pd.DataFrame, regions: pd.DataFrame, date, time: str) -> pd.DataFrame:
    """Each unit's turnout at a bulletin hour (first source where several printed the same hour), with names."""
    rows = hourly[(hourly["vote_date"] == pd.Timestamp(date)) & (hourly["time"] == time)
                  & ~hourly["note"].fillna("").str.lower().str.contains("known discrepancy")]
    rows = rows.drop_duplicates("region_code")
    names = regions.set_index("region_code")["name_en"]
    out = rows[["region_code", "turnout_pct", "source_id"]].copy()
    out["name_en"] = out["region_code"].map(names).fillna("Kazakhstan")
    return out.reset_index(drop=True)


def regional_results(reg: pd.DataFrame, regions: pd.DataFrame, measure: str) -> pd.DataFrame:
    """A 2022 regional measure where a source gives it, with names and stage."""
    rows = reg[(reg["measure"] == measure) & reg["value"].notna()].drop_duplicates("region_code")
    names = regions.set_index("region_code")["name_en"]
    out = rows[["region_code", "value", "stage", "source_id"]].copy()
    out["name_en"] = out["region_code"].map(names).fillna("Abroad")
    return out.reset_index(drop=True)


def regional_matrix(reg: pd.DataFrame, regions: pd.DataFrame) -> pd.DataFrame:
    """Units by measure: each 2022 regional value found, marked with its stage; empty where not found."""
    found = reg[reg["value"].notna()].drop_duplicates(["region_code", "measure"])
    cell = found["value"].map(lambda v: f"{v:,.2f}".rstrip("0").rstrip(".")) + " (" + found["stage"] + ")"
    table = found.assign(cell=cell).pivot(index="region_code", columns="measure", values="cell")
    units = [c for c in reg["region_code"].unique()]
    names = regions.set_index("region_code")["name_en"].to_dict() | {"abroad": "Abroad"}
    table = table.reindex(sorted(units)).fillna("")
    table.index = [names.get(c, c) for c in table.index]
    return table


# --- charts ---------------------------------------------------------------------------------------

def _sources_of(results, date_measures) -> list[str]:
    ids = []
    for date, m in date_measures:
        try:
            ids.append(published(results, date, m)["source_id"])
        except LookupError:
            pass
    return list(dict.fromkeys(ids))


def denominators_chart(results: pd.DataFrame):
    """Turnout and the yes share on three bases, vote by vote."""
    d = denominators(results)
    y2022 = d[d["vote_date"] == pd.Timestamp("2022-06-05")].iloc[0]
    src = _sources_of(results, [(date, m) for date in d["vote_date"] for m in
                                ("registered_voters", "ballots_cast", "yes_votes", "invalid_ballots")])
    fig, ax = charts.figure(
        f"The 2022 amendments won {y2022['yes_of_ballots_pct']:.0f}% of ballots cast, the votes of "
        f"{y2022['yes_of_registered_pct']:.0f}% of registered voters",
        "Yes votes as a percentage of three bases, and turnout, at each nationwide referendum. Final "
        "results where published, preliminary otherwise (2024: invalid ballots preliminary).", src,
        height=4.2)
    series = [("yes_of_registered_pct", "yes, of registered voters", charts.ACCENT, "o"),
              ("yes_of_ballots_pct", "yes, of ballots cast", charts.SECOND, "s"),
              ("yes_of_valid_pct", "yes, of valid ballots", charts.OKABE_ITO["green"], "D"),
              ("turnout_pct", "turnout", charts.MUTED, "|")]
    y = list(range(len(d)))[::-1]
    for key, label, colour, marker in series:
        ax.scatter(d[key], y, color=colour, marker=marker, s=34 if marker != "|" else 120, label=label, zorder=3,
                   linewidths=1.6)
    for yi, (_, r) in zip(y, d.iterrows()):
        lo, hi = min(r[k] for k, *_ in series), max(r[k] for k, *_ in series)
        ax.plot([lo, hi], [yi, yi], color=charts.LIGHT, linewidth=1, zorder=1)
    ax.axvline(50, color=charts.MUTED, linestyle="--", linewidth=0.9)
    ax.text(50, len(d) - 0.45, "half", ha="center", va="bottom", fontsize=7, color=charts.MUTED)
    ax.set_yticks(y, d["label"], fontsize=7.5)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(d) - 0.2)
    ax.set_xlabel("Percent")
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.legend(loc="upper left", fontsize=7, ncols=1, scatterpoints=1, handletextpad=0.2)
    data = d.assign(vote_date=d["vote_date"].dt.strftime("%Y-%m-%d")).round(3)
    return fig, data


def turnout_ranked_chart(hourly, regions, results, date="2022-06-05", time="22:00"):
    """Turnout by unit at the last voting-day bulletin, ranked, against the national figure."""
    t = regions_latest_turnout(hourly, regions, date, time)
    nat = t[t["region_code"] == "KZ"].iloc[0]
    reg = t[t["region_code"] != "KZ"].sort_values("turnout_pct")
    lo, hi = reg.iloc[0], reg.iloc[-1]
    fig, ax = charts.figure(
        f"Turnout ranged from {lo['turnout_pct']:.0f}% in {lo['name_en']} to {hi['turnout_pct']:.0f}% in "
        f"{hi['name_en']}",
        f"Share of voters on the lists who had received a ballot by {time} (capital's time), 5 June 2022, by "
        "region: the commission's preliminary voting-day bulletin, not the final count.",
        list(dict.fromkeys(t["source_id"])), height=4.6)
    colours = [charts.ACCENT if c in (lo["region_code"], hi["region_code"]) else charts.CONTEXT
               for c in reg["region_code"]]
    ax.barh(reg["name_en"], reg["turnout_pct"], color=colours, height=0.7)
    for i, v in enumerate(reg["turnout_pct"]):
        ax.text(v + 0.6, i, f"{v:.1f}", va="center", fontsize=6.5, color=charts.TEXT)
    ax.axvline(nat["turnout_pct"], color=charts.SECOND, linewidth=1.2)
    ax.text(nat["turnout_pct"], len(reg) - 0.3, f"Kazakhstan {nat['turnout_pct']:.1f}%", ha="center", va="bottom",
            fontsize=7, color=charts.SECOND)
    ax.axvline(QUORUM_PCT, color=charts.MUTED, linestyle="--", linewidth=0.8)
    ax.text(QUORUM_PCT, len(reg) - 0.3, "half", ha="center", va="bottom", fontsize=7, color=charts.MUTED)
    ax.set_xlim(0, 100)
    ax.set_ylim(-0.6, len(reg) + 0.4)
    ax.tick_params(axis="y", labelsize=7)
    ax.grid(axis="y", visible=False)
    ax.grid(axis="x", visible=True)
    ax.set_xlabel("Percent of voters on the lists")
    return fig, t[["region_code", "name_en", "turnout_pct", "source_id"]]


SHORT_NAMES = {"West Kazakhstan Region": "W Kaz.", "North Kazakhstan Region": "N Kaz.",
               "East Kazakhstan Region": "E Kaz.", "Mangystau Region": "Mangyst.", "Almaty Region": "Almaty r.",
               "Almaty (city)": "Almaty c.", "Astana (Nur-Sultan in 2022)": "Astana", "Shymkent (city)": "Shymkent",
               "Karaganda Region": "Karaganda", "Kyzylorda Region": "Kyzylorda", "Turkistan Region": "Turkistan"}


def short_name(name: str) -> str:
    """A region's name short enough for a map tile."""
    return SHORT_NAMES.get(name, name.replace(" Region", ""))


def tile_map_chart(hourly, regions, panels):
    """Tile-grid maps of turnout, one per (date, time) panel, coloured on one shared scale."""
    import matplotlib as mpl
    tables = [(d, t, regions_latest_turnout(hourly, regions, d, t)) for d, t in panels]
    values = pd.concat([tb[tb["region_code"] != "KZ"]["turnout_pct"] for _, _, tb in tables])
    norm = mpl.colors.Normalize(vmin=math.floor(values.min() / 10) * 10, vmax=math.ceil(values.max() / 10) * 10)
    cmap = mpl.colormaps["cividis"]
    src = list(dict.fromkeys(s for _, _, tb in tables for s in tb["source_id"]))
    lowest = [(d, tb[tb["region_code"] != "KZ"].sort_values("turnout_pct").iloc[0]) for d, _, tb in tables]
    fig, axes = charts.figure(
        "Almaty city had the lowest turnout in both referendums on a new or amended Constitution"
        if all(r["region_code"] == "KZ-75" for _, r in lowest) else
        "Turnout by region on voting day",
        "Share of voters on the lists who had received a ballot, by region, at the last complete voting-day "
        "bulletin (preliminary). Each square is a region or city, placed roughly as on the map.", src,
        ncols=len(panels), height=4.0)
    abbrev = regions.set_index("region_code")["name_en"].map(short_name)
    grid = regions.set_index("region_code")[["tile_x", "tile_y"]]
    rows = []
    for ax, (date, time, tb) in zip(axes, tables):
        vals = tb.set_index("region_code")["turnout_pct"]
        for code, (x, y) in grid.iterrows():
            if code not in vals.index:
                continue
            v = vals[code]
            ax.add_patch(mpl.patches.Rectangle((x, -y), 0.94, -0.94, facecolor=cmap(norm(v)), edgecolor="white"))
            ink = "white" if norm(v) < 0.55 else "black"
            ax.text(x + 0.47, -y - 0.33, abbrev[code], ha="center", va="center", fontsize=5.2, color=ink)
            ax.text(x + 0.47, -y - 0.64, f"{v:.0f}", ha="center", va="center", fontsize=7, color=ink,
                    fontweight="bold")
            rows.append({"vote_date": f"{pd.Timestamp(date):%Y-%m-%d}", "time": time, "region_code": code,
                         "turnout_pct": v})
        ax.set_xlim(-0.1, grid["tile_x"].max() + 1.05)
        ax.set_ylim(-grid["tile_y"].max() - 1.1, 0.1)
        ax.set_aspect("equal")
        ax.axis("off")
        ax.set_title(f"{charts.day(pd.Timestamp(date))}, {time}: {len(vals) - 1} units", loc="left", fontsize=8,
                     color=charts.TEXT)
    cbar = fig.colorbar(mpl.cm.ScalarMappable(norm=norm, cmap=cmap), ax=list(axes), orientation="horizontal",
                        fraction=0.05, pad=0.02, aspect=40)
    cbar.set_label("Turnout, % of voters on the lists", fontsize=7.5)
    cbar.ax.tick_params(labelsize=7)
    return fig, pd.DataFrame(rows)


def turnout_day_chart(hourly, regions, date="2022-06-05"):
    """Turnout through voting day: every region in grey, the country and the lowest region highlighted."""
    h = hourly[(hourly["vote_date"] == pd.Timestamp(date)) & hourly["turnout_pct"].notna()
               & ~hourly["note"].fillna("").str.lower().str.contains("known discrepancy")]
    h = h.drop_duplicates(["region_code", "time"]).copy()
    h["hour"] = h["time"].str[:2].astype(int) + h["time"].str[3:].astype(int) / 60
    last = h[h["time"] == h["time"].max()]
    lowest = last[last["region_code"] != "KZ"].sort_values("turnout_pct").iloc[0]
    names = regions.set_index("region_code")["name_en"]
    fig, ax = charts.figure(
        f"{names[lowest['region_code']]} trailed the other regions all day",
        f"Share of voters on the lists who had received a ballot, at each bulletin on "
        f"{charts.day(pd.Timestamp(date))} (capital's time; polls in five western regions closed an hour later "
        "by that clock). Grey: each region.", list(dict.fromkeys(h["source_id"])))
    for code, g in h.groupby("region_code"):
        if code in ("KZ", lowest["region_code"]):
            continue
        ax.plot(g["hour"], g["turnout_pct"], color=charts.LIGHT, linewidth=1)
    for code, colour, label in (("KZ", charts.SECOND, "Kazakhstan"),
                                (lowest["region_code"], charts.ACCENT, names[lowest["region_code"]])):
        g = h[h["region_code"] == code]
        ax.plot(g["hour"], g["turnout_pct"], color=colour, linewidth=2, marker="o", markersize=3)
        ax.annotate(f"{label} {g['turnout_pct'].iloc[-1]:.1f}%", (g["hour"].iloc[-1], g["turnout_pct"].iloc[-1]),
                    xytext=(4, 0), textcoords="offset points", va="center", fontsize=7.5, color=colour)
    hours = sorted(h["hour"].unique())
    ax.set_xticks(hours, [f"{int(x):02d}:00" for x in hours])
    ax.set_xlim(hours[0] - 0.3, hours[-1] + 3.2)
    ax.set_ylim(0, 100)
    ax.set_ylabel("Percent of voters on the lists")
    data = h[["region_code", "time", "turnout_pct", "source_id"]].reset_index(drop=True)
    return fig, data


def regional_yes_chart(reg, regions, hourly, results):
    """Yes share where a source gives it for a region, against that region's voting-day turnout."""
    yes = regional_results(reg, regions, "yes_pct")
    t = regions_latest_turnout(hourly, regions, "2022-06-05", "22:00").set_index("region_code")["turnout_pct"]
    yes["turnout_pct"] = yes["region_code"].map(t)
    nat = denominators(results).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    n_units = int(published(results, "2022-06-05", "regional_units")["value"])
    fig, ax = charts.figure(
        f"Regional yes shares were found for only {len(yes)} of the {n_units} units; "
        f"{yes.sort_values('value').iloc[0]['name_en']} had the lowest of them",
        "Yes votes as a percentage of ballots cast (preliminary, 6 June 2022) against voting-day turnout at "
        "22:00, for the units where a source gives the yes share. Partial data: the commission's regional "
        "protocol was not found. Axes do not start at zero.", list(dict.fromkeys(list(yes["source_id"]) +
                                                     [published(results, "2022-06-05", "yes_votes")["source_id"]])))
    ax.scatter(yes["turnout_pct"], yes["value"], color=charts.ACCENT, s=30, zorder=3)
    for k, (_, r) in enumerate(yes.sort_values("turnout_pct").iterrows()):  # alternate labels above and below
        ax.annotate(short_name(r["name_en"]), (r["turnout_pct"], r["value"]), xytext=(0, 7 if k % 2 else -10),
                    textcoords="offset points", fontsize=7, ha="center", va="center")
    ax.scatter([nat["turnout_pct"]], [nat["yes_of_ballots_pct"]], color=charts.SECOND, marker="s", s=36, zorder=3)
    ax.annotate("Kazakhstan (final)", (nat["turnout_pct"], nat["yes_of_ballots_pct"]), xytext=(0, 8),
                textcoords="offset points", fontsize=7, ha="center", va="center", color=charts.SECOND)
    ax.set_xlim(20, 90)
    ax.set_ylim(50, 90)
    ax.set_xlabel("Turnout at 22:00, %")
    ax.set_ylabel("Yes, % of ballots cast")
    data = yes[["region_code", "name_en", "value", "stage", "turnout_pct", "source_id"]].rename(
        columns={"value": "yes_pct"})
    return fig, data
