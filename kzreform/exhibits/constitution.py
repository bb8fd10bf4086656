"""Notebook 08: the Constitution's own text, 1995 -> 2022 -> 2026, article by article."""

from __future__ import annotations

import pandas as pd

from .. import axes, charts, constitution, i18n, layout, wording
from ..charts import Canvas, colour
from ..i18n import tr
from ..tables import Tables
from .registry import Chart, exhibit, reader_tables

NB = "08_constitution"
AMENDMENTS = ("constitution_amendments", "constitution_article_amendments")
reader_tables(NB, reads=("constitution_published_counts",))
PART_LABELS = {"foundations": "Foundations", "rights": "Rights and freedoms", "president": "President",
               "parliament": "Parliament / Kurultai", "government": "Government",
               "peoples_council": "People's Council", "constitutional_court": "Constitutional Court",
               "courts": "Courts and prosecution", "local_government": "Local government",
               "amendment": "Amending the Constitution", "final": "Final and transitional"}
# A part as what "the text ..." is about, in a title ("the text on the President").
IN_TITLE = {"rights": "on rights and freedoms", "president": "on the President", "parliament": "on the legislature",
            "government": "on the Government", "courts": "on the courts",
            "constitutional_court": "on the Constitutional Court"}
CLASS_LABELS = {"kept": "kept word for word", "edited": "edited", "rewritten": "rewritten", "new": "new",
                "removed": "dropped"}
VERSION_LABELS = {"1995_2023": "1995 (as in force in 2023)", "2026": "2026"}


def _n(v) -> str:
    """A whole number with the edition's thousands separator."""
    return i18n.localise_number(f"{int(v):,}")


def _sources(t: Tables, *tables: pd.DataFrame) -> list[str]:
    return sorted({s for df in tables for s in df["source_id"].dropna()})


@exhibit(NB, reads=("constitution_correspondence",), default=(6.5, 4.8))
def constitution_survival(t: Tables, c: Canvas) -> Chart:
    corr = t.constitution_correspondence
    s = constitution.survival_by_part(corr)
    totals = corr["class"].value_counts()
    n26 = int(corr["article_2026"].notna().sum())
    fig, ax = c.figure(
        tr("Of the 2026 Constitution's {n} articles, {kept} keep the 1995 wording", kept=int(totals.get("kept", 0)),
           n=n26),
        tr("2026 articles by the 1995 article they continue (edited: half the words or more shared; rewritten: "
           "less), and 1995 articles dropped, by part of the text."),
        _sources(t, corr))
    labels = [tr(PART_LABELS[p]) for p in s["part"]]
    size = c.category_size(fig, len(labels) + 1, 34 + 2.8 * c.pt("legend"))  # room for the legend's two rows
    y = list(range(len(labels)))[::-1]
    left = [0] * len(labels)
    for cls in constitution.CLASSES:
        values = list(s[cls])
        ax.barh(y, values, left=left, height=0.7, color=colour(f"text_{cls}"), linewidth=0,
                label=tr(CLASS_LABELS[cls]))
        for yi, l0, v in zip(y, left, values):
            if v >= 3:
                ax.annotate(str(v), (l0 + v / 2, yi), ha="center", va="center", fontsize=min(size, c.pt("small")),
                            color="white" if cls in ("kept", "edited", "removed") else charts.TEXT)
        left = [a + b for a, b in zip(left, values)]
    ax.set_yticks(y, labels, fontsize=size)
    axes.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(tr("Articles"))
    ax.set_xlim(0, max(left) * 1.05)
    c.top_legend(fig, ax)
    data = s.assign(part=s["part"])
    alt = tr("Stacked bars by part of the Constitution: of the 2026 text's {n} articles, {kept} are kept word for "
             "word from 1995, {edited} edited, {rewritten} rewritten and {new} new; {removed} articles of the 1995 "
             "text are dropped.", n=n26, kept=int(totals.get("kept", 0)), edited=int(totals.get("edited", 0)),
             rewritten=int(totals.get("rewritten", 0)), new=int(totals.get("new", 0)),
             removed=int(totals.get("removed", 0)))
    return Chart(fig, data, alt)


