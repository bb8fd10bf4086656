"""Build data/constitution_*.csv from the stored official texts in scripts/constitution_raw/.

    .venv/bin/python scripts/build_constitution.py           # write the four tables
    .venv/bin/python scripts/build_constitution.py --check   # exit 1 if a table differs from what it writes

The raw texts (see scripts/constitution_raw/README.md for where each was read) are parsed by
kzreform.constitution; the hand-made parts (English section titles and article topics in our own words,
which 1995 article each 2026 article continues, and how each amending law was adopted) are the tables below.
The tests run this build and compare, so data/ never drifts from the raw texts.
"""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from kzreform import constitution as c  # noqa: E402

RAW = ROOT / "scripts" / "constitution_raw"
DATA = ROOT / "data"
SRC_1995 = "adilet_k950001000_2023"
SRC_2026 = "adilet_k2600000000"

SECTIONS_EN = {
    "1995_2023": {"I": "General provisions", "II": "The individual and the citizen", "III": "The President",
                  "IV": "Parliament", "V": "The Government", "VI": "The Constitutional Court",
                  "VII": "Courts and justice; prosecution; human rights commissioner",
                  "VIII": "Local state government and self-government",
                  "IX": "Final and transitional provisions"},
    "2026": {"I": "Foundations of the constitutional order", "II": "Fundamental rights, freedoms and duties",
             "III": "The President", "IV": "The Kurultai", "V": "The Government",
             "VI": "The People's Council of Kazakhstan (Qazaqstan Halyq Kenesi)",
             "VII": "The Constitutional Court", "VIII": "Justice; prosecution; rights-protection bodies",
             "IX": "Local state government and self-government", "X": "Amending the Constitution",
             "XI": "Final and transitional provisions"},
}

