"""The op-ed's claims, each computed from data/ and judged.

Every check returns the value computed from the data, a verdict from a fixed vocabulary, and a
one-line explanation built from the computed numbers. A verdict is about a number, not a government.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import court, elections, referendums, rulings, wording
from .datasets import load, resource

VERDICTS = {
    "consistent": "Consistent with the data",
    "consistent_with_caveat": "Consistent, with a caveat",
    "misleading_comparison": "Misleading comparison",
    "not_consistent": "Not consistent with the data",
    "not_checkable": "Not checkable with sourced data",
}
OP_ED_DATE = pd.Timestamp("2023-08-28")


@dataclass
class Check:
    computed: str
    verdict: str
    explanation: str
    rows: tuple = ()      # the data rows behind the value, as 'table: key' (see ref)
    sources: tuple = ()   # their source ids, each once


def ref(table: str, row) -> str:
    """A data row named by its table and primary key: 'court_caseload: constitutional_council
    normative_resolutions 1995-12-29 qazaqtv_2022_06_20', 'reform_measures: president_term_years step 1'."""
    if table == "reform_measures":
        return f"reform_measures: {row['measure_id']} step {row['step']}"
    keys = resource(table)["schema"]["primaryKey"]
    keys = [keys] if isinstance(keys, str) else keys
    return f"{table}: " + " ".join(wording.iso(row[k]) if isinstance(row[k], pd.Timestamp) else str(row[k])
                                   for k in keys)


def row_sources(row) -> list[str]:
    """A row's source and the sources that cross-check it."""
    ids = [row["source_id"]] if isinstance(row["source_id"], str) and row["source_id"] else []
    extra = row.get("cross_check_source_ids", "")
    if isinstance(extra, str):
        ids += [x for x in extra.split(";") if x]
    return ids


def basis(*pairs) -> dict:
    """Check(..., **basis(("table", row), ("table", frame), ...)): the rows behind a value and their sources,
    each once, in order."""
    rows, sources = [], []
    for table, what in pairs:
        frame = what.to_frame().T if isinstance(what, pd.Series) else what
        for _, r in frame.iterrows():
            rows.append(ref(table, r))
            sources += row_sources(r)
    return {"rows": tuple(dict.fromkeys(rows)), "sources": tuple(dict.fromkeys(sources))}


class Data:
    """The tables the checks need, loaded once."""

    @cached_property
    def caseload(self):
        return load("court_caseload")

    @cached_property
    def body_table(self):
        return load("constitutional_bodies")

    @cached_property
    def bodies(self):
        return self.body_table.set_index("body")

    @cached_property
    def access(self):
        return load("court_access")

    @cached_property
    def rulings(self):
        return load("court_rulings")

    @cached_property
    def referendum(self):
        return load("referendum_results")

    @cached_property
    def elections(self):
        return tuple(load(n) for n in ("mazhilis_results", "mazhilis_totals", "mazhilis_rules"))

    @cached_property
    def measures(self):
        return load("reform_measures")

    @cached_property
    def constitution(self):
        """The Constitution's articles and which laws amended each (the 1995 text as in force in 2023)."""
        return tuple(load(n) for n in ("constitution_articles", "constitution_article_amendments",
                                       "constitution_amendments"))


def _pct(x: float) -> str:
    return f"{x:.2f}%"


def referendum_2022_in_june(claim, d: Data) -> Check:
    date = next(v for v in d.referendum["vote_date"].unique() if v.year == 2022)
    row = referendums.published(d.referendum, date, "ballots_cast")
    ok = date.month == 6 and date.year == OP_ED_DATE.year - 1
    return Check(f"{wording.day(date)}", "consistent" if ok else "not_consistent",
                 f"The referendum on the amendments was held on {wording.day(date)}.",
                 **basis(("referendum_results", _keyed(row, date, "ballots_cast"))))


def _keyed(row: pd.Series, date, measure: str) -> pd.Series:
    """A row of referendums.best() (indexed by vote, measure and base) with its key columns back."""
    return row.copy().rename(row.name).pipe(lambda r: pd.concat([pd.Series({"vote_date": pd.Timestamp(date),
                                                                            "measure": measure}), r]))


def constitution_day(claim, d: Data) -> Check:
    dates = sorted(d.referendum["vote_date"].unique())
    adopted = next(v for v in dates if v.year == 1995 and v.month == 8)
    ok = adopted.day == claim["value"]
    return Check(f"{wording.day(adopted)}", "consistent" if ok else "not_consistent",
                 f"The Constitution was adopted by the referendum of {wording.day(adopted)}.",
                 **basis(("referendum_results", _keyed(referendums.published(d.referendum, adopted, "ballots_cast"),
                                                       adopted, "ballots_cast"))))


