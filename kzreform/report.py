"""Self-contained HTML reports: one page per notebook (prose and outputs, code hidden) and an index.

Everything a page shows is inside the file (figures as data URIs, inline CSS, no scripts), so it opens
offline and asks no server for anything. Reports go to reports/, which is not committed.
"""

from __future__ import annotations

import html
import json
import re
import time
from pathlib import Path

from . import catalogue, i18n, paths
from .fileio import write_text_atomic
from .readable import mend_tables, sanitise

CSS = """
body{font-family:"DejaVu Sans",Helvetica,Arial,sans-serif;color:#222;margin:0;line-height:1.5;background:#fff}
main{max-width:860px;margin:0 auto;padding:1.5rem 1.5rem 3rem}
nav.toc{background:#f4f4f4;border-left:4px solid #0072B2;padding:.6rem 1rem;margin:1rem 0 2rem}
nav.toc ul{margin:.2rem 0;padding-left:1.2rem} nav.toc a{color:#0072B2;text-decoration:none}
h1{font-size:1.6rem;line-height:1.25} h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ddd}
a.anchor-link{display:none} img{max-width:100%;height:auto}
table{border-collapse:collapse;font-size:.8rem;margin:.8rem 0;display:block;overflow-x:auto}
th,td{border-bottom:1px solid #e3e3e3;padding:.25rem .5rem;text-align:left;vertical-align:top} th{background:#f7f7f7}
pre{background:#f7f7f7;padding:.5rem;overflow-x:auto;font-size:.8rem}
.sources li{margin-bottom:.3rem;font-size:.85rem} footer{color:#666;font-size:.8rem;margin-top:3rem}
.jp-OutputPrompt,.jp-InputPrompt{display:none}
"""

HEADING = re.compile(r'<h([12]) id="([^"]+)">(.*?)<a class="anchor-link"', re.S)
# Scripts, styles, frames, forms and requests to anywhere are refused by the browser, whatever a page holds.
CSP = ("default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'")
def _exporter():
    from nbconvert import HTMLExporter
    exporter = HTMLExporter(template_name="basic")
    exporter.exclude_input = True
    exporter.exclude_input_prompt = True
    exporter.exclude_output_prompt = True
    exporter.exclude_output_stdin = True
    return exporter


def title_html(title: str) -> str:
    """A source's title in quotes; a title the project supplied in square brackets (the headline was not in the
    stored copy) as a description in italics with that said in words, never the bracketed note itself."""
    if not title.startswith("["):
        return f"“{html.escape(title)}”"
    described = title.split("]", 1)[1].strip() if "]" in title else ""
    missing = html.escape(i18n.tr("headline not recorded"))
    return f"<i>{html.escape(described)}</i> ({missing})" if described else f"<i>{missing}</i>"


def sources_html(tables: list[str]) -> str:
    """The sources of every row of the given tables, as a list of publisher, title, address and dates."""
    from .datasets import load
    ids: set[str] = set()
    for t in tables:
        df = load(t)
        ids |= set(df["source_id"])
        if "cross_check_source_ids" in df:
            ids |= {s for v in df["cross_check_source_ids"].dropna() for s in v.split(";")}
    src = load("sources")
    src = src[src["source_id"].isin(ids)].sort_values(["publisher", "source_id"])
    items = []
    for _, s in src.iterrows():
        published = f", published {html.escape(s['date_published'])}" if isinstance(s["date_published"], str) else ""
        items.append(f'<li><b>{html.escape(s["publisher"])}</b>, {title_html(s["title"])}{published}, '
                     f'<a href="{html.escape(s["url"])}">{html.escape(s["url"])}</a> '
                     f'(read {s["date_accessed"]:%Y-%m-%d}; {html.escape(s["language"])}; '
                     f'<code>{html.escape(s["source_id"])}</code>)</li>')
    return f'<ul class="sources">{"".join(items)}</ul>'


def page(title: str, toc: str, body: str, sources: str, lang: str = "en", back: str = "← All reports",
         sources_heading: str = "Sources", footer: str = "") -> str:
    footer = footer or ("Generated from the committed notebook by <code>python -m kzreform report</code>. "
                        "Code: MIT; data and figures: CC BY 4.0.")
    return (f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body><main>"
            f'<p><a href="{"../index.html" if i18n.locale(lang).edition else "index.html"}">{html.escape(back)}</a></p>'
            f'{toc}{body}'
            f'<h2 id="sources">{html.escape(sources_heading)}</h2>{sources}'
            f"<footer>{footer}</footer></main></body></html>\n")


NO_DESCRIPTION = "No description has been provided for this image"