# 2026 article -> (1995 article it continues or None, our English topic, note on the pairing).
# Set by hand from reading both texts; the computed similarity checks each pair (see the tests).
PAIRS = {
    "1": ("1", "Kazakhstan a democratic, secular, law-based and social state", "Point 1 of 1995 article 1; its point 2 (founding principles) moved to 2026 article 3."),
    "2": ("2", "Unitary state, territory, capital, currency, unchangeable features", ""),
    "3": ("1", "Founding principles of the state", "Continues point 2 of 1995 article 1 (founding principles), rewritten."),
    "4": ("3", "The people as the source of power", ""),
    "5": ("4", "The law in force and the supremacy of the Constitution", ""),
    "6": ("5", "Ideological and political diversity; public associations", ""),
    "7": (None, "Religion separate from the state", "No 1995 article on religion as such; 1995 article 5 covered religious associations among public associations."),
    "8": ("6", "Property; land and natural resources", ""),
    "9": ("7", "State language and Russian", ""),
    "10": ("8", "International law and foreign policy", ""),
    "11": ("9", "State symbols", ""),
    "12": ("13", "Legal personality and judicial protection", ""),
    "13": ("10", "Citizenship", ""),
    "14": ("11", "No extradition of citizens; protection abroad", ""),
    "15": ("12", "Recognition of rights and freedoms", ""),
    "16": ("14", "Equality and non-discrimination", ""),
    "17": ("15", "Right to life; death penalty banned", ""),
    "18": ("16", "Personal liberty; detention; right to a lawyer", ""),
    "19": ("77", "Presumption of innocence; no self-incrimination; no double jeopardy", "Moved from the principles of justice in point 3 of 1995 article 77 into the rights section."),
    "20": ("17", "Dignity; ban on torture", ""),
    "21": ("18", "Privacy, personal data, secrecy of correspondence", ""),
    "22": ("19", "Ethnic identity and native language", ""),
    "23": ("20", "Freedom of speech and creativity; ban on censorship", ""),
    "24": ("21", "Freedom of movement", ""),
    "25": ("22", "Freedom of conscience", ""),
    "26": ("23", "Freedom of association; who may not join parties", ""),
    "27": ("24", "Right to work and to rest", ""),
    "28": ("25", "Inviolability of the home; housing", ""),
    "29": ("26", "Private property and enterprise", ""),
    "30": ("27", "Marriage, family and children", ""),
    "31": ("28", "Social security", ""),
    "32": ("29", "Health care", ""),
    "33": ("30", "Education", ""),
    "34": ("32", "Peaceful assembly", ""),
    "35": ("33", "Participation in government; elections; public service", ""),
    "36": ("34", "Duty to obey the Constitution and respect symbols", ""),
    "37": ("31", "Protection of nature and the environment", "Merges 1995 article 31 (environment) and article 38 (duty to preserve nature); paired with article 31."),
    "38": ("35", "Duty to pay taxes", ""),
    "39": ("36", "Defence of the country; military service", ""),
    "40": ("37", "Duty to preserve historical and cultural heritage", ""),
    "41": ("39", "Limits on restricting rights", ""),
    "42": ("40", "The President's status", ""),
    "43": ("41", "Election of the President; single term", ""),
    "44": ("42", "Oath and end of the President's powers", ""),
    "45": ("43", "Incompatibilities; the President's relatives", ""),
    "46": ("44", "Powers of the President", ""),
    "47": ("45", "Decrees and countersignature", ""),
    "48": ("46", "Immunity of the President", ""),
    "49": (None, "The Vice-President", "New office; no 1995 article continued (the 1995 text's Vice-President appeared only in transitional article 94)."),
    "50": ("47", "Resignation, removal for health and impeachment", ""),
    "51": ("48", "Succession to the presidency", ""),
    "52": ("49", "The Kurultai as the representative body", "1995 article 49 defined Parliament."),
    "53": ("50", "Composition of the Kurultai (145 deputies)", "1995 article 50 set the two chambers' composition."),
    "54": ("51", "Elections to the Kurultai", ""),
    "55": ("52", "Deputies' duties, immunity and mandate", ""),
    "56": ("53", "Powers of the Kurultai", "Merges the powers of Parliament and of each chamber (1995 articles 53 to 57); paired with article 53."),
    "57": ("58", "The Chair of the Kurultai", "1995 article 58 covered the chairs of the two chambers."),
    "58": ("59", "Sessions of the Kurultai", ""),
    "59": ("60", "Committees and commissions", ""),
    "60": ("61", "Legislative initiative and the matters laws regulate", ""),
    "61": ("62", "Laws and resolutions of the Kurultai", ""),
    "62": ("63", "Dissolution of the Kurultai", ""),
    "63": ("64", "The Government", ""),
    "64": ("65", "Forming the Government", ""),
    "65": ("66", "Functions of the Government", ""),
    "66": ("67", "The Prime Minister", ""),
    "67": ("68", "Members of the Government", ""),
    "68": ("69", "Government resolutions and orders", ""),
    "69": ("70", "Resignation of the Government", ""),
    "70": (None, "The People's Council: status", "New body."),
    "71": (None, "The People's Council: powers", "New body."),
    "72": ("71", "Composition of the Constitutional Court", ""),
    "73": ("72", "Powers of the Constitutional Court", ""),
    "74": ("73", "Effects of an appeal to the Constitutional Court", ""),
    "75": ("74", "Effects of the Constitutional Court's decisions", ""),
    "76": ("75", "Justice done only by courts; the court system", ""),
    "77": ("76", "Scope of judicial power", ""),
    "78": ("77", "Independence of judges; principles of justice", "Its presumption of innocence and double-jeopardy rules moved to 2026 article 19."),
    "79": ("78", "Courts may not apply laws that infringe rights", ""),
    "80": ("79", "Judges' tenure, immunity and incompatibilities", ""),
    "81": ("80", "Financing of courts", ""),
    "82": ("81", "The Supreme Court", ""),
    "83": ("82", "Appointing judges; the Supreme Judicial Council", ""),
    "84": ("83", "The prosecution service", ""),
    "85": ("83-1", "The Human Rights Commissioner", ""),
    "86": (None, "The bar (advocacy) and legal aid", "New article."),
    "87": ("85", "Local state government", ""),
    "88": ("86", "Maslikhats (local representative bodies)", ""),
    "89": ("87", "Local executive bodies and akims", ""),
    "90": ("88", "Acts of maslikhats and akims", ""),
    "91": ("89", "Local self-government", ""),
    "92": ("91", "Amending the Constitution by referendum", "1995 article 91 allowed amendment by referendum or by Parliament; the 2026 text allows a referendum only."),
    "93": ("91", "Constitutional Court opinion before an amendment referendum", "Continues the last point of 1995 article 91 (Court opinion on unchangeable provisions)."),
    "94": ("90", "Entry into force; Constitution Day", ""),
    "95": (None, "Transition: end of Parliament, first Kurultai, appointments", "New transitional article."),
    "96": (None, "Transition: laws and Court resolutions in force", "New transitional article."),
}