def _amendments_title(by: pd.DataFrame, ref, top) -> str:
    """One finding: where the referendum's amendment ranks among the amending laws by articles changed."""
    above = int((by["articles_changed"] > ref["articles_changed"]).sum())
    fields = {"ref_year": ref["date"].year, "ref": int(ref["articles_changed"]), "year": top["date"].year,
              "most": int(top["articles_changed"])}
    if above == 0:
        return tr("The {ref_year} referendum changed {ref} articles, more than any other amendment", **fields)
    if above == 1:
        return tr("The {ref_year} referendum changed {ref} articles, second only to the {year} law's {most}", **fields)
    return tr("The {year} law changed the most articles of the Constitution: {most}", **fields)


@exhibit(NB, reads=AMENDMENTS, default=(6.5, 4.2))
def constitution_amendments_over_time(t: Tables, c: Canvas) -> Chart:
    laws, links = t.constitution_amendments, t.constitution_article_amendments
    by = constitution.amendments_by_law(laws, links)
    top = by.loc[by["articles_changed"].idxmax()]
    ref = by[by["adopted_by"] == "referendum"].iloc[0]
    fig, ax = c.figure(_amendments_title(by, ref, top),
        tr("Articles of the 1995 Constitution changed by each amending law, from the consolidated text's notes (new "
           "articles count; section titles and Kazakh-only edits do not). Dark: by referendum."),
        _sources(t, laws, links))
    labels = [str(d.year) for d in by["date"]]
    narrow = c.width < 4.5  # one line a bar: the year (the referendum's bar is the dark one)
    x = list(range(len(by)))
    for xi, v, how in zip(x, by["articles_changed"], by["adopted_by"]):
        ax.bar(xi, v, width=0.7, color=colour("emphasis") if how == "referendum" else colour("context"), linewidth=0)
        ax.annotate(str(int(v)), (xi, v), xytext=(0, 1.5), textcoords="offset points", ha="center", va="bottom",
                    fontsize=c.pt("small"), color=charts.TEXT)
    ax.set_xticks(x, labels if narrow else
                  [f"{lab}\n№ {num}" if isinstance(num, str) and num else f"{lab}\n{tr('referendum')}"
                   for lab, num in zip(labels, by["number"])], fontsize=c.pt("tick"))
    ax.tick_params(axis="x", length=0)
    ax.set_ylabel(tr("Articles changed"))
    ax.set_ylim(0, by["articles_changed"].max() * 1.18)
    data = by.assign(date=by["date"].dt.strftime("%Y-%m-%d"))
    alt = tr("Bars for the {n} laws that amended the 1995 Constitution from {first} to {last}: the {year} law changed "
             "{most} articles, the referendum law of 2022 {ref}.", n=len(by), first=by["date"].dt.year.min(),
             last=by["date"].dt.year.max(), year=top["date"].year, most=int(top["articles_changed"]),
             ref=int(ref["articles_changed"]))
    return Chart(fig, data, alt)


