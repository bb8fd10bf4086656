"""The Constitution's own text, measured: the 1995 Constitution as in force on 1 January 2023 and the 2026 one.

Two parts. The parse (pure functions over a stored raw text, run by scripts/build_constitution.py) splits
each official text into preamble, sections and articles and reads the editorial notes of the consolidated
1995 text, which name the laws that amended each article. The measures (over the tables in data/) compare
the versions: words per article and section, which 1995 article each 2026 article continues and how much of
its text survived, which laws amended which articles, and our counts beside the published ones.

A word is a run of letters or digits, hyphen-joined parts counted as one ("Премьер-Министр", "83-1");
punctuation, dashes and the numero sign are not words.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

import pandas as pd

WORD_RE = re.compile(r"[^\W_]+(?:-[^\W_]+)*")
ARTICLE_RE = re.compile(r"Статья (\d+(?:-\d+)?)")
SECTION_RE = re.compile(r"Раздел ([IVX]+)\.?\s*(.*)")
# An editorial placeholder left where a subparagraph or paragraph was repealed: "8) исключен Законом РК от ...".
REPEALED_RE = re.compile(r"\d+(?:-\d+)?[.)]\s+[Ии]сключен[аы]?\s+(?:Законом|законами)")
NOTE_START = ("Сноска.", "Примечание.")
# A law in a note: "от 21.05.2007 № 254-III" (the 2022 referendum law is cited by its date alone).
LAW_RE = re.compile(r"от\s+(\d{2})\.(\d{2})\.(\d{4})(?:\s*г\.)?(?:\s*№\s*(\d+-[IVX]+))?")

# Similarity classes (see classify and similarity): how much of an article's words survive, in order.
KEPT = "kept"          # the same words in the same order (similarity 1.0)
EDITED = "edited"      # at least EDITED_MIN of the words kept
REWRITTEN = "rewritten"  # less than EDITED_MIN kept
NEW = "new"            # no 1995 article continued
REMOVED = "removed"    # a 1995 article no 2026 article continues
CLASSES = (KEPT, EDITED, REWRITTEN, NEW, REMOVED)
EDITED_MIN = 0.5


def words(text: str) -> list[str]:
    """The words of a text (see the module docstring for what counts as one)."""
    return WORD_RE.findall(text or "")


def count_words(text: str) -> int:
    """Number of words in a text."""
    return len(words(text))


# --- the parse ----------------------------------------------------------------------------------------

@dataclass
class Piece:
    """A stretch of the raw text: kind is header, preamble, section_heading, section, article_heading, text, note or footer."""

    kind: str
    text: str
    section: str = ""
    article: str = ""


@dataclass
class Parsed:
    """A parsed text: its pieces in order (every character of the raw text is in exactly one)."""

    pieces: list[Piece] = field(default_factory=list)

    def sections(self) -> list[tuple[str, str]]:
        """(number, title) of each section, in order."""
        return [(p.section, p.text) for p in self.pieces if p.kind == "section"]

    def articles(self) -> list[dict]:
        """One dict per article in order: section, article, text (paragraphs joined by one space), notes."""
        out: dict[str, dict] = {}
        for p in self.pieces:
            if p.kind == "article_heading":
                out[p.article] = {"section": p.section, "article": p.article, "paragraphs": [], "notes": []}
            elif p.kind == "text" and p.article:
                out[p.article]["paragraphs"].append(p.text)
            elif p.kind == "note" and p.article:
                out[p.article]["notes"].append(p.text)
        return [{"section": a["section"], "article": a["article"], "text": " ".join(a["paragraphs"]),
                 "notes": a["notes"]} for a in out.values()]

    def preamble(self) -> str:
        return " ".join(p.text for p in self.pieces if p.kind == "preamble")

    def section_notes(self) -> dict[str, list[str]]:
        """Notes that stand under a section heading, before its first article (e.g. a retitled section)."""
        out: dict[str, list[str]] = {}
        for p in self.pieces:
            if p.kind == "note" and not p.article and p.section:
                out.setdefault(p.section, []).append(p.text)
        return out


def _join(lines: list[str]) -> str:
    """Lines of one paragraph as one line: inner runs of spaces to one; a line ending in a hyphen joins the next."""
    out = ""
    for ln in lines:
        ln = re.sub(r"\s+", " ", ln).strip()
        if not ln:
            continue
        out = out + ln if (not out or out.endswith("-")) else out + " " + ln
    # the PDF's justified lines leave a space before a comma or after an opening bracket
    return re.sub(r"\( ", "(", re.sub(r" ([,.;:)])", r"\1", out))


def parse_consolidated_1995(raw: str) -> Parsed:
    """Parse the consolidated 1995 text as extracted from the legal database's PDF (pypdf, layout mode).

    A paragraph starts on an indented line; a line at the margin continues it, unless it is a heading
    ("Раздел ...", "Статья N") or a section title. Paragraphs opening with "Сноска." or "Примечание." and
    placeholders of repealed subparagraphs are editorial notes, not the Constitution's text.
    """
    lines = raw.split("\n")
    parsed = Parsed()
    section = article = ""
    kind_now = "header"
    buf: list[str] = []
    buf_kind = ""

    def flush():
        nonlocal buf, buf_kind
        if buf:
            text = _join(buf)
            parsed.pieces.append(Piece(buf_kind, text, section, article))
        buf, buf_kind = [], ""

    i = 0
    n = len(lines)
    while i < n:
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
            continue
        at_margin = not line[:1].isspace()
        if stripped.startswith("©"):
            flush()
            parsed.pieces.append(Piece("footer", _join(lines[i:]), section, article))
            break
        m = SECTION_RE.fullmatch(stripped) if at_margin else None
        if m:
            flush()
            section, article = m.group(1), ""
            title = m.group(2).strip()
            heading = stripped[:m.start(2)].strip()
            if not title:  # the title stands on the next non-empty line
                i += 1
                while not lines[i].strip():
                    i += 1
                title = lines[i].strip()
            parsed.pieces.append(Piece("section_heading", heading, section, ""))
            parsed.pieces.append(Piece("section", re.sub(r"\s+", " ", title), section, ""))
            kind_now = "body"
            i += 1
            continue
        m = ARTICLE_RE.fullmatch(stripped) if at_margin else None
        if m:
            flush()
            article = m.group(1)
            parsed.pieces.append(Piece("article_heading", stripped, section, article))
            i += 1
            continue
        if kind_now == "header" and stripped.startswith("Мы, народ"):
            kind_now = "preamble"
        if at_margin and buf:
            buf.append(line)
        else:
            flush()
            if kind_now == "header":
                buf_kind = "header"
            elif kind_now == "preamble" and not section:
                buf_kind = "preamble"
            elif stripped.startswith(NOTE_START) or REPEALED_RE.match(stripped):
                buf_kind = "note"
            else:
                buf_kind = "text"
            buf = [line]
            if kind_now == "header":  # the two title lines are one piece each
                flush()
        i += 1
    flush()
    return parsed


def parse_2026(raw: str) -> Parsed:
    """Parse the 2026 text as stored: preamble lines, then "Раздел N" with its title on the following line(s)
    up to a blank line, "Статья N" headings, one paragraph a line."""
    lines = raw.split("\n")
    parsed = Parsed()
    section = article = ""
    i, n = 0, len(lines)
    while i < n:
        stripped = lines[i].strip()
        if not stripped:
            i += 1
            continue
        m = SECTION_RE.fullmatch(stripped)
        if m:
            section, article = m.group(1), ""
            title_lines = []
            i += 1
            while i < n and lines[i].strip():
                title_lines.append(lines[i].strip())
                i += 1
            parsed.pieces.append(Piece("section_heading", stripped, section, ""))
            parsed.pieces.append(Piece("section", " ".join(title_lines), section, ""))
            continue
        m = ARTICLE_RE.fullmatch(stripped)
        if m:
            article = m.group(1)
            parsed.pieces.append(Piece("article_heading", stripped, section, article))
        elif not section:
            parsed.pieces.append(Piece("preamble", stripped))
        else:
            parsed.pieces.append(Piece("text", stripped, section, article))
        i += 1
    return parsed


def unaccounted(raw: str, parsed: Parsed) -> str:
    """The raw text's non-space characters that no piece holds, in order ('' when the parse lost nothing).

    The parse only joins lines and collapses spaces, so the pieces' characters, spaces removed, must spell
    the raw text, spaces removed."""
    a = re.sub(r"\s+", "", raw)
    b = re.sub(r"\s+", "", "".join(p.text for p in parsed.pieces))
    if a == b:
        return ""
    k = next((j for j in range(min(len(a), len(b))) if a[j] != b[j]), min(len(a), len(b)))
    return a[k:k + 80] or b[k:k + 80]


def laws_in_note(note: str) -> list[tuple[str, str]]:
    """(ISO date, number or '') of every law cited in an amendment note ('Сноска.'), in order, without repeats.

    Notes that cite Court resolutions ('Примечание.') name no amending law and give none."""
    if not note.startswith("Сноска.") and not REPEALED_RE.match(note):
        return []
    out = []
    for d, m, y, num in LAW_RE.findall(note):
        key = (f"{y}-{m}-{d}", num or "")
        if key not in out:
            out.append(key)
    return out


def change_kind(note: str) -> str:
    """How a note says the article changed: added, repealed, restated, amended (or a Kazakh-only change)."""
    if "текст на русском языке" in note and "не изменяется" in note:
        return "kazakh_text_only"
    if re.search(r"дополнена\s+стать", note):
        return "added"
    if re.search(r"Статья\s+\S+\s+исключена", note):
        return "repealed"
    if "в редакции" in note and "с изменени" not in note:
        return "restated"
    return "amended"


# --- the measures -------------------------------------------------------------------------------------

def similarity(old: str, new: str) -> float:
    """How much two texts share, 0-1: twice the words in matching blocks over both texts' word counts.

    The blocks are difflib's SequenceMatcher over the two word lists (case ignored, punctuation not a word,
    no junk heuristic), so the measure is symmetric and counts words kept in the same order: 1.0 for the
    same words, 0.5 when half of the combined words match, 0 when none does."""
    a = [w.lower() for w in words(old)]
    b = [w.lower() for w in words(new)]
    if not a and not b:
        return 1.0
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return 2 * sum(block.size for block in sm.get_matching_blocks()) / (len(a) + len(b))


def words_carried(old: str, new: str) -> int:
    """Number of the new text's words that come, in order, from the old text (matching blocks)."""
    a = [w.lower() for w in words(old)]
    b = [w.lower() for w in words(new)]
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return sum(block.size for block in sm.get_matching_blocks())


