"""The op-ed's claims, each computed from data/ and judged.

Every check returns the value computed from the data, a verdict from a fixed vocabulary, and a
one-line explanation built from the computed numbers. A verdict is about a number, not a government.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from . import court, elections, referendums, rulings, wording
from .datasets import load

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
    rows: tuple = ()      # the data rows behind the verdict, as 'table: key'
    sources: tuple = ()   # their source ids


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


def _pct(x: float) -> str:
    return f"{x:.2f}%"


def referendum_2022_in_june(claim, d: Data) -> Check:
    date = next(v for v in d.referendum["vote_date"].unique() if v.year == 2022)
    ok = date.month == 6 and date.year == OP_ED_DATE.year - 1
    return Check(f"{wording.day(date)}", "consistent" if ok else "not_consistent",
                 f"The referendum on the amendments was held on {wording.day(date)}.")


def constitution_day(claim, d: Data) -> Check:
    dates = sorted(d.referendum["vote_date"].unique())
    adopted = next(v for v in dates if v.year == 1995 and v.month == 8)
    ok = adopted.day == claim["value"]
    return Check(f"{wording.day(adopted)}", "consistent" if ok else "not_consistent",
                 f"The Constitution was adopted by the referendum of {wording.day(adopted)}.")


def referendum_yes_share(claim, d: Data) -> Check:
    shares = referendums.denominators(d.referendum).set_index("vote_date").loc[pd.Timestamp("2022-06-05")]
    of_ballots, of_registered = shares["yes_of_ballots_pct"], shares["yes_of_registered_pct"]
    verdict = "consistent" if of_registered > claim["value"] else "not_consistent"
    return Check(f"{_pct(of_registered)} of registered voters; {_pct(of_ballots)} of ballots cast", verdict,
                 f"Yes votes were {_pct(of_ballots)} of the ballots cast but {_pct(of_registered)} of all registered "
                 f"(eligible) voters, since turnout was {_pct(shares['turnout_pct'])}; the 77% holds for those who "
                 "voted, not for eligible voters.",
                 rows=tuple(f"referendum_results: 2022-06-05 {m}" for m in ("registered_voters", "ballots_cast",
                                                                           "yes_votes")),
                 sources=tuple(referendums.published(d.referendum, "2022-06-05", m)["source_id"]
                               for m in ("registered_voters", "ballots_cast", "yes_votes")))


def threshold_change(claim, d: Data) -> Check:
    rules = d.elections[2].set_index("election_date")["threshold_pct"]
    before, after = rules[pd.Timestamp("2021-01-10")], rules[pd.Timestamp("2023-03-19")]
    ok = (before, after) == (claim["value"], claim["value_2"])
    src = d.elections[2].set_index("election_date")["source_id"]
    return Check(f"{before:g}% (2021), {after:g}% (2023)", "consistent" if ok else "not_consistent",
                 f"The list threshold was {before:g}% at the 2021 election and {after:g}% at the 2023 election.",
                 rows=("mazhilis_rules: 2021-01-10", "mazhilis_rules: 2023-03-19"),
                 sources=(src[pd.Timestamp("2021-01-10")], src[pd.Timestamp("2023-03-19")]))


def single_member_districts(claim, d: Data) -> Check:
    rules = d.elections[2].set_index("election_date")
    before, after = rules.at[pd.Timestamp("2021-01-10"), "district_seats"], rules.at[pd.Timestamp("2023-03-19"),
                                                                                      "district_seats"]
    ok = before == 0 and after > 0
    return Check(f"{before} district seats (2021), {after} (2023)", "consistent" if ok else "not_consistent",
                 f"The 2021 Mazhilis had {before} single-member district seats; the 2023 Mazhilis has {after} of "
                 f"{rules.at[pd.Timestamp('2023-03-19'), 'total_seats']}.")


def parties_elected(claim, d: Data) -> Check:
    results, totals, _ = d.elections
    after = elections.indices(results, totals, "2023-03-19")["parties_with_seats"]
    before = elections.indices(results, totals, "2021-01-10")["parties_with_seats"]
    return Check(f"{after} parties (2023); {before} (2021)", "consistent" if after == claim["value"] else "not_consistent",
                 f"{after} parties won seats in March 2023, against {before} in 2021.")


def _steps(d: Data, measure_id: str, by=OP_ED_DATE) -> pd.DataFrame:
    """The steps of a reform measure adopted by a date (the op-ed's, by default), oldest first."""
    m = d.measures[d.measures["measure_id"] == measure_id].sort_values("step")
    dated = m["date_adopted"].fillna("")
    return m[(dated != "") & (dated <= f"{pd.Timestamp(by):%Y-%m-%d}")]


def _basis(*frames) -> dict:
    rows, sources = [], []
    for f in frames:
        for _, r in f.iterrows():
            rows.append(f"reform_measures: {r['measure_id']} step {r['step']}")
            sources += [r["source_id"]] + [x for x in str(r["cross_check_source_ids"] or "").split(";")
                                           if x and x != "<NA>" and x != "nan"]
    return {"rows": tuple(rows), "sources": tuple(dict.fromkeys(sources))}


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
    return wording.listing(str(d)[:4] for d in steps["date_adopted"])


def women_quota(claim, d: Data) -> Check:
    share = _steps(d, "party_list_quota_pct")
    groups = _steps(d, "party_list_quota_categories")
    mandates = _steps(d, "party_list_quota_in_mandates")
    women = elections.women_share(d.elections[1]).set_index("election_date")
    a, b = women.loc[pd.Timestamp("2021-01-10"), "share_pct"], women.loc[pd.Timestamp("2023-03-19"), "share_pct"]
    if share.empty:
        return Check("no quota step found", "not_checkable", "The data hold no quota rule adopted by the op-ed's date.")
    return Check(f"list quota: {_changed(share)} ({_when(share)}); seats held by women {a:.1f}% → {b:.1f}%",
                 "consistent_with_caveat",
                 f"A quota on party lists was introduced ({_changed(share)}, {_when(share)}), but it is one quota for "
                 f"{groups['value_after'].iloc[-1] if len(groups) else share['measure'].iloc[0]}, not for women "
                 f"alone, and from {_when(mandates) or 'later'} it also applies when list seats are distributed. "
                 f"Women's share of Mazhilis seats fell from {a:.1f}% after the 2021 election to {b:.1f}% after the 2023 "
                 "election.", **_basis(share, groups, mandates))


def _measure_check(d: Data, measure_id: str, what: str, caveat_when=None, caveat: str = "") -> Check:
    steps = _steps(d, measure_id)
    if steps.empty:
        return Check("not found", "not_checkable", f"No step of this rule adopted by {wording.day(OP_ED_DATE)} was "
                     "found.")
    last = steps.iloc[-1]
    flagged = caveat_when is not None and caveat_when(last)
    return Check(f"{_changed(steps)} ({_when(steps)})", "consistent_with_caveat" if flagged else "consistent",
                 f"{what}: {last['value_before']} before, {last['value_after']} after "
                 f"({wording.listing(str(x) for x in steps['act'].fillna('') if x)}).".replace(" ()", "")
                 + (f" {caveat}" if flagged else ""), **_basis(steps))


def death_penalty(claim, d: Data) -> Check:
    return _measure_check(d, "death_penalty_constitution", "The death penalty in the Constitution")


def rural_heads_elected(claim, d: Data) -> Check:
    return _measure_check(d, "rural_akim_election", "Heads (akims) of rural districts, villages and towns")


def recall_of_deputies(claim, d: Data) -> Check:
    return _measure_check(d, "deputy_recall", "Recall of deputies",
                          lambda r: "single-member" in str(r["value_after"]),
                          "Only deputies elected in single-member districts can be recalled, not those from party "
                          "lists (most of the Mazhilis).")


def jobs_for_women(claim, d: Data) -> Check:
    return _measure_check(d, "jobs_banned_for_women", "The list of jobs closed to women")


def self_nomination(claim, d: Data) -> Check:
    return _measure_check(d, "mazhilis_self_nomination", "Standing for the Mazhilis without a party",
                          lambda r: "single-member" in str(r["value_after"]),
                          "Self-nominated candidates may stand only in the single-member districts.")


def assemblies_notification(claim, d: Data) -> Check:
    return _measure_check(d, "peaceful_assembly_regime", "Holding a peaceful assembly",
                          lambda r: "approval" in str(r["value_after"]),
                          "Notification suffices only for some kinds of assembly; others still need approval.")


def party_registration(claim, d: Data) -> Check:
    steps = _steps(d, "party_min_members")
    check = _measure_check(d, "party_min_members", "Members needed to register a party")
    if len(steps) > 1:
        check.explanation = (f"The membership needed to register a party was cut in {len(steps)} steps "
                             f"({_changed(steps)}; {_when(steps)}).")
    return check


def presidential_powers(claim, d: Data) -> Check:
    terms, senate = _steps(d, "president_max_terms"), _steps(d, "senate_presidential_appointees")
    if terms.empty or senate.empty:
        return Check("not found", "not_checkable", "The rules on the presidency were not found.")
    return Check(f"terms {_changed(terms)}; Senate appointees {_changed(senate)}", "consistent_with_caveat",
                 f"Two measurable limits are in the data: one person may now serve {terms['value_after'].iloc[-1]} "
                 f"term (before {terms['value_before'].iloc[0]}), and the President appoints "
                 f"{senate['value_after'].iloc[-1]} senators (before {senate['value_before'].iloc[0]}). Powers as a "
                 "whole are not measured here.", **_basis(terms, senate))


def varied_parliament(claim, d: Data) -> Check:
    results, totals, _ = d.elections
    a, b = (elections.indices(results, totals, x) for x in ("2021-01-10", "2023-03-19"))
    seats = results[(results["election_date"] == "2023-03-19") & (results["stage"] == "final")]
    top = seats.sort_values("total_seats").iloc[-1]
    share = 100 * top["total_seats"] / seats["total_seats"].sum()
    return Check(f"parties with seats {a['parties_with_seats']} → {b['parties_with_seats']}; effective number "
                 f"{a['enp_party_seats']:.1f} → {b['enp_party_seats']:.1f}", "consistent_with_caveat",
                 f"More parties won seats ({a['parties_with_seats']} in 2021, {b['parties_with_seats']} in 2023) and the "
                 f"effective number of parties by seats rose from {a['enp_party_seats']:.1f} to "
                 f"{b['enp_party_seats']:.1f}; one party still holds {share:.0f}% of the seats. The data measure "
                 "fragmentation, not the range of views.")


def ombudsperson_access(claim, d: Data) -> Check:
    a = d.access.set_index(["body", "applicant"])["may_apply"]
    council, court_ = a.get((court.COUNCIL, "ombudsperson"), False), a.get((court.COURT, "ombudsperson"), False)
    return Check(f"Ombudsperson may apply: Council {'yes' if council else 'no'}, Court {'yes' if court_ else 'no'}",
                 "consistent_with_caveat" if court_ and not council else "not_consistent",
                 "One measurable power was added: the Human Rights Ombudsperson may apply to the Constitutional "
                 "Court, which it could not do to the Council. The other institutions named are not in the data.")


def court_start(claim, d: Data) -> Check:
    start = d.bodies.at[court.COURT, "first_sat"]
    return Check(f"{wording.day(start)}", "consistent" if start == pd.Timestamp("2023-01-01") else "not_consistent",
                 f"The Court's work started on {wording.day(start)}.")


def months_since_start(claim, d: Data) -> Check:
    start = d.bodies.at[court.COURT, "first_sat"]
    months = court.years(start, OP_ED_DATE) * 12
    ok = abs(months - claim["value"]) < 0.5
    return Check(f"{months:.1f} months", "consistent" if ok else "not_consistent",
                 f"From {wording.day(start)} to the op-ed's date ({wording.day(OP_ED_DATE)}) is {months:.1f} months.")


def court_appeals_8_months(claim, d: Data) -> Check:
    row = court.at_or_before(d.caseload, d.body_table, court.COURT, "appeals_received", court.OP_ED_CUTOFF)
    earlier = court.at_or_before(d.caseload, d.body_table, court.COURT, "appeals_received", "2023-06-30")
    ok = row["value"] == claim["value"]
    return Check(f"{wording.published(row['value'], row['qualifier'])} by {wording.day(row['period_end'])}",
                 "consistent_with_caveat" if ok else "not_consistent",
                 rows=(f"court_caseload: appeals_received to {wording.iso(row['period_end'])}",),
                 sources=(row["source_id"], earlier["source_id"]),
                 explanation=
                 f"The Court reported {wording.published(row['value'], row['qualifier'])} appeals over eight months "
                 f"and {wording.published(earlier['value'], earlier['qualifier'])} by {wording.day(earlier['period_end'], year=False)}; "
                 "both figures come from the Court itself, with no independent count for 2023.")


def council_cases(claim, d: Data) -> Check:
    res = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "normative_resolutions")
    appeals = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "appeals_received")
    life = court.years(d.bodies.at[court.COUNCIL, "established"], d.bodies.at[court.COUNCIL, "ended"])
    ok = res["value"] == claim["value"] and round(life) == claim["value_2"]
    return Check(f"{wording.published(res['value'], res['qualifier'])} normative resolutions; {life:.1f} years",
                 "consistent_with_caveat" if ok else "not_consistent",
                 f"The Council adopted {wording.published(res['value'], res['qualifier'])} normative resolutions "
                 f"(its decisions) in a life of {life:.1f} years; the 140 counts decisions, while the Council received "
                 f"{wording.published(appeals['value'], appeals['qualifier'])} appeals.")