@exhibit(NB, reads=AMENDMENTS + ("constitution_articles",), default=(6.5, 4.8))
def constitution_most_amended(t: Tables, c: Canvas) -> Chart:
    laws, links, arts = t.constitution_amendments, t.constitution_article_amendments, t.constitution_articles
    m = constitution.most_amended(links, arts, top=12)
    most = m[m["laws"] == m["laws"].max()]
    fig, ax = c.figure(
        tr("{articles} were amended by {k} of the {n} laws, more than any other",
           articles=_article_list(most["article"]), k=int(m["laws"].max()), n=len(laws)),
        tr("Articles of the 1995 Constitution by the number of laws that amended them, 1998-2022 (the {top} most "
           "amended; changes to the Kazakh text alone not counted).", top=len(m)),
        _sources(t, links))
    labels = [tr("Art. {article}", article=a) for a in m["article"]]
    size = c.category_size(fig, len(labels), 24)
    y = list(range(len(m)))[::-1]
    for yi, v in zip(y, m["laws"]):
        ax.barh(yi, v, height=0.7, color=colour("emphasis") if v == m["laws"].max() else colour("context"),
                linewidth=0)
        ax.annotate(str(int(v)), (v, yi), xytext=(3, 0), textcoords="offset points", va="center", fontsize=size,
                    color=charts.TEXT)
    ax.set_yticks(y, labels, fontsize=size)
    axes.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(tr("Amending laws"))
    ax.set_xlim(0, len(laws))
    data = m.rename(columns={"topic_en": "topic"})
    alt = tr("Horizontal bars of the {top} most amended articles of the 1995 Constitution; {articles} were amended "
             "by {k} laws each.", top=len(m), articles=_article_list(most["article"]), k=int(m["laws"].max()))
    return Chart(fig, data, alt)


def _article_list(articles) -> str:
    items = [str(a) for a in articles]
    if len(items) == 1:
        return tr("Article {article}", article=items[0])
    return tr("Articles {articles}", articles=", ".join(items[:-1]) + tr(" and ") + items[-1])


@exhibit(NB, reads=("constitution_articles",), default=(6.5, 4.6))
def constitution_length_by_part(t: Tables, c: Canvas) -> Chart:
    arts = t.constitution_articles
    w = constitution.words_by_part(arts)
    wide = w.pivot(index="part", columns="version", values="words").reindex(list(constitution.LENGTH_PARTS))
    change = (wide["2026"] - wide["1995_2023"]).astype(int)
    shrink, grow = change.idxmin(), change.idxmax()
    fig, ax = c.figure(
        tr("The text {shrink} shrank the most, from {a} to {b} words", shrink=tr(IN_TITLE[shrink]),
           a=_n(wide.loc[shrink, "1995_2023"]), b=_n(wide.loc[shrink, "2026"])),
        tr("Words per part of the text, 1995 Constitution as in force on 1 January 2023 and 2026 Constitution "
           "(notes not counted). The 1995 text as adopted was not found."),
        _sources(t, arts))
    labels = [tr(PART_LABELS[p]) for p in wide.index]
    size = c.category_size(fig, len(labels) * 2, 30 + 1.8 * c.pt("legend"))
    value_size = max(layout.MIN_PT, min(size * 0.8, c.pt("small")))
    y = list(range(len(labels)))[::-1]
    h = 0.45
    for k, (v, role) in enumerate((("1995_2023", "context"), ("2026", "emphasis"))):
        ys = [yi + (h / 2 if k == 0 else -h / 2) for yi in y]
        ax.barh(ys, wide[v], height=h, color=colour(role), linewidth=0, label=tr(VERSION_LABELS[v]))
        for yy, val in zip(ys, wide[v]):
            ax.annotate(_n(val), (val, yy), xytext=(3, 0), textcoords="offset points", va="center",
                        fontsize=value_size, color=charts.TEXT)
    ax.set_yticks(y, labels, fontsize=size)
    axes.horizontal_bars(ax)
    ax.tick_params(axis="y", length=0)
    ax.set_xlabel(tr("Words"))
    c.room_for_labels(fig, ax, "0 000", float(wide.max().max()), value_size)
    c.top_legend(fig, ax)
    data = w
    alt = tr("Paired bars of words per part of the Constitution in 2023 and 2026: the text {shrink} went from {a} "
             "to {b} words, {grow} from {c} to {d}.", shrink=tr(IN_TITLE[shrink]),
             a=_n(wide.loc[shrink, "1995_2023"]), b=_n(wide.loc[shrink, "2026"]), grow=tr(IN_TITLE[grow]),
             c=_n(wide.loc[grow, "1995_2023"]), d=_n(wide.loc[grow, "2026"]))
    return Chart(fig, data, alt)