def referendum_yes_share(claim, d: Data) -> Check:
    shares = referendums.denominators(d.referendum).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    of_ballots, of_registered = shares["yes_of_ballots_pct"], shares["yes_of_registered_pct"]
    verdict = "consistent" if of_registered > claim["value"] else "not_consistent"
    used = [_keyed(referendums.published(d.referendum, "2022-06-05", m), "2022-06-05", m)
            for m in ("registered_voters", "ballots_cast", "yes_votes")]
    return Check(f"{_pct(of_registered)} of registered voters; {_pct(of_ballots)} of ballots cast", verdict,
                 f"Yes votes were {_pct(of_ballots)} of the ballots cast but {_pct(of_registered)} of all registered "
                 f"(eligible) voters, since turnout was {_pct(shares['turnout_pct'])}; the 77% holds for those who "
                 "voted, not for eligible voters.", **basis(*(("referendum_results", r) for r in used)))


def _rules(d: Data, date) -> pd.Series:
    rules = d.elections[2]
    return rules[rules["election_date"] == pd.Timestamp(date)].iloc[0]


def threshold_change(claim, d: Data) -> Check:
    a, b = _rules(d, "2021-01-10"), _rules(d, "2023-03-19")
    before, after = a["threshold_pct"], b["threshold_pct"]
    ok = (before, after) == (claim["value"], claim["value_2"])
    steps = evidence_steps(claim, d)
    act = _acts(steps)
    return Check(f"{before:g}% (2021), {after:g}% (2023)", "consistent" if ok else "not_consistent",
                 f"The list threshold was {before:g}% at the 2021 election and {after:g}% at the 2023 election"
                 + (f"; it was cut by the {act}." if act else "."),
                 **basis(("mazhilis_rules", a), ("mazhilis_rules", b), ("reform_measures", steps)))


def single_member_districts(claim, d: Data) -> Check:
    a, b = _rules(d, "2021-01-10"), _rules(d, "2023-03-19")
    before, after = a["district_seats"], b["district_seats"]
    ok = before == 0 and after > 0
    steps = evidence_steps(claim, d)
    share = steps[steps["unit"] == "percent"]
    said = (f" (a share published as {share['value_after'].iloc[-1]}%; {after} of {b['total_seats']} is "
            f"{100 * after / b['total_seats']:.1f}%)") if len(share) else ""
    return Check(f"{before} district seats (2021), {after} (2023)", "consistent" if ok else "not_consistent",
                 f"The 2021 Mazhilis had {before} single-member district seats; the 2023 Mazhilis has {after} of "
                 f"{b['total_seats']}{said}.",
                 **basis(("mazhilis_rules", a), ("mazhilis_rules", b), ("reform_measures", steps)))


def _final(d: Data, date) -> pd.DataFrame:
    results = d.elections[0]
    return results[(results["election_date"] == pd.Timestamp(date)) & (results["stage"] == "final")]


def parties_elected(claim, d: Data) -> Check:
    results, totals, _ = d.elections
    after = elections.indices(results, totals, "2023-03-19")["parties_with_seats"]
    before = elections.indices(results, totals, "2021-01-10")["parties_with_seats"]
    won = [f[(f["contestant_type"] == "party") & (f["total_seats"] > 0)] for f in (_final(d, "2021-01-10"),
                                                                                   _final(d, "2023-03-19"))]
    return Check(f"{after} parties (2023); {before} (2021)", "consistent" if after == claim["value"] else "not_consistent",
                 f"{after} parties won seats in March 2023, against {before} in 2021.",
                 **basis(*(("mazhilis_results", w) for w in won)))


def evidence_steps(claim, d: Data, by=OP_ED_DATE) -> pd.DataFrame:
    """Every row of the measures table a statement is about (its `measures`: measure ids or topics), adopted by
    the op-ed's date, in the table's order: the whole evidence a verdict reads, for and against."""
    wanted = [x for x in str(claim.get("measures") or "").split(";") if x and x not in ("nan", "<NA>")]
    m = d.measures
    rows = m[m["measure_id"].isin(wanted) | m["topic"].isin(wanted)]
    dated = rows["date_adopted"].fillna("")
    return rows[(dated != "") & (dated <= f"{pd.Timestamp(by):%Y-%m-%d}")]


def _steps(d: Data, measure_id: str, by=OP_ED_DATE) -> pd.DataFrame:
    """The steps of a reform measure adopted by a date (the op-ed's, by default), oldest first."""
    m = d.measures[d.measures["measure_id"] == measure_id].sort_values("step")
    dated = m["date_adopted"].fillna("")
    return m[(dated != "") & (dated <= f"{pd.Timestamp(by):%Y-%m-%d}")]