def council_average(claim, d: Data) -> Check:
    res = court.main_figure(d.caseload, d.body_table, court.COUNCIL, "normative_resolutions")
    ok = abs(res["per_year"] - claim["value"]) < 0.5
    return Check(f"{wording.hedged(court.hedged(res, 'per_year'))} a year",
                 "consistent" if ok else "not_consistent",
                 f"{wording.published(res['value'], res['qualifier'])} resolutions over {res['years']:.1f} years is "
                 f"{wording.hedged(court.hedged(res, 'per_year'))} a year.")


def appeals_vs_cases(claim, d: Data) -> Check:
    comp = court.comparisons(d.caseload, d.body_table).set_index("comparison")
    app, dec = comp.loc["appeals against appeals"], comp.loc["decisions against decisions"]
    app_ratio, dec_ratio = (court.rate_ratio(r, r, "court_", "council_") for r in (app, dec))
    court_rate, council_rate = (wording.hedged(court.hedged(app, "per_year", f"{side}_")) for side in ("court", "council"))
    appeals = (f"the Court receives {wording.times(app_ratio)} as many appeals as the Council did"
               if app_ratio.bound != "none" else
               f"the Court receives {court_rate} appeals and the Council received {council_rate} (both are "
               "minimums, so their ratio cannot be bounded)")
    return Check(f"per year: appeals {court_rate} against {council_rate}; final decisions {wording.times(dec_ratio)}",
                 "misleading_comparison",
                 f"It sets appeals against decisions. Like for like, per year {appeals}, and the Court issues "
                 f"{wording.times(dec_ratio)} as many final decisions.")