def classify(old: str | None, new: str | None) -> str:
    """kept (identical words), edited (similarity >= EDITED_MIN), rewritten (below), new (no old), removed."""
    if old is None:
        return NEW
    if new is None:
        return REMOVED
    if [w.lower() for w in words(old)] == [w.lower() for w in words(new)]:
        return KEPT
    return EDITED if similarity(old, new) >= EDITED_MIN else REWRITTEN


def best_matches(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    """For each new article, the old article with the highest similarity(old, new) and that similarity.

    A proposal for the hand-checked correspondence table, not the table itself."""
    rows = []
    for _, n in new.iterrows():
        scores = [(similarity(o["text_ru"], n["text_ru"]), o["article"]) for _, o in old.iterrows()]
        s, a = max(scores)
        rows.append({"article_2026": n["article"], "best_1995": a, "similarity": s})
    return pd.DataFrame(rows)


def article_order(article: str) -> float:
    """Sort key of an article number as printed: '83-1' comes after '83' and before '84'."""
    head, _, tail = str(article).partition("-")
    return int(head) + (int(tail) / 100 if tail else 0)


# --- tables over data/ --------------------------------------------------------------------------------

VERSIONS = ("1995_2023", "2026")
# The parts readers ask about, and which section holds each in each version.
PARTS = {
    "foundations": {"1995_2023": "I", "2026": "I"},
    "rights": {"1995_2023": "II", "2026": "II"},
    "president": {"1995_2023": "III", "2026": "III"},
    "parliament": {"1995_2023": "IV", "2026": "IV"},
    "government": {"1995_2023": "V", "2026": "V"},
    "peoples_council": {"2026": "VI"},
    "constitutional_court": {"1995_2023": "VI", "2026": "VII"},
    "courts": {"1995_2023": "VII", "2026": "VIII"},
    "local_government": {"1995_2023": "VIII", "2026": "IX"},
    "amendment": {"2026": "X"},
    "final": {"1995_2023": "IX", "2026": "XI"},
}
LENGTH_PARTS = ("rights", "president", "parliament", "government", "courts", "constitutional_court")


def part_of(version: str, section) -> str | None:
    """The part (a key of PARTS) that a section of a version belongs to; None for the preamble."""
    for part, where in PARTS.items():
        if where.get(version) == section:
            return part
    return None


def version_counts(articles: pd.DataFrame) -> pd.DataFrame:
    """Per version: sections, article numbers, articles with text, highest plain number, words (preamble included)."""
    rows = []
    for v in VERSIONS:
        a = articles[(articles["version"] == v) & (articles["article"] != "preamble")]
        plain = a["article"][~a["article"].str.contains("-")].astype(int)
        rows.append({"version": v, "sections": a["section"].nunique(), "article_numbers": len(a),
                     "articles_with_text": int((a["status"] == "in_force").sum()), "highest_number": int(plain.max()),
                     "words": int(articles.loc[articles["version"] == v, "words"].sum())})
    return pd.DataFrame(rows)


def amendments_by_law(laws: pd.DataFrame, links: pd.DataFrame) -> pd.DataFrame:
    """Per amending law, in date order: articles it changed (new articles included; section titles and
    Kazakh-only changes not counted), articles it added, section titles it restated."""
    arts = links[(links["target"] == "article") & (links["change"] != "kazakh_text_only")]
    out = laws[["law_id", "date", "number", "adopted_by"]].copy()
    out["articles_changed"] = out["law_id"].map(arts.groupby("law_id")["article"].nunique()).fillna(0).astype(int)
    out["articles_added"] = out["law_id"].map(
        arts[arts["change"] == "added"].groupby("law_id")["article"].nunique()).fillna(0).astype(int)
    titles = links[links["target"] == "section_title"]
    out["section_titles"] = out["law_id"].map(titles.groupby("law_id")["article"].nunique()).fillna(0).astype(int)
    return out.sort_values("date").reset_index(drop=True)


def most_amended(links: pd.DataFrame, articles: pd.DataFrame, top: int = 12) -> pd.DataFrame:
    """Articles of the 1995 text by how many laws amended them (Kazakh-only changes not counted), most first;
    ties broken by article order. With each article's topic and the laws' dates."""
    arts = links[(links["target"] == "article") & (links["change"] != "kazakh_text_only")]
    n = arts.groupby("article")["law_id"].nunique().rename("laws").reset_index()
    topics = articles[articles["version"] == "1995_2023"].set_index("article")["topic_en"]
    n["topic_en"] = n["article"].map(topics)
    n["order"] = n["article"].map(article_order)
    return n.sort_values(["laws", "order"], ascending=[False, True]).head(top).drop(columns="order").reset_index(drop=True)


def words_by_part(articles: pd.DataFrame, parts=LENGTH_PARTS) -> pd.DataFrame:
    """Words per part of the text in each version (a part absent from a version is missing, not zero)."""
    rows = []
    for part in parts:
        for v in VERSIONS:
            sec = PARTS[part].get(v)
            a = articles[(articles["version"] == v) & (articles["section"] == sec)]
            rows.append({"part": part, "version": v, "section": sec,
                         "articles": int((a["status"] == "in_force").sum()) if sec else pd.NA,
                         "words": int(a["words"].sum()) if sec else pd.NA})
    return pd.DataFrame(rows)


def survival_by_part(corr: pd.DataFrame) -> pd.DataFrame:
    """Articles per part and class: 2026 articles by the part of their 2026 section, removed 1995 articles by
    the part of their 1995 section. Columns: part, then one per class."""
    part = [part_of("2026", s) if isinstance(a, str) and a else part_of("1995_2023", s95)
            for a, s, s95 in zip(corr["article_2026"].fillna(""), corr["section_2026"], corr["section_1995"])]
    t = pd.crosstab(pd.Series(part, name="part"), corr["class"].values).reindex(columns=list(CLASSES), fill_value=0)
    t = t.reindex([p for p in PARTS if p in t.index])
    return t.reset_index()


def carried_words(articles: pd.DataFrame, corr: pd.DataFrame) -> dict:
    """Words of the 2026 text carried over, in order, from the paired 1995 article, and the 2026 total (articles)."""
    t95 = articles[articles["version"] == "1995_2023"].set_index("article")["text_ru"].fillna("")
    t26 = articles[articles["version"] == "2026"].set_index("article")["text_ru"].fillna("")
    paired = corr[corr["article_2026"].notna() & corr["article_1995"].notna()]
    carried = sum(words_carried(t95[o], t26[n]) for o, n in zip(paired["article_1995"], paired["article_2026"]))
    total = sum(count_words(t) for a, t in t26.items() if a != "preamble")
    return {"carried": carried, "total_2026": total}


def our_counts(articles: pd.DataFrame, links: pd.DataFrame, corr: pd.DataFrame, laws: pd.DataFrame) -> dict:
    """For each published measure, the counts of ours that someone could mean by it: a list of
    (value, what we counted). The reconciliation picks the one that matches, if any."""
    vc = version_counts(articles).set_index("version")
    v95, v26 = vc.loc["1995_2023"], vc.loc["2026"]
    added = links[(links["target"] == "article") & (links["change"] == "added")]["article"].nunique()
    a95 = articles[(articles["version"] == "1995_2023") & (articles["article"] != "preamble")]
    rights = int(((a95["section"] == PARTS["rights"]["1995_2023"]) & (a95["status"] == "in_force")).sum())
    by_law = amendments_by_law(laws, links).set_index("law_id")
    ref = by_law.loc[by_law["adopted_by"] == "referendum"].iloc[0]
    continued = corr[corr["article_2026"].notna() & corr["article_1995"].notna()]
    changed95 = continued.loc[continued["class"].isin([EDITED, REWRITTEN]), "article_1995"].nunique()
    kept95 = continued.loc[continued["class"] == KEPT, "article_1995"].nunique()
    removed95 = int((corr["class"] == REMOVED).sum() - (a95["status"] == "repealed").sum())
    with_text95 = int(v95["articles_with_text"])
    cw = carried_words(articles, corr)
    new_share = 100 * (cw["total_2026"] - cw["carried"]) / cw["total_2026"]
    not_kept_share = 100 * (with_text95 - kept95) / with_text95
    return {
        "articles_1995": [
            (int(v95["article_numbers"]) - added, "articles of the 1995 text as adopted (the 2023 edition's numbers "
                                                  f"less the {added} added by amendment)"),
            (int(v95["highest_number"]), "the highest article number of the 2023 edition (83-1, 94-1 and 94-2 "
                                         "not counted, repealed 84 counted)"),
            (with_text95, "articles with text in the 2023 edition"),
            (int(v95["article_numbers"]), "article numbers in the 2023 edition, repealed 84 included")],
        "sections_1995": [(int(v95["sections"]), "sections of the 2023 edition")],
        "articles_rights_section_1995": [(rights, "articles with text in section II of the 2023 edition")],
        "amending_laws": [(len(laws), "laws cited in the 2023 edition's notes as amending the text")],
        "words_1995_with_notes": [],
        "articles_changed_2022": [(int(ref["articles_changed"]),
                                   "articles whose notes cite the referendum law of 8 June 2022 "
                                   f"({int(ref['articles_added'])} of them new; two section titles besides)")],
        "changes_2022": [],
        "articles_2026": [(int(v26["article_numbers"]), "articles of the adopted 2026 text")],
        "sections_2026": [(int(v26["sections"]), "sections of the adopted 2026 text")],
        "articles_changed_2026": [
            (changed95, "1995 articles continued in the 2026 text with their words changed (edited or rewritten)"),
            (changed95 + removed95, "1995 articles changed or dropped (not kept word for word, repealed 84 aside)")],
        "share_text_changed_2026_pct": [
            (round(new_share), "share of the 2026 articles' words not carried over, in order, from the 1995 article "
                               "they continue"),
            (round(not_kept_share), "share of the 1995 articles with text not kept word for word in 2026")],
    }


# Why a published count differs from every count of ours, by measure (used only when none matches).
UNRECONCILED = {
    "articles_1995": "the source counts a text other than the 1995 Constitution as adopted or as in force in 2023",
    "words_1995_with_notes": "the source counts the Kazakh text with the database's notes; we store the Russian "
                             "text only, without notes",
    "changes_2022": "the source counts the points and subpoints of the amending law; our tables record articles, "
                    "not the law's points",
    "articles_2026": "the source counts a draft; the text put to the vote and adopted has a different number",
    "articles_changed_2026": "the source counts changes proposed in a January 2026 draft; we compare the adopted "
                             "text with the 1995 text as in force",
    "share_text_changed_2026_pct": "the source does not say what it divided by what; no share of ours, by words "
                                   "or by articles, gives its figure",
}


def reconciliation(published: pd.DataFrame, ours: dict) -> pd.DataFrame:
    """Each published count beside the count of ours that matches it, or our nearest one and the reason."""
    rows = []
    for _, p in published.iterrows():
        options = ours.get(p["measure"], [])
        match = next(((v, what) for v, what in options if v == p["value"]), None)
        if match:
            ours_v, ours_what, agrees, reason = match[0], match[1], True, "same count: " + match[1]
        elif options:
            v, what = min(options, key=lambda o: abs(o[0] - p["value"]))
            ours_v, ours_what, agrees = v, what, False
            reason = UNRECONCILED.get(p["measure"], "not reconciled")
        else:
            ours_v, ours_what, agrees, reason = pd.NA, "", False, UNRECONCILED.get(p["measure"], "not reconciled")
        rows.append({"measure": p["measure"], "refers_to": p["refers_to"], "published": p["value"],
                     "qualifier": p["qualifier"], "source_id": p["source_id"], "ours": ours_v,
                     "ours_counts": ours_what, "agrees": agrees, "reason": reason})
    return pd.DataFrame(rows)


def word_diff(old: str, new: str) -> list[tuple[str, str, str]]:
    """The two texts as aligned segments (op, old text, new text): 'equal' where the words match (case and
    punctuation as in the new text's own tokens), else 'replace', 'delete' or 'insert'. Tokens are the texts split
    on spaces, so punctuation stays with its word; matching compares the words only (case ignored)."""
    a, b = (old or "").split(), (new or "").split()
    key = lambda tok: " ".join(w.lower() for w in words(tok)) or tok  # noqa: E731
    sm = difflib.SequenceMatcher(None, [key(x) for x in a], [key(x) for x in b], autojunk=False)
    return [(op, " ".join(a[i1:i2]), " ".join(b[j1:j2])) for op, i1, i2, j1, j2 in sm.get_opcodes()]