def _changed(steps: pd.DataFrame) -> str:
    """'40,000 → 20,000 → 5,000 members', '7 → 5%', or the last value in words, from a measure's steps."""
    unit = steps["unit"].iloc[0]
    if unit == "text":
        return str(steps["value_after"].iloc[-1])
    values = [steps["value_before"].iloc[0]] + list(steps["value_after"])
    shown = [f"{int(v):,}" if str(v).isdigit() else str(v) for v in values]
    if unit != "percent" and shown[-1] == "1" and unit.endswith("s"):
        unit = unit[:-1]  # '2 → 1 term'
    return " → ".join(shown) + ("%" if unit == "percent" else f" {unit}")


def _when(steps: pd.DataFrame) -> str:
    return wording.listing(dict.fromkeys(str(d)[:4] for d in steps["date_adopted"]))


def _acts(steps: pd.DataFrame) -> str:
    """The acts behind steps, each once, as named in the data."""
    return wording.listing(str(x) for x in dict.fromkeys(steps["act"].fillna("")) if x)


def _step_words(r) -> str:
    """One step as a sentence: 'Mazhilis deputies chosen by the Assembly of People of Kazakhstan: 9 → 0 seats
    (2022).'"""
    change = (f"before, {_prose(r['value_before'])}; after, {_prose(r['value_after'])}" if r["unit"] == "text"
              else _changed(pd.DataFrame([r])))
    return f"{r['measure']}: {change} ({str(r['date_adopted'])[:4]})."


def _prose(value) -> str:
    """A cell that joins clauses with ';' read as one clause: 'no list; ban lifted' -> 'no list, and ban lifted'
    (a ';' inside parentheses is left alone)."""
    parts, depth, cur = [], 0, ""
    text = str(value)
    i = 0
    while i < len(text):
        ch = text[i]
        depth += (ch == "(") - (ch == ")")
        if depth == 0 and text.startswith("; ", i):
            parts.append(cur)
            cur, i = "", i + 2
            continue
        cur += ch
        i += 1
    parts.append(cur)
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + ", and " + parts[-1]


def _also(rows, lead: str = "Other rows on this topic:") -> str:
    rows = [r for _, r in rows.iterrows()] if isinstance(rows, pd.DataFrame) else list(rows)
    return (f" {lead} " + " ".join(_step_words(r) for r in rows)) if rows else ""


def women_quota(claim, d: Data) -> Check:
    steps = evidence_steps(claim, d)
    share = steps[steps["measure_id"] == "party_list_quota_pct"]
    groups = steps[steps["measure_id"] == "party_list_quota_categories"]
    mandates = steps[steps["measure_id"] == "party_list_quota_in_mandates"]
    women = elections.women_share(d.elections[1]).set_index("election_date")
    a, b = women.loc[pd.Timestamp("2021-01-10"), "share_pct"], women.loc[pd.Timestamp("2023-03-19"), "share_pct"]
    totals = d.elections[1]
    counted = totals[totals["election_date"].isin([pd.Timestamp("2021-01-10"), pd.Timestamp("2023-03-19")])
                     & totals["measure"].isin(["women_deputies", "seats_total"])]
    counted = counted[counted["measure"] == "women_deputies"].pipe(
        lambda w: pd.concat([w, counted[counted["measure"] == "seats_total"].drop_duplicates("election_date")]))
    if share.empty:
        return Check("no quota step found", "not_checkable", "The data hold no quota rule adopted by the op-ed's date.")
    who = wording.semicolon_list(groups["value_after"].iloc[-1]) if len(groups) else share["measure"].iloc[0]
    return Check(f"list quota: {_changed(share)} ({_when(share)}); seats held by women {a:.1f}% → {b:.1f}%",
                 "consistent_with_caveat",
                 f"A quota on party lists was introduced ({_changed(share)}, {_when(share)}), but it is one shared "
                 f"quota for {who}, not a quota for women alone; from {_when(mandates) or 'later'} it also applies "
                 f"when list seats are distributed. Women's share of Mazhilis seats fell from {a:.1f}% after the 2021 "
                 f"election to {b:.1f}% after the 2023 election.",
                 **basis(("reform_measures", steps), ("mazhilis_totals", counted)))


def _measure_check(claim, d: Data, measure_id: str, what: str, caveat_when=None, caveat: str = "") -> Check:
    """A statement about one rule, decided from its steps; every other row of the statement's measures is named
    too (the facts for and against the statement), and all of them are its data rows."""
    steps = _steps(d, measure_id)
    every = evidence_steps(claim, d)
    if steps.empty:
        return Check("not found", "not_checkable", f"No step of this rule adopted by {wording.day(OP_ED_DATE)} was "
                     "found.")
    last = steps.iloc[-1]
    flagged = caveat_when is not None and caveat_when(last)
    others = every[every["measure_id"] != measure_id]
    act = _acts(steps)
    return Check(f"{_changed(steps)} ({_when(steps)})", "consistent_with_caveat" if flagged else "consistent",
                 f"{what}: before, {_prose(last['value_before'])}; after, {_prose(last['value_after'])}"
                 + (f" ({act})." if act else ".")
                 + (f" {caveat}" if flagged else "") + _also(others), **basis(("reform_measures", every)))