def citizen_access(claim, d: Data) -> Check:
    a = d.access.set_index(["body", "applicant"])["may_apply"]
    council, court_ = a[(court.COUNCIL, "citizens")], a[(court.COURT, "citizens")]
    others = sorted(d.access[(d.access["body"] == court.COUNCIL) & d.access["may_apply"]]["applicant"])
    ok = (not council) and court_
    return Check(f"citizens: Council {'yes' if council else 'no'}, Court {'yes' if court_ else 'no'}",
                 "consistent" if ok else "not_consistent",
                 f"Citizens could not apply to the Council, whose applicants were: {', '.join(others).replace('_', ' ')}; "
                 "they can apply to the Court.")


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
                 f"{procedural} of Nos. 1-{low['number']} are known procedural acts rather than decisions on cases.")


def no_figure(claim, d: Data) -> Check:
    return Check("no figure", "not_checkable", "No source other than the op-ed gives this figure.")


def norms_scrutinised(claim, d: Data) -> Check:
    year = d.caseload[(d.caseload["measure"] == "norms_reviewed") & (d.caseload["period_end"] == "2023-12-31")].iloc[0]
    return Check(f"{wording.published(year['value'], year['qualifier'])} in all of 2023", "not_checkable",
                 f"No count for August 2023 was found; for the whole of 2023 the Court reported "
                 f"{wording.published(year['value'], year['qualifier'])} norms checked, which does not contradict it.")