def _figure_alts() -> dict[str, str]:
    """{the base64 text of each committed figure's PNG: its alt text}: a notebook shows the exported PNG itself."""
    import base64
    alts = {}
    for meta in sorted(paths.FIGURES.glob("*.json")):
        png = meta.with_suffix(".png")
        if png.is_file():
            alt = json.loads(meta.read_text(encoding="utf-8")).get("alt")
            if alt:
                alts[base64.b64encode(png.read_bytes()).decode()] = alt
    return alts


def reader_html(body: str) -> str:
    """A notebook's HTML made fit for a reader: every chart image carries its figure's alt text, and every table is
    mended as kzreform.readable.mend_tables says (the notebooks' own tables already are: this mends any other)."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(body, "html.parser")
    alts = _figure_alts()
    for img in soup.find_all("img"):
        data = re.sub(r"\s", "", img.get("src", "")).removeprefix("data:image/png;base64,")
        if data in alts:
            img["alt"] = alts[data]
    mend_tables(soup)
    return str(soup)


def notebook_report(nb_path: Path) -> tuple[str, str]:
    """(title, HTML page) for one executed notebook."""
    import nbformat
    from .runner import read_notebook_json
    read_notebook_json(nb_path)  # a clear message for a conflicted or truncated notebook
    nb = nbformat.read(nb_path, as_version=4)
    body, _ = _exporter().from_notebook_node(nb)
    body = sanitise(reader_html(body))  # nothing executable, nothing fetched, whatever text the data held
    headings = HEADING.findall(body)
    title = re.sub("<[^>]+>", "", headings[0][2]).strip() if headings else nb_path.stem
    entries = "".join(f'<li><a href="#{hid}">{re.sub("<[^>]+>", "", text).strip()}</a></li>'
                      for level, hid, text in headings if level == "2")
    toc = f'<nav class="toc"><b>Contents</b><ul>{entries}<li><a href="#sources">Sources</a></li></ul></nav>'
    from .exhibits import datasets_of
    return title, page(title, toc, body, sources_html(datasets_of(nb_path.stem)))


def index_page(reports: list[tuple[str, str]], editions: list[str] = ()) -> str:
    from .i18n import NAMES
    figures = catalogue.figure_entries()
    items = "".join(f'<li><a href="{html.escape(name)}.html">{html.escape(title)}</a></li>' for name, title in reports)
    findings = "".join(f"<li>{html.escape(e['title'])} (<a href=\"{html.escape(e['notebook'])}.html\">"
                       f"{html.escape(e['notebook'])}</a>)</li>" for e in figures)
    body = (f"<h1>Kazakhstan's constitutional reform in numbers</h1><h2 id=\"reports\">Reports</h2><ul>{items}</ul>"
            f'<h2 id="findings">Findings</h2><ul>{findings}</ul>')
    if editions:
        links = "".join(f'<li><a href="{lang}/index.html" hreflang="{lang}" lang="{lang}">{html.escape(NAMES[lang])}'
                        f"</a></li>" for lang in editions)
        body += (f'<h2 id="editions">Figures in Russian and Kazakh</h2><p>Every chart with its title, subtitle, '
                 f"source line and alt text in the language (not yet reviewed by native speakers; the notebooks' "
                 f"text and tables are in English).</p><ul>{links}</ul>")
    return page("Kazakhstan's constitutional reform in numbers: reports", "", body, "<p>Each report lists its own.</p>")


def edition_page(lang: str, stream=None) -> tuple[str, list[str]]:
    """(HTML page, charts left out) of every chart in Russian or Kazakh: title, subtitle, the chart in caption mode
    (its words are the page's text, selectable and searchable), source line, alt text, and the sources listed."""
    import base64

    import matplotlib.pyplot as plt

    from . import charts, exhibits, i18n, layout, output
    from .datasets import load
    sections, toc, ids, left_out = [], [], [], []
    names = [n for n, e in exhibits.REGISTRY.items() if e.kind == "chart"]
    for i, name in enumerate(names, 1):
        if stream:
            print(f"  [{i}/{len(names)}] {lang}: {name}", file=stream, flush=True)
        with i18n.language(lang):
            try:
                result = exhibits.draw_edition(name, exhibits.canvas_for(name, titles=False))
            except (i18n.MissingTranslation, layout.LayoutError):
                left_out.append(name)
                continue
            try:
                meta = result.meta
                png = output.render(result.fig, "png", 150, meta["title"], result.alt)
                source = charts.source_line(meta["sources"], meta.get("note", ""))
                alt_label = i18n.tr("Alt text: {alt}", alt="")
            finally:
                plt.close(result.fig)
        ids += meta["sources"]
        width = int(exhibits.REGISTRY[name].default[0] * 100)
        toc.append(f'<li><a href="#{name}">{html.escape(meta["title"])}</a></li>')
        sections.append(
            f'<h2 id="{name}">{html.escape(meta["title"])}</h2><p>{html.escape(meta["subtitle"])}</p>'
            f'<figure><img src="data:image/png;base64,{base64.b64encode(png).decode()}" alt="{html.escape(result.alt)}"'
            f' width="{width}"><figcaption><small>{html.escape(source)}</small></figcaption></figure>'
            f"<p><small><b>{html.escape(alt_label.strip())}</b> {html.escape(result.alt)}</small></p>")
    with i18n.language(lang):
        tr = i18n.tr
        title = tr("Kazakhstan's constitutional reform in numbers")
        intro = tr("Every chart of the project, drawn from the same data as the English edition. The notebooks' text "
                   "and tables are in English. The translation has not yet been reviewed by native speakers.")
        if left_out:
            intro += " " + tr("Not yet in this language: {names}.", names=", ".join(left_out))
        src = load("sources").set_index("source_id")
        items = []
        for sid in sorted(dict.fromkeys(ids), key=lambda x: (src.at[x, "publisher"], x)):
            s = src.loc[sid]
            items.append(f'<li><b>{html.escape(s["publisher"])}</b>, {title_html(s["title"])}, '
                         f'<a href="{html.escape(s["url"])}">{html.escape(s["url"])}</a> '
                         f'(<code>{html.escape(sid)}</code>)</li>')
        toc_html = (f'<nav class="toc"><b>{html.escape(tr("Contents"))}</b><ul>{"".join(toc)}'
                    f'<li><a href="#sources">{html.escape(tr("Sources"))}</a></li></ul></nav>')
        body = sanitise(f"<h1>{html.escape(title)}</h1><p>{html.escape(intro)}</p>{toc_html}{''.join(sections)}")
        text = page(title, "", body, f'<ul class="sources">{"".join(items)}</ul>', lang=lang,
                    back=tr("← English reports"), sources_heading=tr("Sources"),
                    footer=html.escape(tr("Generated from data/ by {command}. Code: MIT; data and figures: CC BY 4.0.",
                                          command=f"python -m kzreform report --lang {lang}")))
    return text, left_out


def build(out: Path | None = None, stream=None, langs=("en", "ru", "kk")) -> list[Path]:
    """Write reports/NN_topic.html for every notebook and reports/index.html (English), and reports/LANG/index.html
    with every chart in Russian and Kazakh; print a line per page. `langs` chooses which."""
    import sys
    stream = stream or sys.stdout
    out = Path(out or paths.REPORTS)
    if "en" in langs:  # a conflicted or truncated notebook is refused before anything is drawn or written
        from .runner import read_notebook_json
        for nb_path in sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb")):
            read_notebook_json(nb_path)
    written = []
    for lang in langs:
        if not i18n.locale(lang).edition:
            continue
        start = time.perf_counter()
        text, left_out = edition_page(lang, stream)
        path = out / lang / "index.html"
        write_text_atomic(path, text)
        written.append(path)
        print(f"  {lang}: {paths.relative(path)}  {time.perf_counter() - start:.1f} s"
              + (f" (not yet in this language: {', '.join(left_out)})" if left_out else ""), file=stream, flush=True)
    if all(i18n.locale(lang).edition for lang in langs):  # the English original not asked for
        print(f"{len(written)} page{'s' * (len(written) != 1)} in {paths.relative(out)}/", file=stream, flush=True)
        return written
    reports = []
    notebooks = sorted(paths.NOTEBOOKS.glob("[0-9]*.ipynb"))
    for i, nb_path in enumerate(notebooks, 1):
        start = time.perf_counter()
        print(f"  [{i}/{len(notebooks)}] {nb_path.name} ...", file=stream, flush=True)
        title, text = notebook_report(nb_path)
        path = out / f"{nb_path.stem}.html"
        write_text_atomic(path, text)
        reports.append((nb_path.stem, title))
        written.append(path)
        print(f"  [{i}/{len(notebooks)}] {nb_path.name} -> {paths.relative(path)}  "
              f"{time.perf_counter() - start:.1f} s", file=stream, flush=True)
    index = out / "index.html"
    editions = [lang for lang in ("ru", "kk") if (out / lang / "index.html").is_file()]  # built now or before
    write_text_atomic(index, index_page(reports, editions))
    written.append(index)
    print(f"{len(written)} pages in {paths.relative(out)}/ (open index.html)", file=stream, flush=True)
    return written