def death_penalty(claim, d: Data) -> Check:
    return _measure_check(claim, d, "death_penalty_constitution", "The death penalty in the Constitution")


def rural_heads_elected(claim, d: Data) -> Check:
    return _measure_check(claim, d, "rural_akim_election", "Heads (akims) of rural districts, villages and towns")


def recall_of_deputies(claim, d: Data) -> Check:
    return _measure_check(claim, d, "deputy_recall", "Recall of deputies",
                          lambda r: "single-member" in str(r["value_after"]),
                          "Only deputies elected in single-member districts can be recalled, not those from party "
                          "lists (most of the Mazhilis).")


def jobs_for_women(claim, d: Data) -> Check:
    return _measure_check(claim, d, "jobs_banned_for_women", "The list of jobs closed to women")


def self_nomination(claim, d: Data) -> Check:
    return _measure_check(claim, d, "mazhilis_self_nomination", "Standing for the Mazhilis without a party",
                          lambda r: "single-member" in str(r["value_after"]),
                          "Self-nominated candidates may stand only in the single-member districts.")


def assemblies_notification(claim, d: Data) -> Check:
    return _measure_check(claim, d, "peaceful_assembly_regime", "Holding a peaceful assembly",
                          lambda r: "approval" in str(r["value_after"]),
                          "Notification suffices only for some kinds of assembly; others still need approval.")


def party_registration(claim, d: Data) -> Check:
    steps = _steps(d, "party_min_members")
    check = _measure_check(claim, d, "party_min_members", "Members needed to register a party")
    if len(steps) > 1:
        others = evidence_steps(claim, d)
        others = others[others["measure_id"] != "party_min_members"]
        check.explanation = (f"The membership needed to register a party was cut in {len(steps)} steps "
                             f"({_changed(steps)}; {_when(steps)})."
                             + _also(others))
    return check


# The rules of the presidency and of Parliament's make-up that limit the President or widen the elected
# chamber's part, and those that do not (every other row of those topics is named as context).
PRESIDENT_LIMITS = ("president_max_terms", "senate_presidential_appointees", "mazhilis_assembly_seats")
PRESIDENT_NOT_LIMITS = ("president_term_years", "senate_assembly_nominees")


def presidential_powers(claim, d: Data) -> Check:
    every = evidence_steps(claim, d)
    get = {m: every[every["measure_id"] == m] for m in PRESIDENT_LIMITS + PRESIDENT_NOT_LIMITS}
    terms, senate = get["president_max_terms"], get["senate_presidential_appointees"]
    if terms.empty or senate.empty:
        return Check("not found", "not_checkable", "The rules on the presidency were not found.")
    years, nominees, assembly = get["president_term_years"], get["senate_assembly_nominees"], \
        get["mazhilis_assembly_seats"]
    first = lambda f, c: f[c].iloc[0]  # noqa: E731
    last = lambda f, c: f[c].iloc[-1]  # noqa: E731
    against = []
    if len(years):
        against.append(f"the term was lengthened from {first(years, 'value_before')} to {last(years, 'value_after')} "
                       f"years ({_when(years)})")
    if len(nominees):
        against.append(f"{last(nominees, 'value_after')} of the {last(senate, 'value_after')} senators the President "
                       "appoints are now appointed on the proposal of the Assembly of People of Kazakhstan (before: "
                       f"{first(nominees, 'value_before')})")
    named = set(PRESIDENT_LIMITS + PRESIDENT_NOT_LIMITS)
    context = [r for _, r in every.iterrows() if r["measure_id"] not in named]
    limits = (f"one person may now serve {last(terms, 'value_after')} term (before {first(terms, 'value_before')}), "
              f"and the President appoints {last(senate, 'value_after')} senators (before "
              f"{first(senate, 'value_before')})")
    if len(assembly):
        limits += (f"; the {first(assembly, 'value_before')} Mazhilis seats the Assembly of People of Kazakhstan "
                   "filled were abolished")
    computed = f"terms {_changed(terms)}; Senate appointees {_changed(senate)}"
    if len(years):
        computed += f"; term {_changed(years)}"
    if len(nominees):
        computed += f"; Assembly-proposed senators {_changed(nominees)}"
    return Check(computed, "consistent_with_caveat",
                 f"For the statement: {limits}. Against it or beside it: {wording.listing(against)}."
                 + _also(context)
                 + " Powers as a whole are not measured here.", **basis(("reform_measures", every)))


OUTSIDE_PARTIES = {"assembly": "deputies chosen by the Assembly of People of Kazakhstan",
                   "self_nominated": "self-nominated deputies"}