def norms_unconstitutional(claim, d: Data) -> Check:
    row = d.caseload[d.caseload["measure"] == "normative_resolutions_with_unconstitutional_norms"].iloc[0]
    of = d.caseload[(d.caseload["measure"] == "normative_resolutions") & (d.caseload["period_end"] == row["period_end"])
                    & (d.caseload["source_id"] == row["source_id"])].iloc[0]
    ok = row["value"] == claim["value"]
    return Check(f"{row['value']:.0f} of {of['value']:.0f} resolutions by {wording.day(row['period_end'])}",
                 "consistent_with_caveat" if ok else "not_consistent",
                 f"By {wording.day(row['period_end'])} the Court had found norms unconstitutional in {row['value']:.0f} of "
                 f"{of['value']:.0f} resolutions: the same number, but counting resolutions rather than norms.")


def areas_of_law(claim, d: Data) -> Check:
    low = rulings.highest_by(d.rulings, OP_ED_DATE)
    first = d.rulings[d.rulings["number"] <= low["number"]]
    t = rulings.tally(first, "area_of_law")
    known = int(t.sum())
    unidentified = int((~rulings.identified(first)).sum())
    top = t.index[0].replace("_", " ")
    ok = t.index[0] == "criminal_procedure"
    return Check(f"{top}: {t.iloc[0]} of {known} with a known area", "consistent_with_caveat" if ok else "not_consistent",
                 f"Of Nos. 1-{low['number']}, {known} have a known area of law; {top} is the most frequent "
                 f"({t.iloc[0]}); for the other {low['number'] - known} the area was not found"
                 + (f" ({unidentified} of them are not identified at all)." if unidentified else "."))


def not_in_data(claim, d: Data) -> Check:
    return Check("not in the data", "not_checkable", "The project holds no sourced data on this statement.")


CHECKS = {f.__name__: f for f in (
    death_penalty, rural_heads_elected, recall_of_deputies, jobs_for_women, self_nomination, assemblies_notification,
    party_registration, presidential_powers, varied_parliament, ombudsperson_access,
    referendum_2022_in_june, constitution_day, referendum_yes_share, threshold_change, single_member_districts,
    parties_elected, women_quota, court_start, months_since_start, court_appeals_8_months, council_cases,
    council_average, appeals_vs_cases, citizen_access, cases_reviewed, no_figure, norms_scrutinised,
    norms_unconstitutional, areas_of_law, not_in_data)}


def ledger(claims: pd.DataFrame | None = None, data: Data | None = None) -> pd.DataFrame:
    """Every claim with the value computed from the data, its verdict and a one-line explanation."""
    claims = load("op_ed_claims") if claims is None else claims
    data = data or Data()
    rows = []
    for _, c in claims.iterrows():
        result = CHECKS[c["check"]](c, data)
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