# --- tables and sentences for reading (notebook 08) ------------------------------------------------------

def counts_table(t: Tables) -> pd.DataFrame:
    v = constitution.version_counts(t.constitution_articles)
    v["version"] = v["version"].map(VERSION_LABELS)
    return wording.table(v, {"version": "Text", "sections": "Sections", "article_numbers": "Article numbers",
                             "articles_with_text": "Articles with text", "highest_number": "Highest number",
                             "words": "Words"}, index="version")


def amendments_table(t: Tables) -> pd.DataFrame:
    by = constitution.amendments_by_law(t.constitution_amendments, t.constitution_article_amendments)
    return wording.table(by.drop(columns="law_id"),
                         {"date": "Date", "number": "Number", "adopted_by": "Adopted by",
                          "articles_changed": "Articles changed", "articles_added": "Of which new",
                          "section_titles": "Section titles"}, index="date")


MEASURE_LABELS = {
    "articles_1995": "Articles, 1995 Constitution", "sections_1995": "Sections, 1995 Constitution",
    "articles_rights_section_1995": "Articles in the rights section, 1995", "amending_laws": "Laws amending the 1995 text",
    "words_1995_with_notes": "Words, 1995 text with notes", "articles_changed_2022": "Articles changed in 2022",
    "changes_2022": "Changes made in 2022", "articles_2026": "Articles, 2026 Constitution",
    "sections_2026": "Sections, 2026 Constitution", "articles_changed_2026": "Articles changed by 2026",
    "share_text_changed_2026_pct": "Share of the text changed by 2026, %"}


def reconciliation_table(t: Tables) -> pd.DataFrame:
    from ..datasets import source_publishers
    ours = constitution.our_counts(t.constitution_articles, t.constitution_article_amendments,
                                   t.constitution_correspondence, t.constitution_amendments)
    rec = constitution.reconciliation(t.constitution_published_counts, ours)
    rec["measure"] = rec["measure"].map(MEASURE_LABELS)
    rec["source_id"] = rec["source_id"].map(lambda s: source_publishers([s])[0])
    rec["agrees"] = rec["agrees"].map({True: "yes", False: "no"})
    return wording.table(rec.drop(columns="qualifier"),
                         {"measure": "Count", "refers_to": "What the source speaks of", "published": "Published",
                          "source_id": "Source", "ours": "Ours", "ours_counts": "What ours counts",
                          "agrees": "Same", "reason": "Why they differ (or agree)"}, index="measure")


def correspondence_table(t: Tables, cls: str | None = None) -> pd.DataFrame:
    corr = t.constitution_correspondence
    if cls:
        corr = corr[corr["class"] == cls]
    return wording.table(corr.drop(columns=["pairing", "source_id"]),
                         {"article_2026": "2026 article", "section_2026": "2026 section",
                          "article_1995": "1995 article", "section_1995": "1995 section", "similarity": "Similarity",
                          "class": "Class", "note": "Note"}, index="article_2026", decimals={"similarity": 2})


def summary(t: Tables) -> str:
    arts, corr = t.constitution_articles, t.constitution_correspondence
    v = constitution.version_counts(arts).set_index("version")
    cw = constitution.carried_words(arts, corr)
    share = 100 * cw["carried"] / cw["total_2026"]
    return (f"The 1995 text as in force on 1 January 2023 has **{v.loc['1995_2023', 'articles_with_text']}** articles "
            f"with text in {v.loc['1995_2023', 'sections']} sections ({v.loc['1995_2023', 'words']:,} words); the 2026 "
            f"Constitution has **{v.loc['2026', 'article_numbers']}** articles in {v.loc['2026', 'sections']} sections "
            f"({v.loc['2026', 'words']:,} words). About **{share:.0f}%** of the 2026 articles' words are carried over, "
            f"in order, from the 1995 article each continues.")