def varied_parliament(claim, d: Data) -> Check:
    """Fragmentation on one base, said: the seats won by parties (the Assembly's appointees and self-nominated
    deputies left out), with the largest party's share on that base and, named as such, of the whole chamber."""
    results, totals, _ = d.elections
    a, b = (elections.indices(results, totals, x) for x in ("2021-01-10", "2023-03-19"))
    used = [_final(d, x) for x in ("2021-01-10", "2023-03-19")]

    def base(seats: pd.DataFrame, year: str) -> str:
        party = int(seats[seats["contestant_type"] == "party"]["total_seats"].sum())
        out = seats[(seats["contestant_type"] != "party") & (seats["total_seats"] > 0)]
        left = wording.listing(f"{int(r['total_seats'])} {OUTSIDE_PARTIES[r['contestant_type']]}"
                               for _, r in out.iterrows())
        return f"{party} of {int(seats['total_seats'].sum())} in {year}" + (f", leaving out {left}" if left else "")
    seats = used[1]
    parties = seats[seats["contestant_type"] == "party"]
    top = parties.sort_values("total_seats").iloc[-1]
    party_seats, all_seats = int(parties["total_seats"].sum()), int(seats["total_seats"].sum())
    of_party, of_all = 100 * top["total_seats"] / party_seats, 100 * top["total_seats"] / all_seats
    return Check(f"parties with seats {a['parties_with_seats']} → {b['parties_with_seats']}; effective number "
                 f"{a['enp_party_seats']:.1f} → {b['enp_party_seats']:.1f} (seats won by parties)",
                 "consistent_with_caveat",
                 f"More parties won seats ({a['parties_with_seats']} in 2021, {b['parties_with_seats']} in 2023). "
                 f"On one base, the seats won by parties ({base(used[0], '2021')}; {base(seats, '2023')}), the "
                 f"effective number of parties rose from {a['enp_party_seats']:.1f} to {b['enp_party_seats']:.1f}, "
                 f"and in 2023 the largest party held {of_party:.0f}% of those seats ({of_all:.0f}% of all "
                 f"{all_seats}). The data measure fragmentation, not the range of views.",
                 **basis(*(("mazhilis_results", u) for u in used)))


def _access(d: Data, body: str, applicant: str) -> pd.Series:
    a = d.access
    return a[(a["body"] == body) & (a["applicant"] == applicant)].iloc[0]


def ombudsperson_access(claim, d: Data) -> Check:
    council, court_ = _access(d, court.COUNCIL, "ombudsperson"), _access(d, court.COURT, "ombudsperson")
    return Check(f"Ombudsperson may apply: Council {'yes' if council['may_apply'] else 'no'}, Court "
                 f"{'yes' if court_['may_apply'] else 'no'}",
                 "consistent_with_caveat" if court_["may_apply"] and not council["may_apply"] else "not_consistent",
                 f"One measurable power was added: {wording.term('ombudsperson')} may apply to the Constitutional "
                 "Court, which it could not do to the Council. The other institutions named are not in the data.",
                 **basis(("court_access", council), ("court_access", court_),
                         ("reform_measures", evidence_steps(claim, d))))


def _start(d: Data) -> pd.Series:
    return d.body_table[d.body_table["body"] == court.COURT].iloc[0]


def court_start(claim, d: Data) -> Check:
    start = d.bodies.at[court.COURT, "first_sat"]
    return Check(f"{wording.day(start)}", "consistent" if start == pd.Timestamp("2023-01-01") else "not_consistent",
                 f"The Court's work started on {wording.day(start)}.", **basis(("constitutional_bodies", _start(d))))


def months_since_start(claim, d: Data) -> Check:
    start = d.bodies.at[court.COURT, "first_sat"]
    months = court.years(start, OP_ED_DATE) * 12
    ok = abs(months - claim["value"]) < 0.5
    check = Check(f"{months:.1f} months", "consistent" if ok else "not_consistent",
                  f"From {wording.day(start)} to the op-ed's date ({wording.day(OP_ED_DATE)}) is {months:.1f} months.",
                  **basis(("constitutional_bodies", _start(d))))
    check.sources = tuple(dict.fromkeys(check.sources + (claim["source_id"],)))  # the op-ed's own date
    return check


def court_appeals_8_months(claim, d: Data) -> Check:
    row = court.at_or_before(d.caseload, d.body_table, court.COURT, "appeals_received", court.OP_ED_CUTOFF)
    earlier = court.at_or_before(d.caseload, d.body_table, court.COURT, "appeals_received", "2023-06-30")
    ok = row["value"] == claim["value"]
    bound = court.end_is_bound(row)
    when = wording.bound_day(row["period_end"]) if bound else f"by {wording.day(row['period_end'])}"
    return Check(f"{wording.published(row['value'], row['qualifier'])} {when}",
                 "consistent_with_caveat" if ok else "not_consistent",
                 f"The Court reported {wording.published(row['value'], row['qualifier'])} appeals over eight months, "
                 f"{when}{' (the source gives the month, not the day)' if bound else ''}, and "
                 f"{wording.published(earlier['value'], earlier['qualifier'])} by "
                 f"{wording.day(earlier['period_end'], year=False)}; both figures come from the Court itself, with no "
                 "independent count for 2023.",
                 **basis(("court_caseload", row), ("court_caseload", earlier)))