# 1995 articles that no 2026 article continues: our English topic and what became of the content.
REMOVED = {
    "38": ("Duty to preserve nature", "Merged into 2026 article 37."),
    "54": ("Powers of Parliament in separate sittings of the chambers", "Merged into the Kurultai's powers, 2026 article 56."),
    "55": ("Exclusive powers of the Senate", "The Senate abolished; some powers moved to 2026 article 56."),
    "56": ("Exclusive powers of the Mazhilis", "The Mazhilis replaced by the Kurultai; see 2026 article 56."),
    "57": ("Powers each chamber exercises alone", "See 2026 article 56."),
    "84": ("(repealed in 2007)", "Repealed by the law of 21 May 2007; no text in the 2023 edition."),
    "92": ("Transition: adoption of constitutional laws after 1995", ""),
    "93": ("Transition: conditions for learning the state language", ""),
    "94": ("Transition: powers of the President elected before 1995", ""),
    "94-1": ("Transition: term of the President elected in 2005", ""),
    "94-2": ("Transition: single-term rule applies to later elections", ""),
    "95": ("Transition: first Senate and party-list elections", ""),
    "96": ("Transition: the Cabinet of Ministers becomes the Government", ""),
    "97": ("Transition: first Constitutional Council", ""),
    "98": ("Transition: courts and investigation bodies", ""),
    "99": ("Transition after 2022: Constitutional Court, audit chamber, chambers", ""),
}

# How each amending law was adopted. Laws cited with a number ending in a convocation (e.g. 284-I) are
# laws passed by Parliament; the law of 8 June 2022 carries the amendments adopted at the referendum of
# 5 June 2022 (the consolidated text cites it by date alone).
LAWS = {
    ("1998-10-07", "284-I"): ("law_1998_284_i", "parliament", ""),
    ("2007-05-21", "254-III"): ("law_2007_254_iii", "parliament", ""),
    ("2011-02-02", "403-IV"): ("law_2011_403_iv", "parliament", ""),
    ("2017-03-10", "51-VI"): ("law_2017_51_vi", "parliament", ""),
    ("2019-03-23", "238-VI"): ("law_2019_238_vi", "parliament", ""),
    ("2022-06-08", ""): ("law_2022_06_08_referendum", "referendum",
                         "Amendments adopted at the republican referendum of 5 June 2022; the law is dated the day "
                         "the results were published (8 June 2022) and cited without a number."),
    ("2022-09-17", "142-VII"): ("law_2022_142_vii", "parliament", ""),
}

# 1995 articles whose subject the 2026 topic would misname (Parliament of two chambers, not the Kurultai).
TOPICS_1995 = {
    "41": "Election of the President (one seven-year term after 2022)",
    "49": "Parliament as the legislative body", "50": "Composition of the Senate and the Mazhilis",
    "51": "Elections of deputies of the chambers", "52": "Deputies' status, incompatibilities and mandate",
    "53": "Powers of Parliament in joint sittings", "58": "Chairs of the Senate and the Mazhilis",
    "59": "Sessions of Parliament", "60": "Committees and commissions of the chambers",
    "61": "Legislative initiative and the matters laws regulate", "62": "Laws and resolutions of Parliament",
    "63": "Dissolution of Parliament", "83-1": "The Human Rights Commissioner (added in 2022)",
}

ARTICLE_FIELDS = ["version", "position", "section", "section_title_ru", "section_title_en", "article", "topic_en",
                  "status", "text_ru", "text_kk", "words", "source_id", "note"]


def _csv(rows: list[dict], fields: list[str]) -> str:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=fields, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: r.get(k, "") for k in fields})
    return buf.getvalue()


def topics_1995() -> dict:
    out = {a95: topic for a26, (a95, topic, _) in PAIRS.items() if a95 and a95 not in {"1", "77", "91", "31"}}
    out.update({"1": "Democratic, secular, law-based state; founding principles",
                "77": "Independence of judges; principles of justice (incl. presumption of innocence)",
                "91": "Amending the Constitution (referendum or Parliament)",
                "31": "Protection of the environment"})
    out.update({a: t for a, (t, _) in REMOVED.items()})
    out.update(TOPICS_1995)
    return out


