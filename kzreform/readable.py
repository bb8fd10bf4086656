"""HTML a reader is shown: pandas tables mended for reading, and anything that could run, load or restyle removed.

Used by the notebooks (exhibits.setup() shows every DataFrame this way, so the committed notebooks read the same
on GitHub, in JupyterLab and in the reports) and by the HTML reports.
"""

from __future__ import annotations

import re

# What a report page or a notebook's table may contain after sanitising (nh3, the Python binding of the ammonia
# sanitiser).
TAGS = {"a", "abbr", "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div", "dl", "dt", "em",
        "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "small",
        "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul"}
ATTRIBUTES = {"*": {"class", "id", "title"}, "a": {"href"}, "img": {"src", "alt", "width", "height"},
              "td": {"colspan", "rowspan"}, "th": {"colspan", "rowspan", "scope"}}
IMAGE_DATA = re.compile(r"data:image/(png|jpeg|gif);base64,[A-Za-z0-9+/=\s]*")


def _allowed(tag: str, attribute: str, value: str):
    """Keep data: URIs only as embedded PNG/JPEG/GIF images; everything else in a URL must be http(s) or local."""
    if attribute == "src":
        return value if tag == "img" and IMAGE_DATA.fullmatch(value) else None
    if attribute == "href" and value.strip().lower().startswith("data:"):
        return None
    return value


def sanitise(body: str) -> str:
    """HTML (a report page, a table) with anything that could run, load or restyle removed (text from data
    included)."""
    import nh3
    return nh3.clean(body, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_allowed,
                     url_schemes={"http", "https", "mailto", "data"}, clean_content_tags={"script", "style"},
                     strip_comments=True)


SNAKE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)+")
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
BARE_NUMBER = re.compile(r"(?<![\d.,])\d{5,}(?![\d.,])|(?<![\d.,])(?!(?:19|20)\d\d\b)\d{4}(?![\d.,])")
SOURCE_IN_BRACKETS = re.compile(r"\s*\(([a-z][a-z0-9]*(?:_[a-z0-9]+)+)\)")


def mend_tables(soup) -> None:
    """Every table in a parsed page (BeautifulSoup), in place: no index-name header row, no row numbers, booleans
    as yes/no, codes and ISO dates in words, whole numbers with thousands separators, and source ids as the
    publishers' names linked to the page read. Mending a mended table changes nothing."""
    from . import wording
    from .charts import credit_name
    from .datasets import load
    sources = load("sources").set_index("source_id")

    def source_links(text: str):
        ids = [x.strip() for x in re.split(r"[;,]", text) if x.strip()]
        if not ids or any(i not in sources.index for i in ids):
            return None
        links = []
        for sid in dict.fromkeys(ids):
            s = sources.loc[sid]
            name = credit_name(s["publisher"]) or re.sub(r"\s*\([^)]*\)", "", s["publisher"]).strip()
            a = soup.new_tag("a", href=s["url"])
            a.string = name
            links.append(a)
        return links

    for table in soup.find_all("table"):
        head = table.find("thead")
        rows = head.find_all("tr") if head else []
        if len(rows) == 2:  # pandas puts the index's name in a row of its own: it joins the header row
            names = [th.get_text().strip() for th in rows[1].find_all("th")]
            k = next((i for i, n in enumerate(names) if not n), len(names))
            if k and all(not n for n in names[k:]):
                for th, name in zip(rows[0].find_all("th"), names):
                    if name and not th.get_text().strip():
                        th.string = name
                rows[1].decompose()
        body_rows = table.find("tbody").find_all("tr") if table.find("tbody") else []
        firsts = [r.find("th") for r in body_rows]
        numbers = [f.get_text().strip() for f in firsts] if body_rows and all(firsts) else []
        if numbers and numbers in ([str(i) for i in range(1, len(numbers) + 1)], [str(i) for i in range(len(numbers))],
                                   [""] * len(numbers)):
            for r in body_rows:  # a row number says nothing: the column goes
                r.find("th").decompose()
            if head:
                for r in head.find_all("tr"):
                    first = r.find("th")
                    if first is not None and not first.get_text().strip():
                        first.decompose()
        for th in (head.find_all("th") if head else []):
            text = th.get_text().strip()
            if SNAKE.fullmatch(text):
                th.string = wording.words(text)
        for r in body_rows:
            cells = r.find_all(["th", "td"])
            for cell in cells:
                text = cell.get_text().strip()
                if cell.find(True) is not None:
                    continue  # a cell with markup of its own (a link) is left as it is
                if text in ("True", "False"):
                    cell.string = "yes" if text == "True" else "no"
                elif links := source_links(text):  # a cell of source ids, wherever it stands
                    cell.clear()
                    for j, a in enumerate(links):
                        if j:
                            cell.append("; ")
                        cell.append(a)
                elif SNAKE.fullmatch(text):
                    cell.string = wording.words(text)
                elif ids_in_brackets := [m for m in SOURCE_IN_BRACKETS.finditer(text) if m.group(1) in sources.index]:
                    for m in reversed(ids_in_brackets):  # 'Vlast.kz (vlast_55100)': the publisher says it
                        text = text[:m.start()] + text[m.end():]
                    cell.string = text
                elif ISO_DATE.fullmatch(text):
                    cell.string = wording.day(text)
                elif BARE_NUMBER.search(text) and not re.search(r"[A-Za-z]{2,}\.\w|/|№|No\.", text):
                    cell.string = BARE_NUMBER.sub(lambda m: f"{int(m.group()):,}", text)


def mended(table_html: str) -> str:
    """HTML holding pandas tables, mended (mend_tables) and sanitised: text from data is never markup."""
    from bs4 import BeautifulSoup
    soup = BeautifulSoup(table_html, "html.parser")
    mend_tables(soup)
    return sanitise(str(soup))


def dataframe_html(df) -> str:
    """A DataFrame as a notebook shows it to a reader: pandas' HTML (whole, as the display options say), mended."""
    return mended(df._repr_html_())