def _rate_words(r: pd.Series, prefix: str = "", noun: str = "") -> str:
    """A rate with the period it spreads over: 'more than 5.2 a year (29 December 1995 to 20 June 2022, 26.5
    years)'."""
    rate = wording.a_year(court.hedged(r, "per_year", prefix), noun)
    span = f"{wording.day(r[prefix + 'rate_from'])} to {wording.day(r[prefix + 'rate_to'])}, {r[prefix + 'years']:.1f} years"
    if r[prefix + "rate_basis"] == court.LIFE_BOUND:
        span += ": an undated total spread over the whole life, so a floor"
    return f"{rate} ({span})"


def council_cases(claim, d: Data) -> Check:
    res = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "normative_resolutions")
    appeals = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "appeals_received")
    start, end = court.life(d.body_table, court.COUNCIL)
    life = court.years(start, end)
    ok = res["value"] == claim["value"] and round(life) == claim["value_2"]
    counted = (f"by {wording.day(res['period_end'])}" if pd.notna(res["period_end"]) else "(undated)")
    body = d.body_table[d.body_table["body"] == court.COUNCIL]
    return Check(f"{wording.published(res['value'], res['qualifier'])} normative resolutions {counted}; life "
                 f"{life:.1f} years", "consistent_with_caveat" if ok else "not_consistent",
                 f"The Council's life was {life:.1f} years ({wording.day(start)} to {wording.day(end)}). It had "
                 f"adopted {wording.published(res['value'], res['qualifier'])} normative resolutions (its decisions) "
                 f"{counted}, {res['years']:.1f} years into it; the 140 counts decisions, while the Council received "
                 f"{wording.published(appeals['value'], appeals['qualifier'])} appeals (an undated total).",
                 **basis(("court_caseload", res), ("court_caseload", appeals), ("constitutional_bodies", body)))


def council_average(claim, d: Data) -> Check:
    res = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "normative_resolutions")
    ok = abs(res["per_year"] - claim["value"]) < 0.5
    return Check(wording.a_year(court.hedged(res, 'per_year')),
                 "consistent" if ok else "not_consistent",
                 f"{wording.published(res['value'], res['qualifier'])} resolutions counted up to "
                 f"{wording.day(res['period_end'])} is {_rate_words(res)}.", **basis(("court_caseload", res)))


def appeals_vs_cases(claim, d: Data) -> Check:
    comp = court.comparisons(d.caseload, d.body_table).set_index("comparison")
    app, dec = comp.loc["appeals against appeals"], comp.loc["decisions against decisions"]
    app_ratio, dec_ratio = (court.rate_ratio(r, r, "court_", "council_") for r in (app, dec))
    court_rate, council_rate = (wording.rate(court.hedged(app, "per_year", f"{side}_")) for side in ("court", "council"))
    appeals = f"the Court receives {wording.times(app_ratio)} as many appeals as the Council did"
    if app_ratio.minimums:
        appeals = (f"the Court receives {_rate_words(app, 'court_', 'appeals')} and the Council received "
                   f"{_rate_words(app, 'council_')}: {wording.times(app_ratio)} as many, but both figures are "
                   "only floors, so the true ratio could be larger or smaller")
    used = []
    for r in (app, dec):
        for side in ("court", "council"):
            used.append(d.caseload[(d.caseload["body"] == f"constitutional_{side}")
                                   & (d.caseload["measure"] == r[f"{side}_measure"])
                                   & (d.caseload["source_id"] == r[f"{side}_source_id"])
                                   & (d.caseload["value"] == r[f"{side}_value"])])
    return Check(f"per year: appeals {court_rate} against {council_rate}; final decisions {wording.times(dec_ratio)} "
                 "as many",
                 "misleading_comparison",
                 f"It sets appeals against decisions. Like for like, {appeals}. The Court issues "
                 f"{_rate_words(dec, 'court_', 'final decisions')} and the Council issued "
                 f"{_rate_words(dec, 'council_')}: {wording.times(dec_ratio)} as many.", **basis(*(("court_caseload", u) for u in used)))