def build() -> dict[str, str]:
    """The four tables as CSV text, by file name."""
    raw95 = (RAW / "K950001000_2023-01-01.ru.txt").read_text(encoding="utf-8")
    raw26 = (RAW / "K2600000000.ru.txt").read_text(encoding="utf-8")
    p95, p26 = c.parse_consolidated_1995(raw95), c.parse_2026(raw26)
    for raw, parsed, name in ((raw95, p95, "1995"), (raw26, p26, "2026")):
        lost = c.unaccounted(raw, parsed)
        if lost:
            raise SystemExit(f"the parse of the {name} text lost characters near: {lost[:40]}")

    t95 = topics_1995()
    t26 = {a: topic for a, (_, topic, _) in PAIRS.items()}
    rows = []
    for version, parsed, topics, src in (("1995_2023", p95, t95, SRC_1995), ("2026", p26, t26, SRC_2026)):
        titles = dict(parsed.sections())
        rows.append({"version": version, "position": 0, "section": "", "section_title_ru": "",
                     "section_title_en": "", "article": "preamble", "topic_en": "Preamble", "status": "in_force",
                     "text_ru": parsed.preamble(), "words": c.count_words(parsed.preamble()), "source_id": src})
        for i, a in enumerate(parsed.articles(), start=1):
            repealed = not a["text"]
            rows.append({"version": version, "position": i, "section": a["section"],
                         "section_title_ru": titles[a["section"]],
                         "section_title_en": SECTIONS_EN[version][a["section"]], "article": a["article"],
                         "topic_en": topics[a["article"]], "status": "repealed" if repealed else "in_force",
                         "text_ru": a["text"], "words": c.count_words(a["text"]), "source_id": src,
                         "note": "Repealed before 2023; the consolidated text keeps the number with an editorial "
                                 "note only." if repealed else ""})
    articles = _csv(rows, ARTICLE_FIELDS)

    # amending laws, and which laws amended which article or section title
    links, seen_laws = [], set()
    for a in p95.articles():
        for note in a["notes"]:
            for law in c.laws_in_note(note):
                key = (a["article"], LAWS[law][0])
                if key in {(x["article"], x["law_id"]) for x in links}:
                    continue
                kind = c.change_kind(note)
                links.append({"target": "article", "article": a["article"], "law_id": LAWS[law][0],
                              "change": kind, "source_id": SRC_1995,
                              "note": "The note says only the Kazakh text changed." if kind == "kazakh_text_only"
                              else ""})
                seen_laws.add(law)
    for sec, notes in p95.section_notes().items():
        for note in notes:
            for law in c.laws_in_note(note):
                links.append({"target": "section_title", "article": sec, "law_id": LAWS[law][0],
                              "change": "restated", "source_id": SRC_1995})
                seen_laws.add(law)
    unknown = seen_laws - set(LAWS)
    if unknown:
        raise SystemExit(f"a note cites a law missing from LAWS: {sorted(unknown)}")
    laws = [{"law_id": lid, "date": d, "number": num, "adopted_by": how, "source_id": SRC_1995, "note": note}
            for (d, num), (lid, how, note) in sorted(LAWS.items())]
    article_amendments = _csv(links, ["target", "article", "law_id", "change", "source_id", "note"])
    amendments = _csv(laws, ["law_id", "date", "number", "adopted_by", "source_id", "note"])

    # correspondence
    text95 = {a["article"]: a for a in p95.articles()}
    text26 = {a["article"]: a for a in p26.articles()}
    corr = []
    for a26, (a95, _, note) in PAIRS.items():
        old = text95[a95]["text"] if a95 else None
        new = text26[a26]["text"]
        corr.append({"article_2026": a26, "section_2026": text26[a26]["section"], "article_1995": a95 or "",
                     "section_1995": text95[a95]["section"] if a95 else "",
                     "similarity": f"{c.similarity(old, new):.3f}" if a95 else "",
                     "class": c.classify(old, new), "pairing": "hand", "source_id": SRC_2026, "note": note})
    continued = {a95 for a95, _, _ in PAIRS.values() if a95}
    missing = set(text95) - continued - set(REMOVED)
    if missing:
        raise SystemExit(f"1995 articles neither paired nor listed as removed: {sorted(missing)}")
    for a95, (_, note) in REMOVED.items():
        corr.append({"article_2026": "", "section_2026": "", "article_1995": a95,
                     "section_1995": text95[a95]["section"], "similarity": "", "class": c.REMOVED,
                     "pairing": "hand", "source_id": SRC_1995, "note": note})
    correspondence = _csv(corr, ["article_2026", "section_2026", "article_1995", "section_1995", "similarity",
                                 "class", "pairing", "source_id", "note"])
    return {"constitution_articles.csv": articles, "constitution_amendments.csv": amendments,
            "constitution_article_amendments.csv": article_amendments,
            "constitution_correspondence.csv": correspondence}


def main(argv: list[str]) -> int:
    tables = build()
    if "--check" in argv:
        stale = [n for n, text in tables.items()
                 if not (DATA / n).exists() or (DATA / n).read_text(encoding="utf-8") != text]
        for n in stale:
            print(f"data/{n} differs from what scripts/build_constitution.py writes")
        return 1 if stale else 0
    for n, text in tables.items():
        (DATA / n).write_text(text, encoding="utf-8")
        print(f"wrote data/{n}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