def citizen_access(claim, d: Data) -> Check:
    a = d.access
    council = a[(a["body"] == court.COUNCIL) & a["may_apply"]]
    citizens = [_access(d, court.COUNCIL, "citizens"), _access(d, court.COURT, "citizens")]
    ok = (not citizens[0]["may_apply"]) and citizens[1]["may_apply"]
    listed, pending = [], []
    for code, cond in zip(council["applicant"], council["condition"].fillna("")):
        if cond.startswith("at least"):  # a condition that names the group stands in its place
            listed += wording.terms(pending) + [cond]
            pending = []
        else:
            pending.append(code)
    listed += wording.terms(pending)
    return Check(f"citizens: Council {'yes' if citizens[0]['may_apply'] else 'no'}, Court "
                 f"{'yes' if citizens[1]['may_apply'] else 'no'}", "consistent" if ok else "not_consistent",
                 f"Citizens could not apply to the Council, whose applicants were {wording.listing(listed)}; they can "
                 "apply to the Court.",
                 **basis(("court_access", council), *(("court_access", c) for c in citizens),
                         ("reform_measures", evidence_steps(claim, d))))


def cases_reviewed(claim, d: Data) -> Check:
    low = rulings.highest_by(d.rulings, OP_ED_DATE)
    high = rulings.first_after(d.rulings, OP_ED_DATE)
    # the series also holds procedural acts (its rules, explanations): those known by then are not cases
    procedural = int(d.rulings[d.rulings["number"] <= low["number"]]["outcome"].isin(rulings.PROCEDURAL).sum())
    ok = low["number"] - procedural <= claim["value"] <= high["number"] - 1
    reached = (f"exactly No. {low['number']}" if low["number"] == high["number"] - 1 else
               f"at least No. {low['number']} and at most No. {high['number'] - 1}")
    return Check(f"series between No. {low['number']} and No. {high['number'] - 1}, {procedural} procedural",
                 "consistent" if ok else "not_consistent",
                 f"By {wording.day(OP_ED_DATE)} the Court's numbered resolutions had reached {reached}; "
                 f"{procedural} of Nos. 1-{low['number']} are known procedural acts rather than decisions on cases.",
                 **basis(("court_rulings", low), ("court_rulings", high)))


def no_figure(claim, d: Data) -> Check:
    return Check("no figure", "not_checkable", "No source other than the op-ed gives this figure.")


def norms_scrutinised(claim, d: Data) -> Check:
    year = d.caseload[(d.caseload["measure"] == "norms_reviewed") & (d.caseload["period_end"] == "2023-12-31")].iloc[0]
    return Check(f"{wording.published(year['value'], year['qualifier'])} in all of 2023", "not_checkable",
                 f"No count for August 2023 was found; for the whole of 2023 the Court reported "
                 f"{wording.published(year['value'], year['qualifier'])} norms checked, which does not contradict it.",
                 **basis(("court_caseload", year)))


def norms_unconstitutional(claim, d: Data) -> Check:
    row = d.caseload[d.caseload["measure"] == "normative_resolutions_with_unconstitutional_norms"].iloc[0]
    of = d.caseload[(d.caseload["measure"] == "normative_resolutions") & (d.caseload["period_end"] == row["period_end"])
                    & (d.caseload["source_id"] == row["source_id"])].iloc[0]
    ok = row["value"] == claim["value"]
    return Check(f"{row['value']:.0f} of {of['value']:.0f} resolutions by {wording.day(row['period_end'])}",
                 "consistent_with_caveat" if ok else "not_consistent",
                 f"By {wording.day(row['period_end'])} the Court had found norms unconstitutional in {row['value']:.0f} of "
                 f"{of['value']:.0f} resolutions: the same number, but counting resolutions rather than norms.",
                 **basis(("court_caseload", row), ("court_caseload", of)))


def areas_of_law(claim, d: Data) -> Check:
    low = rulings.highest_by(d.rulings, OP_ED_DATE)
    first = d.rulings[d.rulings["number"] <= low["number"]]
    t = rulings.tally(first, "area_of_law")
    known = int(t.sum())
    unidentified = int((~rulings.identified(first)).sum())
    top = wording.term(t.index[0])
    ok = t.index[0] == "criminal_procedure"
    return Check(f"{top}: {t.iloc[0]} of {known} with a known area", "consistent_with_caveat" if ok else "not_consistent",
                 f"Of Nos. 1-{low['number']}, {known} have a known area of law; {top} is the most frequent "
                 f"({t.iloc[0]}); the other {low['number'] - known} have no known area"
                 + (f" ({unidentified} of them are not identified at all)." if unidentified else "."),
                 **basis(("court_rulings", first)))


def not_in_data(claim, d: Data) -> Check:
    return Check("not in the data", "not_checkable", "The project holds no sourced data on this statement.")


CHECKS = {f.__name__: f for f in (
    death_penalty, rural_heads_elected, recall_of_deputies, jobs_for_women, self_nomination, assemblies_notification,
    party_registration, presidential_powers, varied_parliament, ombudsperson_access,
    referendum_2022_in_june, constitution_day, referendum_yes_share, threshold_change, single_member_districts,
    parties_elected, women_quota, court_start, months_since_start, court_appeals_8_months, council_cases,
    council_average, appeals_vs_cases, citizen_access, cases_reviewed, no_figure, norms_scrutinised,
    norms_unconstitutional, areas_of_law, not_in_data)}


# Statements about what the 2022 amendments wrote into the Constitution, read in its text as in force on 1 January
# 2023 as well: the check, the article, words that stand in that article (Russian, as in the text) and what they
# say, in our words.
IN_THE_TEXT = {
    "death_penalty": ("15", "Смертная казнь запрещается", "prohibits the death penalty"),
    "single_member_districts": ("50", "по одномандатным территориальным избирательным округам",
                                "has the Mazhilis elected partly in single-member territorial districts"),
    "recall_of_deputies": ("52", "отзыве избирателями",
                           "ends the mandate of a deputy elected in a single-member district whom the voters recall"),
    "self_nomination": ("50", "по одномандатным территориальным избирательным округам",
                        "has the Mazhilis elected partly in single-member territorial districts"),
    "citizen_access": ("72", "по обращениям граждан", "lets citizens apply to the Constitutional Court"),
    "ombudsperson_access": ("72", "по обращениям Уполномоченного по правам человека",
                            "lets the Human Rights Ombudsperson apply to the Constitutional Court"),
}
TEXT_VERSION, REFERENDUM_LAW = "1995_2023", "law_2022_06_08_referendum"


def in_the_text(check: str, d: Data) -> Check | None:
    """What the Constitution's text as in force on 1 January 2023 says on a statement's point, and whether the
    2022 referendum law amended that article (from the consolidated text's notes); None for other statements."""
    if check not in IN_THE_TEXT:
        return None
    article, words, says = IN_THE_TEXT[check]
    articles, amended, laws = d.constitution
    row = articles[(articles["version"] == TEXT_VERSION) & (articles["article"] == article)]
    law = laws[laws["law_id"] == REFERENDUM_LAW]
    by = amended[(amended["target"] == "article") & (amended["article"] == article)
                 & (amended["law_id"] == REFERENDUM_LAW)]
    if row.empty or law.empty:
        return Check("", "", f" The Constitution's Article {article} as in force on 1 January 2023 was not found.")
    found = words in row.iloc[0]["text_ru"]
    day = wording.day(law.iloc[0]["date"])
    text = (f" In the Constitution's text as in force on 1 January 2023, Article {article} {says}"
            if found else f" The Constitution's text as in force on 1 January 2023 does not say so in Article {article}")
    text += (f"; its notes list the Law of {day} (the referendum amendments) among the laws that amended it."
             if not by.empty else f"; its notes do not list the Law of {day} among the laws that amended it.")
    return Check("", "", text, **basis(("constitution_articles", row), ("constitution_article_amendments", by)))


def ledger(claims: pd.DataFrame | None = None, data: Data | None = None) -> pd.DataFrame:
    """Every claim with the value computed from the data, its verdict and a one-line explanation."""
    claims = load("op_ed_claims") if claims is None else claims
    data = data or Data()
    rows = []
    for _, c in claims.iterrows():
        result = CHECKS[c["check"]](c, data)
        text = in_the_text(c["check"], data)
        if text is not None:
            result = Check(result.computed, result.verdict, result.explanation + text.explanation,
                           tuple(dict.fromkeys(result.rows + text.rows)),
                           tuple(dict.fromkeys(result.sources + text.sources)))
        if result.verdict not in VERDICTS:
            raise ValueError(f"check {c['check']} returned an unknown verdict {result.verdict!r}")
        if pd.isna(c["value"]):
            stated = ""
        elif isinstance(c["unit"], str) and c["unit"].startswith("year"):
            stated = f"{c['value']:.0f}"
        else:
            stated = wording.published(c["value"], c["qualifier"] or "exact")
        if not pd.isna(c["value_2"]):
            stated += f" / {c['value_2']:g}"
        rows.append({"claim_id": c["claim_id"], "topic": c["topic"], "claim": c["claim_en"], "stated": stated,
                     "unit": c["unit"] if isinstance(c["unit"], str) else "", "computed": result.computed,
                     "verdict": result.verdict, "verdict_label": VERDICTS[result.verdict],
                     "explanation": result.explanation[0].upper() + result.explanation[1:],
                     "data_rows": "; ".join(result.rows), "sources": ";".join(result.sources)})
    return pd.DataFrame(rows)


def summary(table: pd.DataFrame) -> pd.DataFrame:
    """Claims per verdict, in the order of the vocabulary."""
    counts = table["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)
    return pd.DataFrame({"verdict": counts.index, "label": [VERDICTS[v] for v in counts.index], "claims": counts.values})
